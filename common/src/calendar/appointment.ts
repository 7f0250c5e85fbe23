import { createLegalClock } from './legal-clock.js';
import { dayNumberOf } from './vietnam-time.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * The appointment date (ngày hẹn trả kết quả) and working-day counts. Processing times are set in
 * working days (ngày làm việc), counted from the receipt of a complete dossier and skipping weekends,
 * holidays and swapped days off (docs/legal.md §3); the receipt form prints the appointment to the
 * minute (Circular 01/2018/TT-VPCP, Mẫu 01 item 5).
 */

/**
 * The appointment for a dossier received at `receivedAt` with a processing time of `days` working
 * days (an integer ≥ 1), with no afternoon cut-off and the receipt day not counted.
 *
 * @deprecated Use `createLegalClock({ calendar }).appointment(receivedAt, days)`, which applies the
 * configured afternoon cut-off and handles same-day procedures. This is that clock with
 * `afternoonCutoff: null`: received in office hours → the same clock time on the `days`-th working day
 * after the receipt day (Fri 27/11/2026 10:00 + 15 → Fri 18/12/2026 10:00); received before opening,
 * from closing on, or on a day off → the closing time of day `days`, the next opening being day 1
 * (Sat 28/11/2026 + 15 → Fri 18/12/2026 17:00).
 */
export function addWorkingDays(receivedAt: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`days must be a whole number of working days ≥ 1, got ${days}`);
  }
  return createLegalClock({ calendar, afternoonCutoff: null }).appointment(receivedAt, days);
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
