/**
 * motcua/budget-total: the budgets of a procedure's steps add up to the legal processing time of its
 * procedure version, so the last step's deadline is the appointment given to the applicant. Off
 * unless configured with the legal time (`legalTimeOf`): a diagram no procedure runs yet has none.
 */
import { parseBudget } from '../../calendar/working-time.js';
import { STEP_PROPERTIES } from '../../procedures.js';
import { allFlowElements, extensionProperties, isA, label } from '../model.js';
import type { LintRule } from './rule.js';

/** The legal processing time of the procedure version the diagram runs for. */
export interface LegalTime {
  /** Whole working days from the catalogue; 0 = the same working day. */
  processingDays: number;
  /** The legal time in working minutes (see legalTimeOf). */
  legalMinutes: number;
  /** Working minutes in a working day. */
  minutesPerDay: number;
}

/**
 * The legal time of a procedure version in working minutes: `processingDays` whole working days, or
 * for a same-day procedure (0) the working time between the afternoon cut-off and closing, which
 * is what a dossier received at the cut-off has left (common/src/calendar/legal-clock.ts).
 */
export function legalTimeOf(
  processingDays: number,
  clock: { minutesPerDay: number; closesAt: number; afternoonCutoff: number | null },
): LegalTime {
  const legalMinutes =
    processingDays > 0
      ? processingDays * clock.minutesPerDay
      : clock.afternoonCutoff === null
        ? clock.minutesPerDay
        : clock.closesAt - clock.afternoonCutoff;
  return { processingDays, legalMinutes, minutesPerDay: clock.minutesPerDay };
}

/** Working minutes in Vietnamese: whole days as days, the rest as hours and minutes. */
export function describeWorkingTime(minutes: number, minutesPerDay: number): string {
  if (minutes % minutesPerDay === 0) return `${minutes / minutesPerDay} ngày làm việc`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours > 0 ? `${hours} giờ` : ''}${hours > 0 && rest > 0 ? ' ' : ''}${rest > 0 ? `${rest} phút` : ''} làm việc`;
}

export default function budgetTotal(config?: Partial<LegalTime>): LintRule {
  return {
    check(node, reporter) {
      if (!isA(node, 'bpmn:Process') || node.isExecutable !== true) return;
      const { legalMinutes, minutesPerDay, processingDays } = config ?? {};
      if (legalMinutes === undefined || minutesPerDay === undefined) return false;
      let total = 0;
      for (const element of allFlowElements(node)) {
        const budget = extensionProperties(element).get(STEP_PROPERTIES.budget);
        if (budget === undefined) continue;
        try {
          total += parseBudget(budget, minutesPerDay);
        } catch {
          // a budget that cannot be read is motcua/step-budget's to report
          return false;
        }
      }
      if (total !== legalMinutes) {
        const legal = processingDays === 0 ? 'trong ngày' : describeWorkingTime(legalMinutes, minutesPerDay);
        reporter.report(
          node.id ?? '',
          `Tổng thời hạn các bước của quy trình ${label(node)} là ${describeWorkingTime(total, minutesPerDay)}, khác thời hạn giải quyết của thủ tục (${legal}, tức ${describeWorkingTime(legalMinutes, minutesPerDay)}): hãy chia lại thời hạn các bước`,
        );
      }
      return false;
    },
  };
}
