import type { FastifyBaseLogger } from 'fastify';
import { httpErrors } from '@fastify/sensible';
import {
  candidateGroupsOf,
  FINAL_STATUSES,
  PAUSED_STATUSES,
  type Apology,
  type ApologyReport,
  type AtRiskDossier,
  type PeriodQuery,
  type ApologyStatus,
  type CreateApology,
  type DossierApologies,
  type DossierStatus,
  type Role,
} from '@motcua/common';
import { dayNumberOf, vietnamInstant, vietnamMinutesOf, yearOf, type LegalClockSetup } from '@motcua/common/calendar';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import type { TokenPayload } from '../schemas/auth.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { DossierAccess } from '../repositories/dossier-repository.js';
import type { ReportRepository } from '../repositories/report-repository.js';
import {
  ApologyConflict,
  type ApologyDossier,
  type ApologyRepository,
  type ApologyRow,
  type QueuedNotification,
} from '../repositories/apology-repository.js';
import { invalidField } from '../errors.js';
import { formEdition, timeAndDateInWords } from '../forms/index.js';
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
 * The rules, all here:
 * - the dossier's current handler drafts: an officer (receptionist, specialist, leader) of the agency
 *   that handles the dossier who holds one of its open tasks, or to whose groups an unclaimed open task
 *   is offered; a leader of that agency may always draft;
 * - the dossier is open (not final, not waiting at reception) and its clock runs (not paused);
 * - the new date is later than the current appointment, on a working day, inside office hours;
 * - one draft waits at a time; at most APOLOGY_LIMIT approved apologies per dossier;
 * - the leader of the handling agency approves or rejects; only approval moves the appointment
 *   (`dueAt`, never `originalDueAt`, which statistics judge lateness against), numbers the letter per
 *   agency and year ("Số N/PXL") and queues the apology to the applicant (SMS, e-mail) in the same
 *   transaction.
 *
 * The engine follows the approved date after the commit (see EngineDueDates): a failure there does not
 * undo the approval, is retried a few times at once, logged, reported as `engineSynced: false`, and
 * approving the same apology again retries it.
 */

const DRAFTING_ROLES: readonly Role[] = ['receptionist', 'specialist', 'leader'];

/** Statuses in which an apology may be drafted and approved: the process runs and the clock counts. */
function isOpen(status: DossierStatus): boolean {
  return (
    status !== 'incomplete' &&
    !(FINAL_STATUSES as readonly DossierStatus[]).includes(status) &&
    !(PAUSED_STATUSES as readonly DossierStatus[]).includes(status)
  );
}

function conflict(
  message: string,
  code: 'apology_limit_reached' | 'apology_pending' | 'apology_decided' | 'wrong_status',
) {
  return httpErrors.createError(409, message, { issues: [{ path: '', message, code }] });
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
  /** Who the caller is to the dossiers: their agency subtree, and their own agency as a transfer partner. */
  accessOf: (caller: TokenPayload) => Promise<DossierAccess>;
  log: FastifyBaseLogger;
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
export function letterNumber(number: number | null, decidedAt: Date | null): string | null {
  if (number === null || decidedAt === null) return null;
  return `${number}/${formEdition('apology', decidedAt).numberSuffix}`;
}

/** The SMS and e-mail telling the applicant about the new appointment. */
function apologyNotifications(apology: ApologyRow, number: number): QueuedNotification[] {
  const { dossier } = apology;
  const agency = dossier.procedure.agency.name;
  const body =
    `${agency} xin lỗi Ông/Bà ${dossier.applicantName}: hồ sơ ${dossier.code} chưa trả kết quả đúng hẹn ` +
    `(${timeAndDateInWords(apology.previousDueAt)}). Lý do: ${apology.reason}. ` +
    `Hẹn lại trả kết quả vào ${timeAndDateInWords(apology.newDueAt)}. Số văn bản: ${letterNumber(number, apology.decidedAt)}.`;
  const messages: QueuedNotification[] = [
    {
      kind: 'apology',
      channel: 'sms',
      recipient: dossier.applicantPhone,
      subject: null,
      body,
      dedupeKey: `apology:${apology.id}:sms`,
    },
  ];
  if (dossier.applicantEmail) {
    messages.push({
      kind: 'apology',
      channel: 'email',
      recipient: dossier.applicantEmail,
      subject: `Phiếu xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${dossier.code}`,
      body,
      dedupeKey: `apology:${apology.id}:email`,
    });
  }
  return messages;
}

export function createApologyService(deps: ApologyServiceDeps) {
  const { apologies, reports, agencies, engine, engineDueDates, log } = deps;
  const now = deps.now ?? (() => new Date());

  async function visibleDossier(caller: TokenPayload, code: string): Promise<ApologyDossier> {
    const dossier = await apologies.findDossier(code);
    if (!dossier || !(await reports.isAccessible(dossier.id, await deps.accessOf(caller))))
      throw httpErrors.notFound(`dossier ${code} does not exist`);
    return dossier;
  }

  async function visibleApology(caller: TokenPayload, id: string): Promise<ApologyRow> {
    const apology = /^[0-9a-f-]{36}$/i.test(id) ? await apologies.findById(id) : null;
    if (!apology || !(await reports.isAccessible(apology.dossierId, await deps.accessOf(caller))))
      throw httpErrors.notFound(`apology ${id} does not exist`);
    return apology;
  }

  function assertOpen(dossier: Pick<ApologyDossier, 'code' | 'status' | 'dueAt'>): void {
    if (!isOpen(dossier.status) || dossier.dueAt === null) {
      throw conflict(
        `dossier ${dossier.code} is ${dossier.status}: an apology is only for an open dossier whose clock runs`,
        'wrong_status',
      );
    }
  }

  /** The current handler rule (see the module comment). */
  async function assertHandler(caller: TokenPayload, dossier: ApologyDossier): Promise<void> {
    const handlingAgency = dossier.procedure.agency.code;
    if (caller.agencyCode !== handlingAgency || !caller.roles.some((role) => DRAFTING_ROLES.includes(role))) {
      throw httpErrors.forbidden(
        `only the officer handling dossier ${dossier.code} at ${handlingAgency} may draft its apology`,
      );
    }
    if (caller.roles.includes('leader')) return;
    const tasks = dossier.processInstanceId
      ? await engine.queryTasks({ processInstanceId: dossier.processInstanceId })
      : [];
    if (tasks.some((task) => task.assignee === caller.sub)) return;
    const groups = new Set(candidateGroupsOf(caller.roles, caller.agencyCode));
    for (const task of tasks.filter((open) => open.assignee === null)) {
      const links = await engine.taskIdentityLinks(task.id);
      if (links.some((link) => link.type === 'candidate' && link.groupId !== null && groups.has(link.groupId))) return;
    }
    throw httpErrors.forbidden(
      `dossier ${dossier.code} is not with you now: only its current handler may draft an apology`,
    );
  }

  /** docs/legal.md §6: the new date is a working day, inside office hours, after the current appointment. */
  async function assertNewDueAt(newDueAt: Date, currentDueAt: Date): Promise<void> {
    if (newDueAt.getTime() <= currentDueAt.getTime()) {
      throw invalidField(
        'body/newDueAt',
        `must be later than the current appointment ${currentDueAt.toISOString()}`,
        'due_not_later',
      );
    }
    const { calendar } = await deps.clock();
    const minutes = vietnamMinutesOf(newDueAt);
    const { opensAt, closesAt } = calendar.officeHours;
    if (!calendar.isWorkingDay(newDueAt) || minutes < opensAt || minutes > closesAt) {
      throw invalidField(
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
      letterNumber: row.status === 'approved' ? letterNumber(row.number, row.decidedAt) : null,
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

  /** The candidates whose open task is the caller's, or offered to the caller's groups unclaimed. */
  async function handledBy<T extends { processInstanceId: string | null }>(
    caller: TokenPayload,
    dossiers: T[],
  ): Promise<T[]> {
    const processInstanceIdIn = dossiers.flatMap((dossier) =>
      dossier.processInstanceId ? [dossier.processInstanceId] : [],
    );
    if (processInstanceIdIn.length === 0) return [];
    const [assigned, offered] = await Promise.all([
      engine.queryTasks({ processInstanceIdIn, assignee: caller.sub }, { maxResults: 1000 }),
      engine.queryTasks(
        { processInstanceIdIn, unassigned: true, candidateGroups: candidateGroupsOf(caller.roles, caller.agencyCode) },
        { maxResults: 1000 },
      ),
    ]);
    const instances = new Set([...assigned, ...offered].map((task) => task.processInstanceId));
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

  async function assertLeaderOf(caller: TokenPayload, apology: ApologyRow): Promise<void> {
    const agency = apology.dossier.procedure.agency.code;
    if (!caller.roles.includes('leader') || caller.agencyCode !== agency) {
      throw httpErrors.forbidden(`only a leader of ${agency} may decide on this apology`);
    }
  }

  return {
    async draft(caller: TokenPayload, code: string, input: CreateApology): Promise<Apology> {
      const dossier = await visibleDossier(caller, code);
      await assertHandler(caller, dossier);
      assertOpen(dossier);
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
    async listForDossier(caller: TokenPayload, code: string): Promise<DossierApologies> {
      const dossier = await visibleDossier(caller, code);
      const rows = await apologies.listForDossier(dossier.id);
      const limit = (await deps.clock()).apologyLimit;
      const mayDraft =
        isOpen(dossier.status) &&
        dossier.dueAt !== null &&
        !rows.some((row) => row.status === 'draft') &&
        rows.filter((row) => row.status === 'approved').length < limit &&
        (await assertHandler(caller, dossier).then(
          () => true,
          () => false,
        ));
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

    /** Apologies of the dossiers handled in the caller's agency subtree, newest first. */
    async list(caller: TokenPayload, status: ApologyStatus | undefined): Promise<Apology[]> {
      const rows = await apologies.listForAgencies(await agencies.subtreeIds(caller.agencyCode), status);
      return toApology(rows);
    },

    /**
     * Approves a draft. Approving an approved apology again changes nothing in the database and retries
     * the engine update (the answer says whether the engine follows now).
     */
    async approve(caller: TokenPayload, id: string, note: string | undefined): Promise<Apology> {
      const found = await visibleApology(caller, id);
      await assertLeaderOf(caller, found);
      if (found.status === 'approved') {
        const synced = await syncEngine(found);
        return (await toApology([found], new Map([[found.id, synced]])))[0]!;
      }
      const decidedAt = now();
      const approved = await apologies
        .approve({
          apologyId: id,
          decidedBy: caller.sub,
          decidedAt,
          note: note ?? null,
          year: vietnamYear(decidedAt),
          limit: (await deps.clock()).apologyLimit,
          check: (dossier, apology) => {
            assertOpen(dossier);
            if (apology.newDueAt.getTime() <= dossier.dueAt!.getTime()) {
              throw conflict(
                `the appointment moved to ${dossier.dueAt!.toISOString()} since the draft; reject it and draft again`,
                'wrong_status',
              );
            }
          },
          notifications: apologyNotifications,
        })
        .catch(mapConflict);
      const synced = await syncEngine(approved);
      return (await toApology([approved], new Map([[approved.id, synced]])))[0]!;
    },

    async reject(caller: TokenPayload, id: string, note: string): Promise<Apology> {
      const found = await visibleApology(caller, id);
      await assertLeaderOf(caller, found);
      const rejected = await apologies
        .reject({ apologyId: id, decidedBy: caller.sub, decidedAt: now(), note })
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
