import { DOSSIER_STATUSES, FINAL_STATUSES, PAUSED_STATUSES, type DossierStatus } from '@motcua/common';
import { Prisma } from '@motcua/db';

/**
 * Where a dossier stands towards the legal clock, written once for every status: the TypeScript
 * predicates, the Prisma where-fragments and the SQL conditions below are all derived from this
 * table, so the server (lists, apologies, the at-risk list) and the workers (the at-risk scan) can no
 * longer count a status differently.
 *
 * - `not_started`: found incomplete at reception; the clock starts only once the dossier is accepted
 *   complete (docs/legal.md §3, "Start": from receipt of a complete, valid dossier).
 * - `running`: the clock counts working time towards the appointment and the agency owes the result:
 *   received, in progress, at a partner agency (the partner's time is part of the legal time, §3
 *   "Inter-agency split").
 * - `paused`: the clock stops while the dossier waits on the applicant (§3, "Pause for supplementation").
 * - `processed`: the result is ready and waits to be handed over. Processing is over: Decision 766
 *   ends a dossier first at "processing finished" (§3, "Early / on time / late"; §5.1), so the agency's
 *   work can no longer make it late; it is not at risk and gets no apology (§6: an apology is for a
 *   dossier expected to be late). Its timeliness is still shown against the appointment until it is
 *   handed over (common/src/calendar/timeliness.ts judges every dossier without `finishedAt`).
 * - `final`: returned, refused or withdrawn; nothing more happens.
 */
export const DOSSIER_PHASES = ['not_started', 'running', 'paused', 'processed', 'final'] as const;
export type DossierPhase = (typeof DOSSIER_PHASES)[number];

type PausedStatus = (typeof PAUSED_STATUSES)[number];
type FinalStatus = (typeof FINAL_STATUSES)[number];

/** The phase of every status that common/src/dossier-status.ts does not already call paused or final. */
const OTHER_PHASES: Record<Exclude<DossierStatus, PausedStatus | FinalStatus>, DossierPhase> = {
  incomplete: 'not_started',
  received: 'running',
  in_progress: 'running',
  at_other_agency: 'running',
  result_ready: 'processed',
};

/**
 * The phases whose open dossiers the legal clock judges not yet due, nearly due or overdue against
 * their appointment (common/src/calendar/timeliness.ts); a paused dossier is judged paused, and one
 * whose clock has not started is not judged.
 */
export const TIMED_PHASES = ['running', 'processed'] as const satisfies readonly DossierPhase[];

/** The phase of a status (see DOSSIER_PHASES). */
export function phaseOf(status: DossierStatus): DossierPhase {
  if ((FINAL_STATUSES as readonly DossierStatus[]).includes(status)) return 'final';
  if ((PAUSED_STATUSES as readonly DossierStatus[]).includes(status)) return 'paused';
  return OTHER_PHASES[status as keyof typeof OTHER_PHASES];
}

/** Every status in one of the phases, in the vocabulary's order. */
export function statusesIn(...phases: DossierPhase[]): DossierStatus[] {
  return DOSSIER_STATUSES.filter((status) => phases.includes(phaseOf(status)));
}

/** Not final: something may still happen to the dossier. */
export function isOpen(status: DossierStatus): boolean {
  return phaseOf(status) !== 'final';
}

/** The legal clock runs towards the appointment: the dossier may be at risk and may get an apology. */
export function isRunning(status: DossierStatus): boolean {
  return phaseOf(status) === 'running';
}

/** The clock stops while the dossier waits on the applicant. */
export function isPaused(status: DossierStatus): boolean {
  return phaseOf(status) === 'paused';
}

/** Returned, refused or withdrawn: the status can no longer change. */
export function isFinal(status: DossierStatus): boolean {
  return phaseOf(status) === 'final';
}

/** The dossiers in one of the phases, as a Prisma where-fragment on `Dossier`. */
export function dossiersIn(...phases: DossierPhase[]): Prisma.DossierWhereInput {
  return { status: { in: statusesIn(...phases) } };
}

/**
 * The same condition in SQL, on a column of type "DossierStatus" (e.g. Prisma.sql`d.status`): a
 * bounded list of the vocabulary's statuses, never of rows. The statuses are compared as the enum, not
 * the column as text: PostgreSQL estimates `status IN (…)` from the column's statistics, but a
 * condition on `status::text` by a default guess. At 1 M dossiers, of about 52 000 overdue, the
 * guess expected 2 226 and the statistics 11 401; on the guess the province admin's overdue total
 * was planned as a parallel scan, 40-50 ms, where one index-only scan takes 2.3 ms
 * (docs/benchmarks.md, "Since the run of 14:06").
 */
export function sqlStatusIn(column: Prisma.Sql, ...phases: DossierPhase[]): Prisma.Sql {
  const statuses = statusesIn(...phases);
  if (statuses.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`${column} IN (${Prisma.join(statuses.map((status) => Prisma.sql`${status}::"DossierStatus"`))})`;
}
