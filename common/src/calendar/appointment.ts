import { dayNumberOf, vietnamInstant, vietnamMinutesOf, type DayNumber } from './vietnam-time.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * The appointment date (ngày hẹn trả kết quả) and working-day counts. Processing times are set in
 * working days (ngày làm việc), counted from the receipt of a complete dossier and skipping weekends,
 * holidays and swapped days off (LEGAL.md section 3); the receipt form prints the appointment to the
 * minute (Circular 01/2018/TT-VPCP, Mẫu 01 item 5).
 */

/** No real calendar goes ten years without a working day; stop rather than loop on a broken one. */
const MAX_DAYS_SEARCHED = 3_660;

function nextWorkingDay(day: DayNumber, calendar: WorkingCalendar): DayNumber {
  for (let candidate = day + 1; candidate <= day + MAX_DAYS_SEARCHED; candidate += 1) {
    if (calendar.isWorkingDay(candidate)) return candidate;
  }
  throw new RangeError('the working calendar has no working day in ten years');
}

function nthWorkingDayAfter(day: DayNumber, count: number, calendar: WorkingCalendar): DayNumber {
  let current = day;
  for (let step = 0; step < count; step += 1) current = nextWorkingDay(current, calendar);
  return current;
}

/**
 * The appointment for a dossier received at `receivedAt` with a processing time of `days` working
 * days (an integer ≥ 1). The receipt day itself is not counted (whether it counts is not settled in
 * the sources, LEGAL.md section 3), and every working day is a whole day:
 *
 * - Received in office hours on a working day (from opening, 07:30, until before closing, 17:00):
 *   the appointment is the same clock time on the `days`-th working day after the receipt day.
 *   Fri 27/11/2026 10:00 + 15 → Fri 18/12/2026 10:00.
 * - Received outside office hours (before opening, at or after closing, or on a day off): the dossier
 *   is handled from the opening of the next working day (before 07:30 on a working day, that same
 *   day), which counts as day 1, and the appointment is the closing time of day `days`.
 *   Sat 28/11/2026 + 15 → Fri 18/12/2026 17:00. This gives the same amount of working time as "the
 *   opening of the next working day, plus `days` days", but on the evening before rather than at the
 *   first minute of the following day.
 *
 * Same-day procedures (0 days, with their 15:00 cut-off) are not handled yet: `days` must be ≥ 1.
 */
export function addWorkingDays(receivedAt: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`days must be a whole number of working days ≥ 1, got ${days}`);
  }
  if (Number.isNaN(receivedAt.getTime())) throw new RangeError('receivedAt is not a valid date');
  const receiptDay = dayNumberOf(receivedAt);
  const minutes = vietnamMinutesOf(receivedAt);
  const { opensAt, closesAt } = calendar.officeHours;
  const workingDay = calendar.isWorkingDay(receiptDay);

  if (workingDay && minutes >= opensAt && minutes < closesAt) {
    const dueDay = nthWorkingDayAfter(receiptDay, days, calendar);
    return vietnamInstant(dueDay, minutes);
  }
  const firstDay = workingDay && minutes < opensAt ? receiptDay : nextWorkingDay(receiptDay, calendar);
  return vietnamInstant(nthWorkingDayAfter(firstDay, days - 1, calendar), closesAt);
}

/**
 * How many working days lie after the Vietnamese calendar day of `from` up to and including the day
 * of `to`; negative when `to` is the earlier one. Clock times are ignored: it answers "how many
 * working days late" or "how many working days are left".
 */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const start = dayNumberOf(from);
  const end = dayNumberOf(to);
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day += 1) {
    if (calendar.isWorkingDay(day)) count += 1;
  }
  return sign * count;
}
