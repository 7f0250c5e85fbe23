import type { FastifyBaseLogger } from 'fastify';
import type {
  Apology,
  ApologyReport,
  ApologyStatus,
  AtRiskDossier,
  CreateApology,
  DossierApologies,
  PeriodQuery,
} from '@motcua/common';
import { dayNumberOf, vietnamInstant, vietnamMinutesOf, yearOf, type LegalClockSetup } from '@motcua/common/calendar';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import {
  addresseeOf,
  authorizeDossier,
  ConflictError,
  ForbiddenError,
  InvalidFieldError,
  isCurrentHandler,
  isRunning,
  leadsAgency,
  NotFoundError,
  processesHandledBy,
  type DossierAccess,
  type DossierAction,
} from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { ReportRepository } from '../repositories/report-repository.js';
import {
  ApologyConflict,
  type ApologyDossier,
  type ApologyNotice,
  type ApologyRepository,
  type ApologyRow,
} from '../repositories/apology-repository.js';
import { formEdition } from '../forms/index.js';
import { periodBounds } from './register-service.js';

/**
 * The apology with a new appointment (Mẫu 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả"; from
 * 15/09/2025 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết", Circular 03/2025/TT-VPCP).
 *
 * Legal basis (docs/legal.md §6): Decree 61/2018/NĐ-CP (until 30/06/2025) and Decree 118/2025/NĐ-CP
 * (from 01/07/2025): when a dossier is expected to be late, the resolving agency apologises in writing,
 * with the reason and a new date, signed by its head; the appointment is rescheduled "không quá một lần"
 * (Decree 61; whether Decree 118 keeps the limit is unconfirmed, so APOLOGY_LIMIT configures it).
 *
 * The rules, all here or in @motcua/domain:
 * - the dossier's current handler drafts (the domain's isCurrentHandler): an officer (receptionist,
 *   specialist, leader) of the agency that handles the dossier who holds one of its open tasks, or to
 *   whose groups an unclaimed open task is offered; a leader of that agency may always draft;
 * - the dossier's clock runs (the domain's isRunning): received, in progress or at a partner agency;
 *   not waiting at reception, not paused, and not once the result is ready (processing is over, so
 *   the dossier can no longer be late through the agency's work) nor finished;
 * - the new date is later than the current appointment, on a working day, inside office hours;
 * - one draft waits at a time; at most APOLOGY_LIMIT approved apologies per dossier;
 * - a leader of the handling agency approves or rejects, but never a draft of their own: the head of
 *   the agency signs what the handler asks for (docs/legal.md §6, "Who", "Signed by"), so the one who
 *   asks does not also grant. That leader is refused as forbidden (403, issue code own_apology) rather
 *   than as a conflict: the apology is in a state that allows a decision, only not by them;
 * - only approval moves the appointment
 *   (`dueAt`, never `originalDueAt`, which statistics judge lateness against), numbers the letter per
 *   agency and year ("Số N/PXL") and queues the apology to the applicant (SMS, e-mail) in the same
 *   transaction.
 *
 * The engine follows the approved date after the commit (see EngineDueDates): a failure there does not
 * undo the approval, is retried a few times at once, logged, reported as `engineSynced: false`, and
 * approving the same apology again retries it.
 */

function conflict(
  message: string,
  code: 'apology_limit_reached' | 'apology_pending' | 'apology_decided' | 'wrong_status',
) {
  return new ConflictError(message, { path: '', code });
}

/** Variables that hold deadlines: the appointment, the legacy appraisal deadline and the planned step deadlines. */
function isDeadlineVariable(name: string): boolean {
  return name === 'dueAt' || name === 'appraisalDueAt' || name.startsWith('due_');
}

function isGone(error: unknown): boolean {
  return error instanceof EngineError && error.status === 404;
}

/**
 * Makes the engine follow an approved new appointment: the process's `dueAt`, every planned deadline
 * (`due_<step>`) at or past the old appointment, the due date of each open task at or past it (the
 * task lists sort and warn by it), and the timers set for those deadlines. Deadlines before the old
 * appointment stay: an apology moves the appointment, not the earlier steps' own deadlines.
 *
 * Every write sets a value computed from the two dates, so running it again is harmless: that is how
 * a failed update is retried. A process that has ended (404) needs nothing.
 */
export function createEngineDueDates(
  engine: EngineClient,
  retry: { attempts: number; delayMs: number } = { attempts: 3, delayMs: 300 },
  /** Runs after the tasks' due dates moved: the work list's projection reads them (domain/src/open-tasks.ts). */
  afterMove: (processInstanceId: string) => Promise<void> = async () => undefined,
) {
  async function moveOnce(processInstanceId: string, previous: Date, next: Date): Promise<boolean | null> {
    let variables: Awaited<ReturnType<EngineClient['processVariables']>>;
    try {
      variables = await engine.processVariables(processInstanceId);
    } catch (error) {
      if (isGone(error)) return null;
      throw error;
    }
    const atOrPast = (value: string | null | undefined) =>
      typeof value === 'string' && Date.parse(value) >= previous.getTime();
    const moved: Record<string, Date> = { dueAt: next };
    for (const [name, variable] of Object.entries(variables)) {
      if (isDeadlineVariable(name) && variable.type === 'Date' && atOrPast(variable.value as string | null))
        moved[name] = next;
    }
    try {
      await engine.setProcessVariables(processInstanceId, moved);
    } catch (error) {
      if (isGone(error)) return null;
      throw error;
    }
    const [tasks, jobs] = await Promise.all([
      engine.queryTasks({ processInstanceId }),
      engine.timerJobs(processInstanceId),
    ]);
    // a task completed or a timer fired meanwhile has nothing left to move
    const ignoreGone = (error: unknown) => {
      if (!isGone(error)) throw error;
    };
    for (const task of tasks.filter((open) => atOrPast(open.due))) {
      await engine.setTaskDue(task.id, next).catch(ignoreGone);
    }
    for (const job of jobs.filter((timer) => atOrPast(timer.dueDate) && Date.parse(timer.dueDate!) < next.getTime())) {
      await engine.setJobDueDate(job.id, next).catch(ignoreGone);
    }
    await afterMove(processInstanceId);
    return true;
  }

  return {
    /** True when the engine follows `next` now, null when the process has ended; throws after the last attempt. */
    async move(processInstanceId: string, previous: Date, next: Date): Promise<boolean | null> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await moveOnce(processInstanceId, previous, next);
        } catch (error) {
          if (attempt >= retry.attempts) throw error;
          await new Promise((resolve) => setTimeout(resolve, retry.delayMs * 2 ** (attempt - 1)));
        }
      }
    },

    /** Whether the process's appointment is at least `dueAt`; null when the process has ended. */
    async follows(processInstanceId: string, dueAt: Date): Promise<boolean | null> {
      try {
        const variables = await engine.processVariables(processInstanceId);
        const value = variables.dueAt?.value;
        return typeof value === 'string' && Date.parse(value) >= dueAt.getTime();
      } catch (error) {
        if (isGone(error)) return null;
        throw error;
      }
    },
  };
}
export type EngineDueDates = ReturnType<typeof createEngineDueDates>;

export interface ApologyServiceDeps {
  apologies: ApologyRepository;
  reports: ReportRepository;
  agencies: AgencyRepository;
  engine: EngineClient;
  engineDueDates: EngineDueDates;
  /** The legal clock in force (holidays and swap days from the database) with APOLOGY_LIMIT. */
  clock: () => Promise<LegalClockSetup>;
  /** What the caller may read of the dossiers (the domain's access rule). */
  accessOf: (caller: TokenPayload) => Promise<DossierAccess>;
  log: FastifyBaseLogger;
  /** Base of the public status page, for the lookup link in the applicant's message. */
  publicBaseUrl?: string | undefined;
  now?: () => Date;
}

/** The appointment an at_risk event was written for (its data's `dueAt`), or null when it does not say. */
function flaggedAppointment(data: unknown): number | null {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).dueAt : undefined;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : time;
}

/** The Vietnamese calendar year of an instant, with its bounds. */
function vietnamYear(instant: Date): { value: number; start: Date; end: Date } {
  const value = yearOf(dayNumberOf(instant));
  const startDay = Date.UTC(value, 0, 1) / 86_400_000;
  const endDay = Date.UTC(value + 1, 0, 1) / 86_400_000;
  return { value, start: vietnamInstant(startDay, 0), end: vietnamInstant(endDay, 0) };
}

/** "3/PXL": the letter's number with the suffix of the apology form in force when it was decided. */
export function letterNumber(number: number, decidedAt: Date): string {
  return `${number}/${formEdition('apology', decidedAt).numberSuffix}`;
}

/** What the applicant is told of an apology approved at `decidedAt`: by the agency that resolves the dossier. */
function apologyNotice(apology: ApologyRow, number: number, decidedAt: Date): ApologyNotice {
  const { dossier } = apology;
  return {
    addressee: addresseeOf(dossier, dossier.procedure.agency.name),
    message: {
      kind: 'apology',
      previousDueAt: apology.previousDueAt,
      newDueAt: apology.newDueAt,
      reason: apology.reason,
      letterNumber: letterNumber(number, decidedAt),
    },
  };
}

export function createApologyService(deps: ApologyServiceDeps) {
  const { apologies, reports, agencies, engine, engineDueDates, log } = deps;
  const now = deps.now ?? (() => new Date());

  function assertRunning(dossier: Pick<ApologyDossier, 'code' | 'status' | 'dueAt'>): void {
    if (!isRunning(dossier.status) || dossier.dueAt === null) {
      throw conflict(
        `dossier ${dossier.code} is ${dossier.status}: an apology is only for a dossier whose clock runs towards its appointment`,
        'wrong_status',
      );
    }
  }

  /** Whether the caller is the dossier's current handler (the domain's rule). */
  function handles(caller: TokenPayload, dossier: ApologyDossier): Promise<boolean> {
    return isCurrentHandler(engine, caller, {
      handlingAgencyCode: dossier.procedure.agency.code,
      processInstanceId: dossier.processInstanceId,
    });
  }

  async function assertHandler(caller: TokenPayload, dossier: ApologyDossier): Promise<void> {
    if (!(await handles(caller, dossier))) {
      throw new ForbiddenError(
        `dossier ${dossier.code} is not with you now: only its current handler at ` +
          `${dossier.procedure.agency.code} may draft an apology`,
      );
    }
  }

  /** docs/legal.md §6: the new date is a working day, inside office hours, after the current appointment. */
  async function assertNewDueAt(newDueAt: Date, currentDueAt: Date): Promise<void> {
    if (newDueAt.getTime() <= currentDueAt.getTime()) {
      throw new InvalidFieldError(
        'body/newDueAt',
        `must be later than the current appointment ${currentDueAt.toISOString()}`,
        'due_not_later',
      );
    }
    const { calendar } = await deps.clock();
    const minutes = vietnamMinutesOf(newDueAt);
    const { opensAt, closesAt } = calendar.officeHours;
    if (!calendar.isWorkingDay(newDueAt) || minutes < opensAt || minutes > closesAt) {
      throw new InvalidFieldError(
        'body/newDueAt',
        'must be on a working day inside office hours (Vietnam time)',
        'outside_working_time',
      );
    }
  }

  async function toApology(rows: ApologyRow[], synced?: Map<string, boolean | null>): Promise<Apology[]> {
    const names = await reports.fullNames(
      rows.flatMap((row) => [row.draftedBy, ...(row.decidedBy ? [row.decidedBy] : [])]),
    );
    const person = (username: string) => ({ username, fullName: names.get(username) ?? username });
    return rows.map((row) => ({
      id: row.id,
      dossierCode: row.dossier.code,
      applicantName: row.dossier.applicantName,
      procedureName: row.dossier.procedureVersion.name,
      agency: { code: row.dossier.procedure.agency.code, name: row.dossier.procedure.agency.name },
      status: row.status as ApologyStatus,
      number: row.number,
      letterNumber:
        row.status === 'approved' && row.number !== null && row.decidedAt !== null
          ? letterNumber(row.number, row.decidedAt)
          : null,
      reason: row.reason,
      previousDueAt: row.previousDueAt.toISOString(),
      newDueAt: row.newDueAt.toISOString(),
      draftedBy: person(row.draftedBy),
      draftedAt: row.draftedAt.toISOString(),
      decidedBy: row.decidedBy ? person(row.decidedBy) : null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decisionNote: row.decisionNote,
      engineSynced: synced?.get(row.id) ?? null,
    }));
  }

  /** Makes the engine follow the approved date, retrying at once a few times; false when it still failed. */
  async function syncEngine(apology: ApologyRow): Promise<boolean | null> {
    const { processInstanceId, code } = apology.dossier;
    if (!processInstanceId) return null;
    try {
      return await engineDueDates.move(processInstanceId, apology.previousDueAt, apology.newDueAt);
    } catch (error) {
      log.error(
        { err: error, dossierCode: code, apologyId: apology.id },
        'the engine does not follow the approved appointment yet; approving the apology again retries',
      );
      return false;
    }
  }

  /** The candidates whose open task is the caller's, or offered to the caller's groups unclaimed (the domain's rule). */
  async function handledBy<T extends { processInstanceId: string | null }>(
    caller: TokenPayload,
    dossiers: T[],
  ): Promise<T[]> {
    const instances = await processesHandledBy(
      engine,
      caller,
      dossiers.flatMap((dossier) => (dossier.processInstanceId ? [dossier.processInstanceId] : [])),
    );
    return dossiers.filter((dossier) => dossier.processInstanceId !== null && instances.has(dossier.processInstanceId));
  }

  function mapConflict(error: unknown): never {
    if (error instanceof ApologyConflict) {
      const code =
        error.reason === 'limit_reached'
          ? 'apology_limit_reached'
          : error.reason === 'draft_pending'
            ? 'apology_pending'
            : error.reason === 'not_draft'
              ? 'apology_decided'
              : 'wrong_status';
      throw conflict(error.message, code);
    }
    throw error;
  }

  /** A leader of the handling agency decides, and not on a draft of their own (see the module comment). */
  function assertDecider(caller: TokenPayload, apology: ApologyRow): void {
    const agency = apology.dossier.procedure.agency.code;
    if (!leadsAgency(caller, agency)) {
      throw new ForbiddenError(`only a leader of ${agency} may decide on this apology`);
    }
    if (apology.draftedBy === caller.sub) {
      throw new ForbiddenError(`you drafted apology ${apology.id}: another leader of ${agency} decides on it`, {
        path: 'params/id',
        code: 'own_apology',
      });
    }
  }

  return {
    /**
     * The dossier named `code` with what the apology rules need, if the caller may do the action to it
     * (the domain's authorizeDossier: 404 unseen, 403 seen but not theirs to work). The routes' guards
     * call it before the body is read, and hand the dossier to `draft` and `listForDossier`.
     */
    async authorizeDossier(caller: TokenPayload, code: string, action: DossierAction): Promise<ApologyDossier> {
      const access = await deps.accessOf(caller);
      return authorizeDossier(access, code, await apologies.findDossier(code, access), action);
    },

    /**
     * The apology `id`, if the caller may work its dossier (the same rule); 404 when they do not see
     * the dossier. The routes' guards call it before the body is read, and hand it to `approve` and
     * `reject`, which check who of that agency decides.
     */
    async authorizeApology(caller: TokenPayload, id: string): Promise<ApologyRow> {
      const access = await deps.accessOf(caller);
      const apology = await apologies.findById(id, access);
      if (!apology) throw new NotFoundError(`apology ${id} does not exist`);
      authorizeDossier(access, apology.dossier.code, apology.dossier, 'work');
      return apology;
    },

    /** Drafts an apology of a dossier authorized to work, if the caller handles it now. */
    async draft(caller: TokenPayload, dossier: ApologyDossier, input: CreateApology): Promise<Apology> {
      await assertHandler(caller, dossier);
      assertRunning(dossier);
      const newDueAt = new Date(input.newDueAt);
      await assertNewDueAt(newDueAt, dossier.dueAt!);
      const row = await apologies
        .createDraft({
          dossier,
          reason: input.reason,
          newDueAt,
          draftedBy: caller.sub,
          draftedAt: now(),
          limit: (await deps.clock()).apologyLimit,
        })
        .catch(mapConflict);
      return (await toApology([row]))[0]!;
    },

    /**
     * The apologies of a dossier, oldest first (the latest approved one says whether the engine follows
     * it), and whether the caller may draft one now: the same rules as `draft`, asked without a date.
     */
    async listForDossier(caller: TokenPayload, dossier: ApologyDossier): Promise<DossierApologies> {
      const rows = await apologies.listForDossier(dossier.id);
      const limit = (await deps.clock()).apologyLimit;
      const mayDraft =
        isRunning(dossier.status) &&
        dossier.dueAt !== null &&
        !rows.some((row) => row.status === 'draft') &&
        rows.filter((row) => row.status === 'approved').length < limit &&
        // an engine that cannot say who holds the dossier offers nobody the draft; reading goes on
        (await handles(caller, dossier).catch(() => false));
      const latest = rows.filter((row) => row.status === 'approved').at(-1);
      const synced = new Map<string, boolean | null>();
      if (latest && dossier.processInstanceId) {
        synced.set(
          latest.id,
          await engineDueDates.follows(dossier.processInstanceId, latest.newDueAt).catch(() => false),
        );
      }
      return { data: await toApology(rows, synced), mayDraft };
    },

    /**
     * Apologies of the dossiers handled by the agencies whose dossiers the caller sees (the domain's
     * rule: their own agency, and for oversight the agencies below it too), newest first.
     */
    async list(caller: TokenPayload, status: ApologyStatus | undefined): Promise<Apology[]> {
      const rows = await apologies.listForAgencies((await deps.accessOf(caller)).agencyIds, status);
      return toApology(rows);
    },

    /**
     * Approves a draft authorized by authorizeApology. Approving an approved apology again changes
     * nothing in the database and retries the engine update (the answer says whether the engine follows now).
     */
    async approve(caller: TokenPayload, found: ApologyRow, note: string | undefined): Promise<Apology> {
      assertDecider(caller, found);
      if (found.status === 'approved') {
        const synced = await syncEngine(found);
        return (await toApology([found], new Map([[found.id, synced]])))[0]!;
      }
      const decidedAt = now();
      const approved = await apologies
        .approve({
          apologyId: found.id,
          decidedBy: caller.sub,
          decidedAt,
          note: note ?? null,
          year: vietnamYear(decidedAt),
          limit: (await deps.clock()).apologyLimit,
          check: (dossier, apology) => {
            assertRunning(dossier);
            if (apology.newDueAt.getTime() <= dossier.dueAt!.getTime()) {
              throw conflict(
                `the appointment moved to ${dossier.dueAt!.toISOString()} since the draft; reject it and draft again`,
                'wrong_status',
              );
            }
          },
          notice: (apology, number) => apologyNotice(apology, number, decidedAt),
          publicBaseUrl: deps.publicBaseUrl,
        })
        .catch(mapConflict);
      const synced = await syncEngine(approved);
      return (await toApology([approved], new Map([[approved.id, synced]])))[0]!;
    },

    /** Rejects a draft of an apology authorized by authorizeApology, saying why. */
    async reject(caller: TokenPayload, found: ApologyRow, note: string): Promise<Apology> {
      assertDecider(caller, found);
      const rejected = await apologies
        .reject({ apologyId: found.id, decidedBy: caller.sub, decidedAt: now(), note })
        .catch(mapConflict);
      return (await toApology([rejected]))[0]!;
    },

    /** The latest approved apology of a dossier (for the letter), or null. */
    latestApproved(dossierId: string) {
      return apologies.latestApproved(dossierId);
    },

    /**
     * The dossiers the workers flagged at risk of being late (event at_risk, once per appointment)
     * whose flagged appointment is still the current one and still ahead: an approved apology, or a
     * pause, moved it, and the new one is flagged afresh when it comes close. A leader sees those of
     * the agency subtree; another officer those whose open task is theirs or offered to their groups.
     */
    async atRisk(caller: TokenPayload): Promise<AtRiskDossier[]> {
      const at = now();
      const candidates = (await reports.atRiskCandidates(await deps.accessOf(caller))).filter((dossier) => {
        const flag = dossier.events[0];
        if (!flag || !dossier.dueAt || dossier.dueAt.getTime() <= at.getTime()) return false;
        const flagged = flaggedAppointment(flag.data);
        if (flagged !== null) return flagged === dossier.dueAt.getTime();
        // an older flag without its appointment: it counts until an apology is approved after it
        return !dossier.apologies.some(
          (apology) =>
            apology.status === 'approved' && (apology.decidedAt?.getTime() ?? 0) >= flag.occurredAt.getTime(),
        );
      });
      const mine = caller.roles.includes('leader') ? candidates : await handledBy(caller, candidates);
      return mine.map((dossier) => ({
        code: dossier.code,
        status: dossier.status,
        applicantName: dossier.applicantName,
        procedureName: dossier.procedureVersion.name,
        agency: dossier.procedure.agency,
        dueAt: dossier.dueAt!.toISOString(),
        flaggedAt: dossier.events[0]!.occurredAt.toISOString(),
        draftApologyId: dossier.apologies.find((apology) => apology.status === 'draft')?.id ?? null,
      }));
    },

    /** Apologies drafted, approved and rejected in a period, per agency of the caller's subtree. */
    async report(caller: TokenPayload, period: PeriodQuery): Promise<ApologyReport> {
      const { from, to } = periodBounds(period);
      return { from: period.from, to: period.to, ...(await this.counts(caller, from, to)) };
    },

    /** Apologies drafted, approved and rejected per agency of the caller's subtree. */
    async counts(caller: TokenPayload, from: Date, to: Date) {
      const ids = await agencies.subtreeIds(caller.agencyCode);
      const [rows, list] = await Promise.all([apologies.countsByAgency(ids, from, to), apologies.agencies(ids)]);
      const byAgency = new Map(rows.map((row) => [row.agencyId, row]));
      const agenciesRows = list
        .map((agency) => {
          const row = byAgency.get(agency.id);
          return {
            agency: { code: agency.code, name: agency.name },
            drafted: row?.drafted ?? 0,
            approved: row?.approved ?? 0,
            rejected: row?.rejected ?? 0,
          };
        })
        .sort((a, b) => a.agency.code.localeCompare(b.agency.code));
      const total = agenciesRows.reduce(
        (sum, row) => ({
          drafted: sum.drafted + row.drafted,
          approved: sum.approved + row.approved,
          rejected: sum.rejected + row.rejected,
        }),
        { drafted: 0, approved: 0, rejected: 0 },
      );
      return { agencies: agenciesRows, total };
    },
  };
}
export type ApologyService = ReturnType<typeof createApologyService>;
