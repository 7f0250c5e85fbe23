/**
 * motcua/path-ends: from every flow node of an executable process (and of each of its
 * sub-processes) some path of sequence flows reaches an end event, so no dossier can be left in a
 * process that never finishes: no dead end without an end event, no loop without a way out.
 * Event sub-processes have no flows in or out; their insides are checked like a sub-process.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { flowElementsOf, flowsOf, inExecutableProcess, isA, label } from '../model.js';
import type { LintRule } from './rule.js';

const isEventSubProcess = (element: ModdleElement) =>
  isA(element, 'bpmn:SubProcess') && element.triggeredByEvent === true;

/** The flow nodes of a container that are part of its flow (event sub-processes stand apart). */
function flowNodesOf(container: ModdleElement): ModdleElement[] {
  return flowElementsOf(container).filter((element) => isA(element, 'bpmn:FlowNode') && !isEventSubProcess(element));
}

/** The nodes of a container from which no path reaches one of its end events. */
export function nodesThatNeverEnd(container: ModdleElement): ModdleElement[] {
  const nodes = flowNodesOf(container);
  const flows = flowsOf(container);
  const ends = new Set(nodes.filter((node) => isA(node, 'bpmn:EndEvent')));
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of nodes) {
      if (ends.has(node)) continue;
      if (flows.from(node).some((flow) => ends.has(flow.targetRef as ModdleElement))) {
        ends.add(node);
        changed = true;
      }
    }
  }
  return nodes.filter((node) => !ends.has(node));
}

export default function pathEnds(): LintRule {
  return {
    check(node, reporter) {
      const container = isA(node, 'bpmn:Process') || isA(node, 'bpmn:SubProcess');
      if (!container || !inExecutableProcess(node)) return;
      const flows = flowsOf(node);
      for (const stuck of nodesThatNeverEnd(node)) {
        reporter.report(
          stuck.id ?? '',
          flows.from(stuck).length === 0
            ? `Phần tử ${label(stuck)} không có luồng đi tiếp và không phải sự kiện kết thúc: hãy nối nó tới bước tiếp theo hoặc một sự kiện kết thúc`
            : `Từ phần tử ${label(stuck)} không có đường nào tới sự kiện kết thúc: hồ sơ đi vào đây sẽ không bao giờ kết thúc`,
        );
      }
    },
  };
}
