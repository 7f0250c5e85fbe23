/** How pressing a task is, from its due date: the work list colours tasks by it (the API sorts them). */
export type Urgency = 'overdue' | 'due_soon' | 'on_time' | 'no_due_date';

/** Tasks due within this many hours are flagged, so the officer deals with them before they lapse. */
const DUE_SOON_HOURS = 48;

export function urgencyOf(due: string | null | undefined, now: Date = new Date()): Urgency {
  const time = due ? new Date(due).getTime() : Number.NaN;
  if (Number.isNaN(time)) return 'no_due_date';
  if (time < now.getTime()) return 'overdue';
  return time - now.getTime() <= DUE_SOON_HOURS * 3_600_000 ? 'due_soon' : 'on_time';
}
