import type { StatisticsInterval } from '@motcua/common';
import { formatLocalDate, parseLocalDate } from '@motcua/common/calendar';

/**
 * The sub-periods of a reporting period, for the statistics grouped by period: calendar weeks
 * (Monday to Sunday), months, quarters, halves or years, each cut to the period asked for. Days are
 * Vietnamese calendar days ('YYYY-MM-DD'), both ends included.
 */
export interface SubPeriod {
  from: string;
  to: string;
  label: string;
}

function ymd(day: string): { year: number; month: number } {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The first day of the interval after the one `day` falls in, and the interval's label. */
function intervalOf(day: string, interval: StatisticsInterval): { next: string; label: string } {
  const { year, month } = ymd(day);
  const monthsPer = { month: 1, quarter: 3, half: 6, year: 12 } as const;
  if (interval === 'week') {
    const number = parseLocalDate(day);
    // day numbers count from 1970-01-01, a Thursday: Monday is 3 days after a multiple of 7
    const monday = number - ((((number - 4) % 7) + 7) % 7);
    const sunday = monday + 6;
    const [first, last] = [formatLocalDate(monday), formatLocalDate(sunday)];
    return {
      next: formatLocalDate(monday + 7),
      label: `Tuần ${first.slice(8)}/${first.slice(5, 7)}–${last.slice(8)}/${last.slice(5, 7)}/${last.slice(0, 4)}`,
    };
  }
  const span = monthsPer[interval];
  const startMonth = Math.floor((month - 1) / span) * span + 1;
  const nextIndex = year * 12 + (startMonth - 1) + span;
  const next = `${Math.floor(nextIndex / 12)}-${pad((nextIndex % 12) + 1)}-01`;
  const label = {
    month: `Tháng ${pad(month)}/${year}`,
    quarter: `Quý ${(startMonth + 2) / 3}/${year}`,
    half: `6 tháng ${startMonth === 1 ? 'đầu' : 'cuối'} năm ${year}`,
    year: `Năm ${year}`,
  }[interval];
  return { next, label };
}

/** The sub-periods from `from` to `to`, in order; the first and last cut to the period. */
export function subPeriods(from: string, to: string, interval: StatisticsInterval): SubPeriod[] {
  const periods: SubPeriod[] = [];
  let start = from;
  while (start <= to) {
    const { next, label } = intervalOf(start, interval);
    const end = formatLocalDate(Math.min(parseLocalDate(next) - 1, parseLocalDate(to)));
    periods.push({ from: start, to: end, label });
    start = next;
  }
  return periods;
}
