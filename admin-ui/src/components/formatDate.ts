import { dateLocaleOf } from '../i18n/index.js';

/** Dates are shown in the administration's time zone, whatever the browser's. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Formats an ISO timestamp from the API for the UI language, e.g. "27/11/2026" or
 * "14:05 27/11/2026" in Vietnamese. Empty or unreadable values give an empty string.
 */
export function formatDate(value: string | null | undefined, locale: string, withTime = false): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(dateLocaleOf(locale), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).format(date);
}
