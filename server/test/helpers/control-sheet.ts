import type { ControlSheetRow } from '@motcua/common';
import { dayNumberOf } from '@motcua/common/calendar';

/**
 * The reception leg's result, by the rule restated (docs/legal.md §3: judged by calendar day
 * against a deadline one working day after reception). It depends on the hour a test runs: a
 * dossier received in office hours is due the next working day, so handing it over at once is
 * early; one received at night counts from the next opening and is due that same day, so handing
 * it over at once is on time.
 */
export function receptionLegResult(row: ControlSheetRow): 'early' | 'on_time' | 'late' {
  const handedOver = dayNumberOf(new Date(row.handedOverAt));
  const due = dayNumberOf(new Date(row.plannedDueAt!));
  return handedOver < due ? 'early' : handedOver === due ? 'on_time' : 'late';
}
