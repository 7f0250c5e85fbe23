import type { FastifyBaseLogger } from 'fastify';
import { httpErrors } from '@fastify/sensible';
import { z } from 'zod';
import {
  DOSSIER_STATUS_LABELS,
  FINAL_STATUSES,
  legalRegimeAt,
  RequiredDocumentSchema,
  TIMELINESS_LABELS,
  VARIABLES,
  type AcceptDossier,
  type DossierStatus,
  type HandedInDocument,
  type IssueCode,
  type IssueParams,
  type StatusOverride,
  type Timeliness,
} from '@motcua/common';
import type { LegalClock } from '@motcua/common/calendar';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import type { TokenPayload } from '../schemas/auth.js';
import type { CreateDossier, Dossier, QueryDossier } from '../schemas/dossiers.js';
import type { PublicDossier } from '../schemas/public-dossiers.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import {
  type DossierAccess,
  type DossierRepository,
  type DossierRow,
  type QueuedNotice,
  type StartedProcess,
  type TimelinessBounds,
} from '../repositories/dossier-repository.js';
import type { ProcedureRepository } from '../repositories/procedure-repository.js';
import { badGateway, invalidField, unavailable } from '../errors.js';

/**
 * Reception (every outcome: complete, incomplete, refused; back-entry), the acceptance of an
 * incomplete dossier brought back complete, controlled status changes, and reading dossiers within
 * the caller's access.
 *
 * Starting a process is all-or-nothing. The dossier code is taken, the process started and the
 * dossier stored in one database transaction, so when the engine cannot start the process nothing
 * is stored and no code of the daily sequence is consumed. The reverse case, a process the engine
 * started for a dossier that was then not stored (the call timed out, the insert or the commit
 * failed), is undone here: the process is deleted before the error is reported, so no orphan
 * process runs under a code that the next reception will receive again.
 */
const NOT_RECEIVED = 'the dossier was not received';

/** How long a withdrawal waits for the engine to cancel the process, before it deletes it at once. */
const CANCEL_WAIT_MS = 15_000;
const CANCEL_POLL_MS = 200;

const RequiredDocumentsSchema = z.array(RequiredDocumentSchema);

/** Judges dossiers' timeliness with the legal clock at one instant (see DossierSchema.timeliness). */
export interface TimelinessJudge {
  timelinessOf(dossier: Pick<DossierRow, 'status' | 'dueAt' | 'finishedAt'>): Timeliness | null;
  bounds: TimelinessBounds;
}
/** A judge for now: the legal clock with the current holiday calendar. */
export type TimelinessSource = () => Promise<TimelinessJudge>;

/**
 * Timeliness as officers and citizens see it: the legal clock's judgement against the current
 * appointment `dueAt`, at the server's time (statistics judge against `originalDueAt` instead). A
 * dossier found incomplete at reception is not judged: its clock has not started.
 */
export function timelinessSource(
  clock: () => Promise<LegalClock>,
  now: () => Date = () => new Date(),
): TimelinessSource {
  return async () => {
    const legalClock = await clock();
    const at = now();
    return {
      timelinessOf: (dossier) =>
        dossier.status === 'incomplete'
          ? null
          : legalClock.timeliness({
              status: dossier.status,
              dueAt: dossier.dueAt,
              finishedAt: dossier.finishedAt,
              now: at,
            }),
      bounds: { now: at, nearlyDueUntil: legalClock.addWorkingMinutes(at, legalClock.nearlyDueMinutes) },
    };
  };
}

/** Who the caller is to the dossiers: their agency subtree, and their own agency as a transfer partner. */
export async function dossierAccessOf(agencies: AgencyRepository, caller: TokenPayload): Promise<DossierAccess> {
  const [agencyIds, own] = await Promise.all([
    agencies.subtreeIds(caller.agencyCode),
    agencies.findByCode(caller.agencyCode),
  ]);
  return { agencyIds, ...(own ? { partnerAgencyId: own.id } : {}) };
}

/** A 400 naming one field, with the params its code's sentence needs. */
function fieldError(path: string, message: string, code: IssueCode, params: IssueParams) {
  return httpErrors.createError(400, `${path} ${message}`, { issues: [{ path, message, code, params }] });
}

/** A 409 about the dossier's status, carrying a stable code. */
function statusConflict(message: string, code: IssueCode, status: DossierStatus) {
  return httpErrors.createError(409, message, {
    issues: [{ path: 'params/code', message, code, params: { status } }],
  });
}

function isFinal(status: DossierStatus): boolean {
  return (FINAL_STATUSES as readonly DossierStatus[]).includes(status);
}

const normalised = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * The reception check (regulation Art. 8.1: the one-stop unit checks that the dossier is complete
 * before receiving it): the mandatory documents of the procedure version (thành phần hồ sơ) missing
 * from what was handed in. A document counts when it comes with at least the originals required and,
 * originals standing in for copies (our rule), at least as many papers in all as required.
 */
export function missingDocuments(required: unknown, handedIn: readonly HandedInDocument[]): string[] {
  const byName = new Map(handedIn.map((document) => [normalised(document.name), document]));
  return RequiredDocumentsSchema.parse(required)
    .filter((document) => document.mandatory)
    .flatMap((document) => {
      const handed = byName.get(normalised(document.name));
      const enough =
        handed !== undefined &&
        handed.originals >= document.originals &&
        handed.originals + handed.copies >= document.originals + document.copies;
      return enough ? [] : [`${document.name} (${document.originals} original(s), ${document.copies} copy(ies))`];
    });
}

/** The 400 for a dossier said to be complete without every mandatory document. */
function incompleteDocuments(missing: string[]) {
  return fieldError(
    'body/documents',
    `lacks mandatory documents: ${missing.join('; ')}. Receive the dossier with outcome incomplete, ` +
      'listing them in missingItems, or hand them in',
    'missing_documents',
    { missing: missing.join('; ') },
  );
}

export function toDossier(row: DossierRow, timeliness: Timeliness | null): Dossier {
  const documents = z
    .array(z.object({ name: z.string(), originals: z.number().int(), copies: z.number().int() }))
    .catch([])
    .parse(row.documents);
  const reception = row.events[0];
  const missingItems = z
    .object({ missingItems: z.array(z.string()) })
    .catch({ missingItems: [] })
    .parse(reception?.data ?? {}).missingItems;
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    timeliness,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    originalDueAt: row.originalDueAt?.toISOString() ?? null,
    clockPausedAt: row.clockPausedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    processInstanceId: row.processInstanceId,
    processDefinitionId: row.processDefinitionId,
    legalRegime: row.legalRegime,
    applicant: {
      fullName: row.applicantName,
      idNumber: row.applicantIdNumber,
      phone: row.applicantPhone,
      address: row.applicantAddress,
      email: row.applicantEmail,
    },
    requestSummary: row.requestSummary,
    documents,
    setCount: row.setCount,
    resultDelivery: row.resultDelivery,
    deliveryAddress: row.deliveryAddress,
    missingItems: row.status === 'incomplete' ? missingItems : [],
    refusalReason: row.refusalReason,
    returnedVia: row.returnedVia,
    postalTrackingRef: row.postalTrackingRef,
    backEntry: row.backEntry
      ? { reason: row.backEntryReason ?? '', enteredAt: row.createdAt.toISOString(), enteredBy: row.receivedBy }
      : null,
    pauses: row.pauses.map((pause) => ({
      reason: pause.reason,
      items: z.array(z.string()).catch([]).parse(pause.items),
      note: pause.note,
      requestedBy: pause.requestedBy,
      pausedAt: pause.pausedAt.toISOString(),
      remainingWorkingMinutes: pause.remainingWorkingMinutes,
      resumedAt: pause.resumedAt?.toISOString() ?? null,
      resumedBy: pause.resumedBy,
    })),
    transfers: row.transfers.map((transfer) => ({
      toAgency: { code: transfer.toAgency.code, name: transfer.toAgency.name },
      sentBy: transfer.sentBy,
      sentAt: transfer.sentAt.toISOString(),
      dueAt: transfer.dueAt.toISOString(),
      note: transfer.note,
      returnedAt: transfer.returnedAt?.toISOString() ?? null,
      returnedBy: transfer.returnedBy,
    })),
    receivedBy: row.receivedBy,
    procedure: {
      code: row.procedure.code,
      name: row.procedureVersion.name,
      processingDays: row.procedureVersion.processingDays,
      version: row.procedureVersion.version,
      field: row.procedureVersion.field,
      level: row.procedureVersion.level,
    },
    agency: { code: row.agency.code, name: row.agency.name },
  };
}

/**
 * The notices of a reception that starts nothing, to the applicant's phone and, when given, e-mail:
 * the supplement request (every missing item at once, Mẫu 02) or the refusal with its reasons
 * (Mẫu 03). The receipt of a complete dossier is queued by the compute-appointment worker, once its
 * appointment is known.
 */
function receptionNotices(
  code: string,
  input: {
    applicant: { phone: string; email?: string | undefined };
    procedureName: string;
    agencyName: string;
    publicBaseUrl: string | undefined;
  } & ({ kind: 'supplement_request'; missingItems: string[] } | { kind: 'refusal'; refusalReason: string }),
): QueuedNotice[] {
  const lookup = input.publicBaseUrl
    ? ` Tra cứu: ${input.publicBaseUrl.replace(/\/$/, '')}/#/tra-cuu?code=${encodeURIComponent(code)}`
    : '';
  const subject =
    input.kind === 'supplement_request'
      ? `Yêu cầu bổ sung, hoàn thiện hồ sơ ${code}`
      : `Từ chối tiếp nhận, giải quyết hồ sơ ${code}`;
  const body =
    input.kind === 'supplement_request'
      ? `${input.agencyName}: hồ sơ ${code} (${input.procedureName}) chưa đầy đủ. Đề nghị Ông/Bà bổ sung, ` +
        `hoàn thiện: ${input.missingItems.map((item, index) => `${index + 1}. ${item}`).join('; ')}.${lookup}`
      : `${input.agencyName} không tiếp nhận, giải quyết hồ sơ ${code} (${input.procedureName}). ` +
        `Lý do: ${input.refusalReason}.${lookup}`;
  const recipients = [
    { channel: 'sms' as const, recipient: input.applicant.phone },
    ...(input.applicant.email ? [{ channel: 'email' as const, recipient: input.applicant.email }] : []),
  ];
  return recipients.map(({ channel, recipient }) => ({
    kind: input.kind,
    channel,
    recipient,
    ...(channel === 'email' ? { subject } : {}),
    body,
    dedupeKey: `${input.kind}:${code}:reception:${channel}`,
  }));
}

export function createDossierService(deps: {
  engine: EngineClient;
  agencies: AgencyRepository;
  procedures: ProcedureRepository;
  dossiers: DossierRepository;
  timeliness: TimelinessSource;
  log: FastifyBaseLogger;
  /** Base of the public status page, for the lookup link in the applicant's messages. */
  publicBaseUrl?: string | undefined;
  /** The server's clock; tests pass their own. */
  now?: () => Date;
}) {
  const { engine, agencies, procedures, dossiers, timeliness, log } = deps;
  const now = deps.now ?? (() => new Date());

  const accessOf = (caller: TokenPayload) => dossierAccessOf(agencies, caller);

  /** Deletes the instances of a process running under a code; a failure is logged, for an operator to finish. */
  async function discardProcessesOf(processKey: string, code: string): Promise<void> {
    try {
      const instances = await engine.processInstances({ businessKey: code, processDefinitionKey: processKey });
      await Promise.all(instances.map((instance) => engine.deleteProcessInstance(instance.id)));
      if (instances.length > 0) log.warn({ dossierCode: code, instances: instances.length }, 'deleted orphan process');
    } catch (error) {
      log.error({ err: error, dossierCode: code }, 'could not delete the processes of a dossier that was not stored');
    }
  }

  /**
   * Deletes a process whose dossier was not stored. The lookup first guards the one case where the
   * commit did happen although it reported a failure: that dossier keeps its process.
   */
  async function discardProcess(instanceId: string, code: string): Promise<void> {
    try {
      if (await dossiers.findByProcessInstanceId(instanceId)) return;
      await engine.deleteProcessInstance(instanceId);
      log.warn({ dossierCode: code, processInstanceId: instanceId }, 'deleted orphan process');
    } catch (error) {
      log.error(
        { err: error, dossierCode: code, processInstanceId: instanceId },
        'could not delete the process of a dossier that was not stored',
      );
    }
  }

  /** The answer for a reception the engine made fail; other failures stay as they are (500). */
  function receptionError(error: unknown, processKey: string): unknown {
    if (!(error instanceof EngineError)) return error;
    if (error.status === 503) return unavailable(`engine unavailable: ${NOT_RECEIVED}, please try again`);
    if (error.status === 404) {
      return httpErrors.conflict(
        `the process ${processKey} of this procedure is not deployed in the engine; ${NOT_RECEIVED}`,
      );
    }
    return badGateway(`the process engine could not start the process ${processKey}; ${NOT_RECEIVED}`);
  }

  /**
   * Runs `store`, which takes the code and calls `start(code)` inside its transaction: starts the
   * process with the variables of common/src/procedures.ts, and undoes it when the dossier is not
   * stored.
   */
  async function withProcess<T>(
    processKey: string,
    variables: Omit<Record<string, unknown>, 'dossierCode'>,
    store: (start: (code: string) => Promise<StartedProcess>) => Promise<T>,
  ): Promise<T> {
    let code: string | undefined;
    let started: string | undefined;
    try {
      return await store(async (takenCode) => {
        code = takenCode;
        try {
          const instance = await engine.startProcess(processKey, {
            businessKey: takenCode,
            variables: { [VARIABLES.dossierCode]: takenCode, ...variables },
          });
          started = instance.id;
          return { id: instance.id, definitionId: instance.definitionId };
        } catch (error) {
          // The engine may have started the process before the call failed (a timeout, a lost
          // answer). Delete whatever runs under the code now, while this transaction still holds it.
          await discardProcessesOf(processKey, takenCode);
          throw error;
        }
      });
    } catch (error) {
      log.error({ err: error, dossierCode: code, processKey }, 'starting the process of a dossier failed');
      // the process started but the dossier was not stored (the insert or the commit failed)
      if (started !== undefined && code !== undefined) await discardProcess(started, code);
      throw receptionError(error, processKey);
    }
  }

  /**
   * Cancels a dossier's process with a reason kept in the engine's history, and waits until it has
   * stopped, so no worker acts on the dossier afterwards. If the engine has not done it in time,
   * the process is deleted at once (the reason then stays in our event log only).
   */
  async function cancelProcess(processInstanceId: string, reason: string): Promise<void> {
    if (!(await engine.runningProcessInstance(processInstanceId))) return;
    await engine.cancelProcessInstances({ processInstanceIds: [processInstanceId], deleteReason: reason });
    const deadline = Date.now() + CANCEL_WAIT_MS;
    while (Date.now() < deadline) {
      if (!(await engine.runningProcessInstance(processInstanceId))) return;
      await new Promise((resolve) => setTimeout(resolve, CANCEL_POLL_MS));
    }
    log.warn({ processInstanceId }, 'the engine did not cancel the process in time; deleting it');
    await engine.deleteProcessInstance(processInstanceId);
  }

  async function view(row: DossierRow): Promise<Dossier> {
    return toDossier(row, (await timeliness()).timelinessOf(row));
  }

  return {
    /**
     * Receives a dossier with the outcome of the reception check. Every outcome takes a code; only
     * complete starts the process, pinned to the procedure version applying at the receipt. A
     * back-entry keeps its original receipt time (and the code of that day), flagged and audited.
     */
    async receive(caller: TokenPayload, input: CreateDossier): Promise<Dossier> {
      const receivingAgency = await agencies.findByCode(caller.agencyCode);
      if (!receivingAgency) throw httpErrors.forbidden(`your agency ${caller.agencyCode} no longer exists`);
      const scope = await agencies.subtreeIds(caller.agencyCode);
      const procedure = await procedures.findActiveByCode(input.procedureCode, scope);
      if (!procedure) {
        throw invalidField(
          'body/procedureCode',
          `${input.procedureCode} is not a procedure your agency receives`,
          'unknown_procedure',
        );
      }

      const enteredAt = now();
      const receivedAt = input.backEntry ? new Date(input.backEntry.receivedAt) : enteredAt;
      if (receivedAt.getTime() > enteredAt.getTime()) {
        throw invalidField('body/backEntry/receivedAt', 'must not be in the future', 'date_in_future');
      }
      const version = await procedures.versionApplyingAt(procedure.id, receivedAt);
      if (!version) {
        const first = (await procedures.findDetail(procedure.code, enteredAt))?.versions.at(-1);
        if (input.backEntry && first) {
          throw fieldError(
            'body/backEntry/receivedAt',
            `is before the first version of ${procedure.code} applied (${first.effectiveFrom})`,
            'before_first_version',
            { min: first.effectiveFrom },
          );
        }
        throw invalidField('body/procedureCode', `${procedure.code} has no version in effect yet`, 'unknown_procedure');
      }
      if (input.outcome === 'complete') {
        const missing = missingDocuments(version.requiredDocuments, input.documents);
        if (missing.length > 0) throw incompleteDocuments(missing);
      }

      const status = { complete: 'received', incomplete: 'incomplete', refused: 'refused' } as const;
      const eventType = {
        complete: 'received',
        incomplete: 'reception_incomplete',
        refused: 'reception_refused',
      } as const;
      const missingItems = input.outcome === 'incomplete' ? (input.missingItems ?? []) : [];
      const refusalReason = input.outcome === 'refused' ? (input.refusalReason ?? null) : null;
      const newDossier = {
        procedure,
        version,
        agency: receivingAgency,
        status: status[input.outcome],
        eventType: eventType[input.outcome],
        applicant: input.applicant,
        requestSummary: input.requestSummary ?? version.name,
        documents: input.documents,
        setCount: input.setCount,
        channel: input.channel,
        resultDelivery: input.resultDelivery,
        deliveryAddress: input.deliveryAddress ?? null,
        missingItems,
        refusalReason,
        legalRegime: legalRegimeAt(receivedAt).decree,
        receivedAt,
        receivedBy: caller.sub,
        backEntry: input.backEntry ? { reason: input.backEntry.reason, enteredAt } : null,
      };

      if (input.outcome !== 'complete') {
        const notice = {
          applicant: input.applicant,
          procedureName: version.name,
          agencyName: receivingAgency.name,
          publicBaseUrl: deps.publicBaseUrl,
        };
        const content =
          input.outcome === 'incomplete'
            ? { ...notice, kind: 'supplement_request' as const, missingItems }
            : { ...notice, kind: 'refusal' as const, refusalReason: refusalReason ?? '' };
        const row = await dossiers.receive(newDossier, { notices: (code) => receptionNotices(code, content) });
        return view(row);
      }

      const row = await withProcess(
        version.processKey,
        {
          [VARIABLES.procedureCode]: procedure.code,
          [VARIABLES.agencyCode]: procedure.agency.code,
          [VARIABLES.receivedAt]: receivedAt,
          [VARIABLES.processingDays]: version.processingDays,
        },
        (startProcess) => dossiers.receive(newDossier, { startProcess }),
      );
      return view(row);
    },

    /**
     * Accepts an incomplete dossier brought back complete: its code stays, the clock starts now, and
     * it is pinned to the procedure version applying now.
     */
    async accept(caller: TokenPayload, code: string, input: AcceptDossier): Promise<Dossier> {
      const dossier = await dossiers.findByCode(code, { agencyIds: await agencies.subtreeIds(caller.agencyCode) });
      if (!dossier) throw httpErrors.notFound(`dossier ${code} does not exist`);
      if (dossier.status !== 'incomplete') {
        throw statusConflict(
          `dossier ${code} is ${dossier.status}: only an incomplete dossier can be accepted`,
          'wrong_status',
          dossier.status,
        );
      }
      const procedure = await procedures.findByCode(dossier.procedure.code);
      if (!procedure) throw httpErrors.notFound(`procedure ${dossier.procedure.code} does not exist`);
      const receivedAt = now();
      const version = await procedures.versionApplyingAt(procedure.id, receivedAt);
      if (!version) throw httpErrors.conflict(`procedure ${procedure.code} has no version in effect`);
      const missing = missingDocuments(version.requiredDocuments, input.documents);
      if (missing.length > 0) throw incompleteDocuments(missing);

      const row = await withProcess(
        version.processKey,
        {
          [VARIABLES.procedureCode]: procedure.code,
          [VARIABLES.agencyCode]: procedure.agency.code,
          [VARIABLES.receivedAt]: receivedAt,
          [VARIABLES.processingDays]: version.processingDays,
        },
        (start) =>
          dossiers.accept(
            {
              dossierId: dossier.id,
              version,
              legalRegime: legalRegimeAt(receivedAt).decree,
              documents: input.documents,
              setCount: input.setCount,
              receivedAt,
              acceptedBy: caller.sub,
            },
            () => start(code),
          ),
      );
      if (!row) {
        throw statusConflict(`dossier ${code} was accepted meanwhile`, 'wrong_status', 'received');
      }
      return view(row);
    },

    /**
     * A status change outside the normal flow (regulation Art. 5.3), by a leader or admin of the
     * dossier's agency (or above), on an authorising document. To a final status the process is
     * cancelled first, with the document and reason as its delete reason. Audited twice: the
     * dossier's event status_overridden and the audit log.
     */
    async overrideStatus(caller: TokenPayload, code: string, input: StatusOverride): Promise<Dossier> {
      const access = { agencyIds: await agencies.subtreeIds(caller.agencyCode) };
      const dossier = await dossiers.findByCode(code, access);
      if (!dossier) throw httpErrors.notFound(`dossier ${code} does not exist`);
      if (dossier.status === input.status) {
        throw invalidField('body/status', `is already the status of dossier ${code}`, 'same_status');
      }
      if (isFinal(dossier.status)) {
        throw statusConflict(
          `dossier ${code} is ${dossier.status}, a final status: it cannot change any more`,
          'final_status',
          dossier.status,
        );
      }
      const ending = isFinal(input.status);
      if (!ending && dossier.processInstanceId === null) {
        throw statusConflict(
          `dossier ${code} has no process to continue in ${input.status}: accept it once complete, or end it`,
          'wrong_status',
          dossier.status,
        );
      }
      if (ending && dossier.processInstanceId) {
        await cancelProcess(dossier.processInstanceId, `${input.authorisingDocument}: ${input.reason}`);
      }
      const occurredAt = now();
      const changed = await dossiers.overrideStatus({
        dossierId: dossier.id,
        code,
        from: dossier.status,
        to: input.status,
        finishedAt: ending ? (dossier.finishedAt ?? occurredAt) : null,
        authorisingDocument: input.authorisingDocument,
        reason: input.reason,
        actor: caller.sub,
        occurredAt,
        processInstanceDeleted: ending && dossier.processInstanceId !== null,
      });
      if (!changed) {
        throw statusConflict(
          `the status of dossier ${code} changed meanwhile; try again`,
          'wrong_status',
          dossier.status,
        );
      }
      const updated = await dossiers.findByCode(code, access);
      if (!updated) throw httpErrors.notFound(`dossier ${code} does not exist`);
      return view(updated);
    },

    async list(caller: TokenPayload, query: QueryDossier): Promise<{ data: Dossier[]; total: number }> {
      const judge = await timeliness();
      const { rows, total } = await dossiers.list(await accessOf(caller), query, judge.bounds);
      return { data: rows.map((row) => toDossier(row, judge.timelinessOf(row))), total };
    },

    async get(caller: TokenPayload, code: string): Promise<Dossier> {
      const row = await dossiers.findByCode(code, await accessOf(caller));
      if (!row) throw httpErrors.notFound(`dossier ${code} does not exist`);
      return view(row);
    },

    /** The citizen lookup; answers from our database only, and reads no personal data. */
    async getPublic(code: string): Promise<PublicDossier> {
      const row = await dossiers.findPublic(code);
      if (!row) throw httpErrors.notFound(`dossier ${code} does not exist`);
      const judged = (await timeliness()).timelinessOf(row);
      return {
        code: row.code,
        status: row.status,
        statusLabel: DOSSIER_STATUS_LABELS[row.status].vi,
        timeliness: judged,
        timelinessLabel: judged === null ? null : TIMELINESS_LABELS[judged].vi,
        procedure: { code: row.procedure.code, name: row.procedureVersion.name },
        agency: row.agency,
        receivedAt: row.receivedAt.toISOString(),
        dueAt: row.dueAt?.toISOString() ?? null,
        finishedAt: row.finishedAt?.toISOString() ?? null,
      };
    },

    /** Who the caller is to the dossiers (see dossierAccessOf), for the services that read dossiers too. */
    accessOf,
  };
}
export type DossierService = ReturnType<typeof createDossierService>;
