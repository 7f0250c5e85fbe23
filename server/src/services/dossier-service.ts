import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import {
  DOSSIER_STATUS_LABELS,
  legalRegimeAt,
  RequiredDocumentSchema,
  TIMELINESS_LABELS,
  VARIABLES,
  type AcceptDossier,
  type DossierStatus,
  type HandedInDocument,
  type IssueCode,
  type StatusOverride,
  type Timeliness,
} from '@motcua/common';
import type { LegalClock } from '@motcua/common/calendar';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import {
  authorizeDossier,
  BadGatewayError,
  ConflictError,
  ForbiddenError,
  InvalidFieldError,
  isFinal,
  NotFoundError,
  phaseOf,
  UnavailableError,
  type ApplicantMessage,
  type DossierAction,
} from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { CreateDossier, Dossier, QueryDossier } from '../schemas/dossiers.js';
import type { PublicDossier } from '../schemas/public-dossiers.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type {
  DossierRepository,
  DossierRow,
  StartedProcess,
  TimelinessBounds,
} from '../repositories/dossier-repository.js';
import type { ProcedureRepository } from '../repositories/procedure-repository.js';
import { HandedInDocumentsSchema, ItemsSchema, MissingItemsSchema } from './stored-dossier-json.js';

/**
 * Reception (every outcome: complete, incomplete, refused; back-entry), the acceptance of an
 * incomplete dossier brought back complete, controlled status changes, and reading dossiers within
 * the caller's access.
 *
 * Starting a process is all-or-nothing, and no database lock waits on the engine. The dossier gets
 * its id first; the engine starts its process with that id as business key, outside any
 * transaction; then one short transaction takes the day's code and stores the dossier with its
 * process. So receptions of one agency never queue behind each other's engine calls, and:
 * - when the engine refuses or cannot be reached, nothing was stored and no code was taken; a
 *   process it may have started before the call failed (a timeout, a lost answer) is found by its
 *   business key and deleted;
 * - when the transaction fails, its code is given back and the process it was for is deleted;
 * - should this server die in between, the process runs without a dossier until the reconciler
 *   (domain/src/reconciliation.ts) deletes it: the workers find a dossier by its process instance,
 *   never by a code, so such a process never writes into a dossier.
 * The code is not a start variable (it does not exist yet): compute-appointment, the first step of
 * every process, sets the variable `dossierCode` from the stored dossier.
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
 * dossier whose clock has not started (found incomplete at reception) is not judged.
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
        phaseOf(dossier.status) === 'not_started'
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

/** A conflict with the dossier's status, carrying a stable code and the status. */
function statusConflict(message: string, code: IssueCode, status: DossierStatus) {
  return new ConflictError(message, { path: 'params/code', code, params: { status } });
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

/** The refusal of a dossier said to be complete without every mandatory document. */
function incompleteDocuments(missing: string[]) {
  return new InvalidFieldError(
    'body/documents',
    `lacks mandatory documents: ${missing.join('; ')}. Receive the dossier with outcome incomplete, ` +
      'listing them in missingItems, or hand them in',
    'missing_documents',
    { missing: missing.join('; ') },
  );
}

export function toDossier(row: DossierRow, timeliness: Timeliness | null): Dossier {
  const documents = HandedInDocumentsSchema.parse(row.documents);
  const reception = row.events[0];
  const missingItems = MissingItemsSchema.parse(reception?.data ?? {}).missingItems;
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
      items: ItemsSchema.parse(pause.items),
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
  /**
   * Brings the work list's projection of a process's open tasks up to date (domain/src/open-tasks.ts),
   * after a process is started (its first step may be a user task) or cancelled.
   */
  projectTasks?: (processInstanceId: string) => Promise<void>;
}) {
  const { engine, agencies, procedures, dossiers, timeliness, log } = deps;

  /** The projection follows the engine; when it cannot now, the workers' projector catches up within a second. */
  async function projectTasksOf(processInstanceId: string | null): Promise<void> {
    if (!processInstanceId || !deps.projectTasks) return;
    await deps.projectTasks(processInstanceId).catch((error: unknown) => {
      log.warn({ err: error, processInstanceId }, 'the open tasks of the process could not be projected now');
    });
  }
  const now = deps.now ?? (() => new Date());

  const accessOf = (caller: TokenPayload) => dossiers.accessOf(caller);

  /**
   * Deletes what the engine runs under a dossier id (its business key): a start whose answer was
   * lost may still have started the process. A failure is logged; the reconciler deletes it later.
   */
  async function discardProcessesOf(processKey: string, dossierId: string): Promise<void> {
    try {
      const instances = await engine.processInstances({ businessKey: dossierId, processDefinitionKey: processKey });
      await Promise.all(instances.map((instance) => engine.deleteProcessInstance(instance.id)));
      if (instances.length > 0) log.warn({ dossierId, instances: instances.length }, 'deleted orphan process');
    } catch (error) {
      log.error({ err: error, dossierId }, 'could not delete the processes of a dossier that was not stored');
    }
  }

  /**
   * Deletes a process whose dossier was not stored. The lookup first guards the one case where the
   * commit did happen although it reported a failure: that dossier keeps its process.
   */
  async function discardProcess(instanceId: string, dossierId: string): Promise<void> {
    try {
      if (await dossiers.findByProcessInstanceId(instanceId)) return;
      await engine.deleteProcessInstance(instanceId);
      log.warn({ dossierId, processInstanceId: instanceId }, 'deleted orphan process');
    } catch (error) {
      log.error(
        { err: error, dossierId, processInstanceId: instanceId },
        'could not delete the process of a dossier that was not stored',
      );
    }
  }

  /** The answer for a reception the engine made fail; other failures stay as they are (500). */
  function receptionError(error: unknown, processKey: string): unknown {
    if (!(error instanceof EngineError)) return error;
    if (error.status === 503) return new UnavailableError(`engine unavailable: ${NOT_RECEIVED}, please try again`);
    if (error.status === 404) {
      return new ConflictError(
        `the process ${processKey} of this procedure is not deployed in the engine; ${NOT_RECEIVED}`,
      );
    }
    return new BadGatewayError(`the process engine could not start the process ${processKey}; ${NOT_RECEIVED}`);
  }

  /**
   * Starts the process of the dossier `dossierId` (its business key) with the variables of
   * common/src/procedures.ts, outside any transaction. When the call fails, whatever it may have
   * started is deleted before the error is reported.
   */
  async function startProcessOf(
    dossierId: string,
    processKey: string,
    variables: Record<string, unknown>,
  ): Promise<StartedProcess> {
    try {
      const instance = await engine.startProcess(processKey, { businessKey: dossierId, variables });
      return { id: instance.id, definitionId: instance.definitionId };
    } catch (error) {
      log.error({ err: error, dossierId, processKey }, 'starting the process of a dossier failed');
      // a refusal started nothing; a call that failed on its way back may have
      if (!(error instanceof EngineError) || error.status >= 500) await discardProcessesOf(processKey, dossierId);
      throw receptionError(error, processKey);
    }
  }

  /**
   * Stores the dossier of a started process; when storing fails or stores nothing (null), the
   * process is deleted, so no process runs for a dossier that does not exist.
   */
  async function storeWithProcess<T>(started: StartedProcess, dossierId: string, store: () => Promise<T>): Promise<T> {
    let stored: T;
    try {
      stored = await store();
    } catch (error) {
      log.error({ err: error, dossierId, processInstanceId: started.id }, 'storing a dossier with its process failed');
      await discardProcess(started.id, dossierId);
      throw error;
    }
    if (stored === null) await discardProcess(started.id, dossierId);
    return stored;
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
      const [receivingAgency, scope] = await Promise.all([
        agencies.findByCode(caller.agencyCode),
        agencies.subtreeIds(caller.agencyCode),
      ]);
      if (!receivingAgency) throw new ForbiddenError(`your agency ${caller.agencyCode} no longer exists`);
      const procedure = await procedures.findActiveByCode(input.procedureCode, scope);
      if (!procedure) {
        throw new InvalidFieldError(
          'body/procedureCode',
          `${input.procedureCode} is not a procedure your agency receives`,
          'unknown_procedure',
        );
      }

      const enteredAt = now();
      const receivedAt = input.backEntry ? new Date(input.backEntry.receivedAt) : enteredAt;
      if (receivedAt.getTime() > enteredAt.getTime()) {
        throw new InvalidFieldError('body/backEntry/receivedAt', 'must not be in the future', 'date_in_future');
      }
      const version = await procedures.versionApplyingAt(procedure.id, receivedAt);
      if (!version) {
        const first = (await procedures.findDetail(procedure.code, enteredAt))?.versions.at(-1);
        if (input.backEntry && first) {
          throw new InvalidFieldError(
            'body/backEntry/receivedAt',
            `is before the first version of ${procedure.code} applied (${first.effectiveFrom})`,
            'before_first_version',
            { min: first.effectiveFrom },
          );
        }
        throw new InvalidFieldError(
          'body/procedureCode',
          `${procedure.code} has no version in effect yet`,
          'unknown_procedure',
        );
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
        id: randomUUID(),
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
        // the receipt of a complete dossier is queued by the compute-appointment worker, once its appointment is known
        const notice: ApplicantMessage =
          input.outcome === 'incomplete'
            ? { kind: 'supplement_request', items: missingItems, pausedAt: null }
            : { kind: 'refusal', reason: refusalReason ?? '', atReception: true };
        const row = await dossiers.receive(newDossier, { notice, publicBaseUrl: deps.publicBaseUrl });
        return view(row);
      }

      const started = await startProcessOf(newDossier.id, version.processKey, {
        [VARIABLES.procedureCode]: procedure.code,
        [VARIABLES.agencyCode]: procedure.agency.code,
        [VARIABLES.receivedAt]: receivedAt,
        [VARIABLES.processingDays]: version.processingDays,
      });
      const row = await storeWithProcess(started, newDossier.id, () =>
        dossiers.receive(newDossier, { process: started }),
      );
      // not awaited: a shipped process begins with the workers' compute-appointment, and the workers
      // project the user task that follows it; for a diagram that begins with a user task the
      // projector catches up within a second. Awaited, this engine query was a quarter of an intake's
      // time under load (docs/benchmarks.md, "Intake").
      void projectTasksOf(started.id);
      return view(row);
    },

    /**
     * The dossier named `code`, if the caller may do the action to it (the domain's authorizeDossier:
     * 404 when they may not see it, 403 when they see it but may not act). The routes' guards call it
     * before the body is read, and hand the dossier to the methods below.
     */
    async authorize(caller: TokenPayload, code: string, action: DossierAction): Promise<DossierRow> {
      const access = await accessOf(caller);
      return authorizeDossier(access, code, await dossiers.findByCode(code, access), action);
    },

    /**
     * Accepts an incomplete dossier brought back complete (`dossier` authorized to work): its code
     * stays, the clock starts now, and it is pinned to the procedure version applying now.
     */
    async accept(caller: TokenPayload, dossier: DossierRow, input: AcceptDossier): Promise<Dossier> {
      const { code } = dossier;
      if (dossier.status !== 'incomplete') {
        throw statusConflict(
          `dossier ${code} is ${dossier.status}: only an incomplete dossier can be accepted`,
          'wrong_status',
          dossier.status,
        );
      }
      const procedure = await procedures.findByCode(dossier.procedure.code);
      if (!procedure) throw new NotFoundError(`procedure ${dossier.procedure.code} does not exist`);
      const receivedAt = now();
      const version = await procedures.versionApplyingAt(procedure.id, receivedAt);
      if (!version) throw new ConflictError(`procedure ${procedure.code} has no version in effect`);
      const missing = missingDocuments(version.requiredDocuments, input.documents);
      if (missing.length > 0) throw incompleteDocuments(missing);

      const started = await startProcessOf(dossier.id, version.processKey, {
        [VARIABLES.dossierCode]: code,
        [VARIABLES.procedureCode]: procedure.code,
        [VARIABLES.agencyCode]: procedure.agency.code,
        [VARIABLES.receivedAt]: receivedAt,
        [VARIABLES.processingDays]: version.processingDays,
      });
      const row = await storeWithProcess(started, dossier.id, () =>
        dossiers.accept({
          dossierId: dossier.id,
          version,
          legalRegime: legalRegimeAt(receivedAt).decree,
          documents: input.documents,
          setCount: input.setCount,
          receivedAt,
          acceptedBy: caller.sub,
          process: started,
        }),
      );
      if (!row) {
        throw statusConflict(`dossier ${code} was accepted meanwhile`, 'wrong_status', 'received');
      }
      await projectTasksOf(started.id);
      return view(row);
    },

    /**
     * A status change outside the normal flow (regulation Art. 5.3), by a leader or admin of the
     * dossier's agency (or above), on an authorising document (`dossier` authorized to override). To
     * a final status the process is cancelled first, with the document and reason as its delete
     * reason. Audited twice: the dossier's event status_overridden and the audit log.
     */
    async overrideStatus(caller: TokenPayload, dossier: DossierRow, input: StatusOverride): Promise<Dossier> {
      const { code } = dossier;
      if (dossier.status === input.status) {
        throw new InvalidFieldError('body/status', `is already the status of dossier ${code}`, 'same_status');
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
        await projectTasksOf(dossier.processInstanceId);
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
      const updated = await dossiers.findByCode(code, await accessOf(caller));
      if (!updated) throw new NotFoundError(`dossier ${code} does not exist`);
      return view(updated);
    },

    async list(caller: TokenPayload, query: QueryDossier): Promise<{ data: Dossier[]; total: number }> {
      const judge = await timeliness();
      const { rows, total } = await dossiers.list(await accessOf(caller), query, judge.bounds);
      return { data: rows.map((row) => toDossier(row, judge.timelinessOf(row))), total };
    },

    /** A dossier authorized to read, as the API shows it. */
    view,

    /** The citizen lookup; answers from our database only, and reads no personal data. */
    async getPublic(code: string): Promise<PublicDossier> {
      const row = await dossiers.findPublic(code);
      if (!row) throw new NotFoundError(`dossier ${code} does not exist`);
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

    /** What the caller may read of the dossiers (the domain's access rule), for the services that read dossiers too. */
    accessOf,
  };
}
export type DossierService = ReturnType<typeof createDossierService>;
