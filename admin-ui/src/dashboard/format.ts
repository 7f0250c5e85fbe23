import type { DashboardInterval, TrendRow } from '@motcua/common';
import { dateLocaleOf } from '../i18n/index.js';

/** Dates are read in the administration's time zone, whatever the browser's. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The parts of a calendar day `YYYY-MM-DD` as the UI language writes them (noon keeps it that day everywhere). */
function dayParts(day: string, locale: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const instant = new Date(`${day}T12:00:00+07:00`);
  const parts = new Intl.DateTimeFormat(dateLocaleOf(locale), { timeZone: TIME_ZONE, ...options }).formatToParts(
    instant,
  );
  return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

/**
 * The short label of a trend period under the chart: "11/2026" for a month, the week's Monday
 * "30/11" for a week (the table beside the chart names each period in full).
 */
export function trendTick(row: Pick<TrendRow, 'from'>, interval: DashboardInterval, locale: string): string {
  if (interval === 'month') {
    const { month, year } = dayParts(row.from, locale, { month: '2-digit', year: 'numeric' });
    return `${month}/${year}`;
  }
  const { day, month } = dayParts(row.from, locale, { day: '2-digit', month: '2-digit' });
  return `${day}/${month}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How far an appointment is from the moment the dashboard was judged at, in the UI language: "3 ngày
 * trước" (overdue three days), "sau 2 giờ nữa" (due in two hours); days from one day on, then hours,
 * then minutes, rounded towards the appointment.
 */
export function dueRelative(dueAt: string, at: string, locale: string): string {
  const difference = new Date(dueAt).getTime() - new Date(at).getTime();
  const size = Math.abs(difference);
  const [unit, length]: [Intl.RelativeTimeFormatUnit, number] =
    size >= DAY ? ['day', DAY] : size >= HOUR ? ['hour', HOUR] : ['minute', MINUTE];
  const count = Math.max(1, Math.floor(size / length));
  return new Intl.RelativeTimeFormat(dateLocaleOf(locale), { numeric: 'always' }).format(
    difference < 0 ? -count : count,
    unit,
  );
}
