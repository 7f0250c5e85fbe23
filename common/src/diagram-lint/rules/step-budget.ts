/**
 * motcua/step-budget: every user task of an executable process is a step of the ISO internal
 * process, with its order (`step`, a whole number ≥ 1) and its time budget (`budget`, working days
 * `2d` or hours `4h`), which the workers plan its deadline from (see common/src/process-steps.ts).
 * A user task while the legal clock is paused needs neither: one whose every way in comes straight
 * from the external task that pauses the clock for a supplement (topic request-supplement), as the
 * receive-supplement task of every shipped diagram, where the time is the applicant's.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { BUDGET_PATTERN } from '../../calendar/working-time.js';
import { STEP_PROPERTIES, TOPICS } from '../../procedures.js';
import { extensionProperties, flowsOf, inExecutableProcess, isA, label } from '../model.js';
import type { LintRule } from './rule.js';

/** The activities a node is entered from, across gateways and events. */
function precedingActivities(node: ModdleElement): ModdleElement[] {
  const container = node.$parent as ModdleElement | undefined;
  if (!container) return [];
  const flows = flowsOf(container);
  const found: ModdleElement[] = [];
  const seen = new Set<ModdleElement>([node]);
  const walk = (current: ModdleElement) => {
    for (const flow of flows.to(current)) {
      const source = flow.sourceRef as ModdleElement | undefined;
      if (!source || seen.has(source)) continue;
      seen.add(source);
      if (isA(source, 'bpmn:Activity')) found.push(source);
      else walk(source);
    }
  };
  walk(node);
  return found;
}

/** Whether the legal clock is paused while this task waits: it is entered only from the supplement request. */
export function waitsWhileClockPaused(task: ModdleElement): boolean {
  const before = precedingActivities(task);
  return (
    before.length > 0 &&
    before.every((activity) => activity.type === 'external' && activity.topic === TOPICS.requestSupplement)
  );
}

/** Why a step's properties are wrong, in Vietnamese, or nothing when they are right. */
export function stepProblems(element: ModdleElement): string[] {
  const properties = extensionProperties(element);
  const problems: string[] = [];
  const step = properties.get(STEP_PROPERTIES.step)?.trim();
  if (step === undefined || step === '') {
    problems.push(`Bước ${label(element)} chưa có số thứ tự bước (thuộc tính "${STEP_PROPERTIES.step}")`);
  } else if (!/^[1-9]\d*$/.test(step)) {
    problems.push(`Bước ${label(element)}: số thứ tự bước "${step}" phải là số nguyên từ 1 trở lên`);
  }
  const budget = properties.get(STEP_PROPERTIES.budget)?.trim();
  if (budget === undefined || budget === '') {
    problems.push(
      `Bước ${label(element)} chưa có thời hạn xử lý (thuộc tính "${STEP_PROPERTIES.budget}", ví dụ 2d là 2 ngày làm việc, 4h là 4 giờ làm việc)`,
    );
  } else if (!BUDGET_PATTERN.test(budget) || Number.parseFloat(budget) <= 0) {
    problems.push(
      `Bước ${label(element)}: thời hạn "${budget}" phải là số ngày (d) hoặc số giờ (h) làm việc lớn hơn 0, ví dụ 2d, 0.5d, 4h`,
    );
  }
  return problems;
}

export default function stepBudget(): LintRule {
  return {
    check(node, reporter) {
      if (!isA(node, 'bpmn:UserTask') || !inExecutableProcess(node) || waitsWhileClockPaused(node)) return;
      for (const problem of stepProblems(node)) reporter.report(node.id ?? '', problem);
    },
  };
}
