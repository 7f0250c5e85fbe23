import type { Timeliness } from '../dossier-status.js';
import { judgeTimeliness, type TimelinessInput } from './timeliness.js';
import { dayNumberOf, parseClockTime, vietnamInstant, vietnamMinutesOf } from './vietnam-time.js';
import type { WorkingCalendar } from './working-calendar.js';
import {
  addWorkingMinutes,
  checkInstant,
  formatBudget,
  nextWorkingDay,
  parseBudget,
  workingMinutesBetween,
} from './working-time.js';

/**
 * The legal clock (issue 3, point 3): the one module that timers, task due dates, the citizen page
 * and statistics use to turn processing times into instants and back. Working time is counted in
 * minutes inside office hours on working days (docs/legal.md §3).
 */

/** Default afternoon cut-off (docs/legal.md §3 [S17][S16]): received after 15:00 → counted from the next working day. */
export const DEFAULT_AFTERNOON_CUTOFF = '15:00';

export interface LegalClockOptions {
  calendar: WorkingCalendar;
  /**
   * `HH:MM` (Vietnam time) after which a dossier counts from the next working day's opening, or null
   * for none (then only closing time does). Received exactly at the cut-off still counts the same day
   * ("sau 15 giờ" = after 15:00). Default 15:00.
   */
  afternoonCutoff?: string | null;
  /**
   * Whether the receipt day counts as day 1 of the processing time. docs/legal.md §3 marks it
   * unconfirmed, so it is configurable; default false.
   */
  receiptDayCounts?: boolean;
  /** Working minutes left at which an open dossier is nearly due; default one working day. */
  nearlyDueMinutes?: number;
}

/** A step of the internal process with its time budget in working minutes (see `parseBudget`). */
export interface StepBudget {
  id: string;
  budgetMinutes: number;
}

/** A step with its planned window: it starts when the step before it is due. */
export type PlannedStep<S extends StepBudget = StepBudget> = S & { startsAt: Date; dueAt: Date };

export interface LegalClock {
  readonly calendar: WorkingCalendar;
  /** Working minutes in a working day (570 for 07:30–17:00). */
  readonly minutesPerDay: number;
  /** Minutes after midnight of the cut-off, or null. */
  readonly afternoonCutoff: number | null;
  readonly receiptDayCounts: boolean;
  readonly nearlyDueMinutes: number;
  /**
   * The instant the clock starts for a dossier received at `receivedAt`: `receivedAt` itself on a
   * working day from opening until the cut-off; before opening on a working day, that day's opening;
   * after the cut-off, after closing or on a day off, the opening of the next working day. With
   * `receiptDayCounts` the whole day counts: the opening of that day even when received later.
   * Step deadlines are planned from here: `appointment(r, n)` (n ≥ 1) is
   * `addWorkingMinutes(countingStart(r), n × minutesPerDay)`.
   */
  countingStart(receivedAt: Date): Date;
  /**
   * The appointment (ngày hẹn trả) for a processing time of `processingDays` whole working days:
   *
   * - `processingDays` ≥ 1: `processingDays` working days after the counting start. Received in hours
   *   before the cut-off, that is the same clock time on the n-th working day after the receipt day
   *   (Fri 27/11/2026 10:00 + 15 → Fri 18/12/2026 10:00); otherwise the closing time of day n, the
   *   day the clock starts being day 1 (Sat 28/11/2026 + 15 → Fri 18/12/2026 17:00). With
   *   `receiptDayCounts`, the receipt day is day 1 whatever the hour: the closing time of day n.
   * - `processingDays` = 0 (same-day procedures, e.g. birth registration, Luật Hộ tịch 2014 Art. 16):
   *   the closing time of the day the clock starts — the receipt day, or the next working day when
   *   received after the cut-off or outside hours.
   */
  appointment(receivedAt: Date, processingDays: number): Date;
  /** Working minutes of a budget: `10d`, `0.5d`, `4h` (RangeError naming the value otherwise). */
  parseBudget(budget: string): number;
  /** The shortest budget string for an amount of working minutes (`5700` → `10d`). */
  formatBudget(minutes: number): string;
  /** The instant `minutes` working minutes after `start` (before it when negative). */
  addWorkingMinutes(start: Date, minutes: number): Date;
  /** Working minutes from `from` to `to`; negative when `to` is earlier. */
  workingMinutesBetween(from: Date, to: Date): number;
  /** Cumulative deadlines: each step is due its budget after the previous step's deadline. */
  planSteps<S extends StepBudget>(start: Date, steps: readonly S[]): PlannedStep<S>[];
  /** Working minutes left to the appointment when the clock stops; negative when already late. */
  remainingAt(dueAt: Date, pausedAt: Date): number;
  /** The new appointment when the clock restarts with the minutes that were left. */
  resumedDue(resumedAt: Date, remainingMinutes: number): Date;
  /** The dossier's timeliness (see `judgeTimeliness`); `nearlyDueMinutes` defaults to the clock's. */
  timeliness(input: TimelinessInput): Timeliness;
}

/**
 * Builds the legal clock on a working calendar. Throws a RangeError naming the value for a cut-off
 * that is no `HH:MM` time inside office hours.
 */
export function createLegalClock(options: LegalClockOptions): LegalClock {
  const { calendar } = options;
  const { opensAt, closesAt } = calendar.officeHours;
  const minutesPerDay = calendar.minutesPerDay;
  const cutoffText = options.afternoonCutoff === undefined ? DEFAULT_AFTERNOON_CUTOFF : options.afternoonCutoff;
  const afternoonCutoff = cutoffText === null ? null : parseClockTime(cutoffText);
  if (afternoonCutoff !== null && (afternoonCutoff <= opensAt || afternoonCutoff > closesAt)) {
    throw new RangeError(`afternoon cut-off ${cutoffText} must lie inside office hours`);
  }
  const receiptDayCounts = options.receiptDayCounts ?? false;
  const nearlyDueMinutes = options.nearlyDueMinutes ?? minutesPerDay;
  if (!Number.isFinite(nearlyDueMinutes) || nearlyDueMinutes < 0) {
    throw new RangeError(`nearlyDueMinutes must be a number of working minutes ≥ 0, got ${nearlyDueMinutes}`);
  }

  function countingStart(receivedAt: Date): Date {
    checkInstant(receivedAt, 'receivedAt');
    const day = dayNumberOf(receivedAt);
    const minutes = vietnamMinutesOf(receivedAt);
    if (calendar.isWorkingDay(day)) {
      if (minutes < opensAt) return vietnamInstant(day, opensAt);
      const beforeCutoff = afternoonCutoff === null || minutes <= afternoonCutoff;
      if (minutes < closesAt && beforeCutoff) {
        return receiptDayCounts ? vietnamInstant(day, opensAt) : new Date(receivedAt.getTime());
      }
    }
    return vietnamInstant(nextWorkingDay(day, calendar), opensAt);
  }

  function appointment(receivedAt: Date, processingDays: number): Date {
    if (!Number.isInteger(processingDays) || processingDays < 0) {
      throw new RangeError(`processingDays must be a whole number of working days ≥ 0, got ${processingDays}`);
    }
    const start = countingStart(receivedAt);
    if (processingDays === 0) return vietnamInstant(dayNumberOf(start), closesAt);
    return addWorkingMinutes(start, processingDays * minutesPerDay, calendar);
  }

  function planSteps<S extends StepBudget>(start: Date, steps: readonly S[]): PlannedStep<S>[] {
    checkInstant(start, 'start');
    let startsAt = start;
    let total = 0;
    return steps.map((step) => {
      if (!Number.isFinite(step.budgetMinutes) || step.budgetMinutes < 0) {
        throw new RangeError(`step ${step.id}: budget must be working minutes ≥ 0, got ${step.budgetMinutes}`);
      }
      total += step.budgetMinutes;
      // Each deadline from the start, not from the previous one, so rounding never accumulates.
      const dueAt = addWorkingMinutes(start, total, calendar);
      const planned = { ...step, startsAt, dueAt };
      startsAt = dueAt;
      return planned;
    });
  }

  return {
    calendar,
    minutesPerDay,
    afternoonCutoff,
    receiptDayCounts,
    nearlyDueMinutes,
    countingStart,
    appointment,
    parseBudget: (budget) => parseBudget(budget, minutesPerDay),
    formatBudget: (minutes) => formatBudget(minutes, minutesPerDay),
    addWorkingMinutes: (start, minutes) => addWorkingMinutes(start, minutes, calendar),
    workingMinutesBetween: (from, to) => workingMinutesBetween(from, to, calendar),
    planSteps,
    remainingAt(dueAt, pausedAt) {
      checkInstant(dueAt, 'dueAt');
      checkInstant(pausedAt, 'pausedAt');
      return workingMinutesBetween(pausedAt, dueAt, calendar);
    },
    resumedDue(resumedAt, remainingMinutes) {
      checkInstant(resumedAt, 'resumedAt');
      return addWorkingMinutes(resumedAt, remainingMinutes, calendar);
    },
    timeliness: (input) =>
      judgeTimeliness({ ...input, nearlyDueMinutes: input.nearlyDueMinutes ?? nearlyDueMinutes }, calendar),
  };
}
