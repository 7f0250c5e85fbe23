import { dayNumberOf, vietnamInstant, type DayNumber } from './vietnam-time.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * Working time: minutes inside office hours (07:30–17:00 by default, 570 a day) on working days.
 * Every deadline of the legal clock is an amount of working time from an instant. Arithmetic is done
 * in whole milliseconds so that adding and measuring are exact inverses.
 *
 * Conventions: an amount that ends exactly at closing time ends at closing (17:00), not at the next
 * opening; time outside office hours and on days off does not count.
 */

const MINUTE_MS = 60_000;
/** No real calendar goes ten years without a working day; stop rather than loop on a broken one. */
const MAX_DAYS_SEARCHED = 3_660;

/** The next working day after `day`. */
export function nextWorkingDay(day: DayNumber, calendar: WorkingCalendar): DayNumber {
  for (let candidate = day + 1; candidate <= day + MAX_DAYS_SEARCHED; candidate += 1) {
    if (calendar.isWorkingDay(candidate)) return candidate;
  }
  throw new RangeError('the working calendar has no working day in ten years');
}

/** The last working day before `day`. */
export function previousWorkingDay(day: DayNumber, calendar: WorkingCalendar): DayNumber {
  for (let candidate = day - 1; candidate >= day - MAX_DAYS_SEARCHED; candidate -= 1) {
    if (calendar.isWorkingDay(candidate)) return candidate;
  }
  throw new RangeError('the working calendar has no working day in ten years');
}

export function checkInstant(instant: Date, name: string): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`${name} is not a valid date`);
  }
}

function checkMinutes(minutes: number, name: string): void {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) {
    throw new RangeError(`${name} must be a finite number of working minutes, got ${minutes}`);
  }
}

/** Milliseconds since midnight, Vietnam time, of an instant on its day. */
function msIntoDay(instant: Date, day: DayNumber): number {
  return instant.getTime() - vietnamInstant(day, 0).getTime();
}

function officeMs(calendar: WorkingCalendar): { opens: number; closes: number } {
  return { opens: calendar.officeHours.opensAt * MINUTE_MS, closes: calendar.officeHours.closesAt * MINUTE_MS };
}

function instantAt(day: DayNumber, ms: number): Date {
  return new Date(vietnamInstant(day, 0).getTime() + ms);
}

/**
 * The instant at which `minutes` working minutes have passed since `start`. From outside office hours
 * the count begins at the next opening. Negative amounts count backwards (the instant `-minutes`
 * working minutes before `start`). Zero returns `start` unchanged.
 */
export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingCalendar): Date {
  checkInstant(start, 'start');
  checkMinutes(minutes, 'minutes');
  if (minutes === 0) return new Date(start.getTime());
  const { opens, closes } = officeMs(calendar);
  let day = dayNumberOf(start);
  let at = msIntoDay(start, day);
  let remaining = Math.round(Math.abs(minutes) * MINUTE_MS);

  if (minutes > 0) {
    if (!calendar.isWorkingDay(day) || at >= closes) {
      day = nextWorkingDay(day, calendar);
      at = opens;
    } else if (at < opens) at = opens;
    while (remaining > closes - at) {
      remaining -= closes - at;
      day = nextWorkingDay(day, calendar);
      at = opens;
    }
    return instantAt(day, at + remaining);
  }

  if (!calendar.isWorkingDay(day) || at <= opens) {
    day = previousWorkingDay(day, calendar);
    at = closes;
  } else if (at > closes) at = closes;
  while (remaining > at - opens) {
    remaining -= at - opens;
    day = previousWorkingDay(day, calendar);
    at = closes;
  }
  return instantAt(day, at - remaining);
}

/** Working milliseconds of `day` that have passed at `ms` after its midnight. */
function elapsedOn(day: DayNumber, ms: number, calendar: WorkingCalendar): number {
  if (!calendar.isWorkingDay(day)) return 0;
  const { opens, closes } = officeMs(calendar);
  return Math.min(Math.max(ms, opens), closes) - opens;
}

/**
 * Working minutes from `from` to `to` (fractions for instants between whole minutes); negative when
 * `to` is the earlier one. `workingMinutesBetween(s, addWorkingMinutes(s, m)) === m`.
 */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  if (to.getTime() < from.getTime()) {
    const forward = workingMinutesBetween(to, from, calendar);
    return forward === 0 ? 0 : -forward;
  }
  const fromDay = dayNumberOf(from);
  const toDay = dayNumberOf(to);
  const fromElapsed = elapsedOn(fromDay, msIntoDay(from, fromDay), calendar);
  const toElapsed = elapsedOn(toDay, msIntoDay(to, toDay), calendar);
  if (fromDay === toDay) return (toElapsed - fromElapsed) / MINUTE_MS;
  const dayMs = calendar.minutesPerDay * MINUTE_MS;
  let total = (calendar.isWorkingDay(fromDay) ? dayMs - fromElapsed : 0) + toElapsed;
  for (let day = fromDay + 1; day < toDay; day += 1) {
    if (calendar.isWorkingDay(day)) total += dayMs;
  }
  return total / MINUTE_MS;
}

/** A time budget: a decimal number of working days (`10d`, `0.5d`) or hours (`4h`). */
export const BUDGET_PATTERN = /^(\d+(?:\.\d+)?)([dh])$/;

/**
 * Working minutes of a budget string: `10d` → 10 working days, `0.5d` → half a day, `4h` → 240.
 * A day is `minutesPerDay` (570 for 07:30–17:00). Throws a RangeError naming the value when it is not
 * such a string or does not come to a whole number of minutes.
 */
export function parseBudget(budget: string, minutesPerDay: number): number {
  const match = typeof budget === 'string' ? BUDGET_PATTERN.exec(budget.trim()) : null;
  if (!match) {
    throw new RangeError(`"${String(budget)}" is not a time budget: write working days or hours, e.g. 10d, 0.5d, 4h`);
  }
  const amount = Number(match[1]);
  const minutes = match[2] === 'd' ? amount * minutesPerDay : amount * 60;
  const rounded = Math.round(minutes);
  if (Math.abs(minutes - rounded) > 1e-9) {
    throw new RangeError(`budget "${budget}" comes to ${minutes} minutes, not a whole number of working minutes`);
  }
  return rounded;
}

/** The shortest budget string for an amount of working minutes: 5700 → `10d`, 240 → `4h`, 285 → `0.5d`. */
export function formatBudget(minutes: number, minutesPerDay: number): string {
  checkMinutes(minutes, 'minutes');
  if (minutes < 0) throw new RangeError(`a budget is never negative, got ${minutes} minutes`);
  const days = minutes / minutesPerDay;
  const hours = minutes / 60;
  const dayText = `${Number(days.toFixed(4))}d`;
  const hourText = `${Number(hours.toFixed(4))}h`;
  const exact = (text: string): boolean => {
    try {
      return parseBudget(text, minutesPerDay) === minutes;
    } catch {
      return false;
    }
  };
  if (exact(dayText) && (!exact(hourText) || dayText.length <= hourText.length)) return dayText;
  if (exact(hourText)) return hourText;
  throw new RangeError(`${minutes} working minutes cannot be written as days or hours`);
}
