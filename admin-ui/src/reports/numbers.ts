import { dateLocaleOf } from '../i18n/index.js';

/** A count as the UI language writes it: 1.234 in Vietnamese, 1,234 in English. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(dateLocaleOf(locale)).format(value);
}

/** A number with at most two decimals, e.g. "12,31". */
export function formatDecimal(value: number, locale: string): string {
  return new Intl.NumberFormat(dateLocaleOf(locale), { maximumFractionDigits: 2 }).format(value);
}

/** A percentage with at most two decimals, e.g. "61,54%"; "—" when there is none. */
export function formatPercent(value: number | null, locale: string): string {
  if (value === null) return '—';
  return `${formatDecimal(value, locale)}%`;
}
