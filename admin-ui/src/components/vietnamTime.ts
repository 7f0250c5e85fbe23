/**
 * Officers type dates and times as they read them on the wall clock in Vietnam (UTC+7, no daylight
 * saving), whatever the browser's time zone; the API takes ISO 8601 instants.
 */
const VIETNAM_OFFSET = '+07:00';
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** "2026-12-01T08:00" (a datetime-local field) → "2026-12-01T08:00:00+07:00"; null for anything else. */
export function vietnamLocalToIso(local: string | null | undefined): string | null {
  if (!local || !LOCAL_DATE_TIME.test(local)) return null;
  return `${local}:00${VIETNAM_OFFSET}`;
}

/** An instant → the "YYYY-MM-DDTHH:mm" a datetime-local field shows for it in Vietnam. */
export function isoToVietnamLocal(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  return shifted.toISOString().slice(0, 16);
}

/** Today's date in Vietnam, "YYYY-MM-DD". */
export function vietnamToday(now: Date = new Date()): string {
  return isoToVietnamLocal(now.toISOString()).slice(0, 10);
}
