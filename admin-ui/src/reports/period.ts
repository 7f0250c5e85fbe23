import { vietnamToday } from '../components/vietnamTime.js';

/** A reporting period, both days included, `YYYY-MM-DD` in Vietnam. */
export interface Period {
  from: string;
  to: string;
}

/** From the first day of the current month to today (Vietnam time): the monthly report so far. */
export function currentMonth(now: Date = new Date()): Period {
  const today = vietnamToday(now);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

export function isValidPeriod(period: Period): boolean {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  return date.test(period.from) && date.test(period.to) && period.from <= period.to;
}
