/**
 * Clock and calendar arithmetic in Vietnam's legal time (Asia/Ho_Chi_Minh): UTC+07:00 all year, no
 * daylight saving since 1975. Computing with the fixed offset, never the host's time zone, keeps the
 * appointment the same on a developer laptop, in CI and on a server set to UTC.
 *
 * Days are handled as "day numbers" (whole days since 1970-01-01 in Vietnam), which makes stepping
 * through the calendar plain integer arithmetic.
 */

/** Offset of Vietnam's legal time from UTC. */
export const VIETNAM_UTC_OFFSET = '+07:00';

const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date in Vietnam written `YYYY-MM-DD`, e.g. `2026-09-02`. */
export type LocalDate = string;

/** Whole days since 1970-01-01 in Vietnam's legal time. */
export type DayNumber = number;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a `YYYY-MM-DD` date; throws a RangeError naming the value if it is no real date. */
export function parseLocalDate(date: LocalDate): DayNumber {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = Date.UTC(year, month - 1, day);
    const check = new Date(utc);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return utc / DAY_MS;
    }
  }
  throw new RangeError(`"${date}" is not a date written YYYY-MM-DD`);
}

export function formatLocalDate(day: DayNumber): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The Vietnamese calendar day an instant falls on. */
export function dayNumberOf(instant: Date): DayNumber {
  return Math.floor((instant.getTime() + OFFSET_MS) / DAY_MS);
}

/** The Vietnamese calendar date of an instant, e.g. for the YYMMDD part of a dossier code. */
export function toVietnamDate(instant: Date): LocalDate {
  return formatLocalDate(dayNumberOf(instant));
}

/** Minutes since midnight in Vietnam at an instant (fractions of a minute included). */
export function vietnamMinutesOf(instant: Date): number {
  const msIntoDay = instant.getTime() + OFFSET_MS - dayNumberOf(instant) * DAY_MS;
  return msIntoDay / 60_000;
}

/** The instant at `minutes` after midnight, Vietnam time, on a given day. */
export function vietnamInstant(day: DayNumber, minutes: number): Date {
  return new Date(day * DAY_MS - OFFSET_MS + minutes * 60_000);
}

/** Day of the week in Vietnam: 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function weekdayOf(day: DayNumber): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Parses `HH:MM` into minutes since midnight; throws a RangeError naming the value otherwise. */
export function parseClockTime(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`"${time}" is not a clock time written HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}
