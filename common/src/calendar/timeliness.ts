import { PAUSED_STATUSES, type DossierStatus, type Timeliness } from '../dossier-status.js';
import { dayNumberOf } from './vietnam-time.js';
import type { WorkingCalendar } from './working-calendar.js';
import { checkInstant, workingMinutesBetween } from './working-time.js';

/** What the timeliness of a dossier is judged on. */
export interface TimelinessInput {
  status: DossierStatus;
  /**
   * The appointment judged against: the ORIGINAL one (`originalDueAt`) for statistics, the current
   * one (`dueAt`) for the citizen page and handlers. Null while none is set (the clock has not started).
   */
  dueAt: Date | null;
  /** When processing finished (result ready, refused, withdrawn); null or absent while open. */
  finishedAt?: Date | null;
  /** The instant of the judgement, for open dossiers. */
  now: Date;
  /** An open dossier with at most this many working minutes left is nearly due (default: one working day). */
  nearlyDueMinutes?: number;
}

/**
 * The timeliness of a dossier (issue 3, point 9):
 *
 * - finished (`finishedAt` set): early / on_time / late by the Vietnamese calendar DAY of the finish
 *   against the day of the appointment (docs/legal.md §3, Phiếu kiểm soát and Biểu 06: early = before
 *   the appointment day, on time = on it, late = after). Without an appointment (refused or withdrawn
 *   before the clock started) nothing can be late: on_time;
 * - open and waiting on the applicant (PAUSED_STATUSES): paused;
 * - open: overdue once `now` is past the appointment, nearly_due when at most `nearlyDueMinutes`
 *   working minutes are left, not_due otherwise (also while no appointment is set).
 */
export function judgeTimeliness(input: TimelinessInput, calendar: WorkingCalendar): Timeliness {
  const { status, dueAt, now } = input;
  const finishedAt = input.finishedAt ?? null;
  const nearlyDueMinutes = input.nearlyDueMinutes ?? calendar.minutesPerDay;
  if (!Number.isFinite(nearlyDueMinutes) || nearlyDueMinutes < 0) {
    throw new RangeError(`nearlyDueMinutes must be a number of working minutes ≥ 0, got ${nearlyDueMinutes}`);
  }
  if (dueAt !== null) checkInstant(dueAt, 'dueAt');

  if (finishedAt !== null) {
    checkInstant(finishedAt, 'finishedAt');
    if (dueAt === null) return 'on_time';
    const finishDay = dayNumberOf(finishedAt);
    const dueDay = dayNumberOf(dueAt);
    if (finishDay < dueDay) return 'early';
    return finishDay === dueDay ? 'on_time' : 'late';
  }
  if ((PAUSED_STATUSES as readonly DossierStatus[]).includes(status)) return 'paused';
  checkInstant(now, 'now');
  if (dueAt === null) return 'not_due';
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return workingMinutesBetween(now, dueAt, calendar) <= nearlyDueMinutes ? 'nearly_due' : 'not_due';
}
