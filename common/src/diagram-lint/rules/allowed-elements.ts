/**
 * motcua/allowed-elements: an executable process holds only the BPMN elements of the allow-list
 * (../allowed-elements.ts), the list the deployment policy applies to the XML. The policy checks
 * more than element types (camunda attributes, expressions, listeners); the editor shows this part
 * as the admin draws, and the server's validation reports the rest.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { ALLOWED_PROCESS_ELEMENTS, PROCESS_ELEMENT_REASONS_VI } from '../allowed-elements.js';
import { bpmnLocalName, inExecutableProcess, isA, label } from '../model.js';
import type { LintRule } from './rule.js';

/**
 * Types that are values of an allowed element's property rather than elements of their own in the
 * XML (`<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">` is a FormalExpression).
 */
const VALUE_TYPES = new Set(['formalExpression', 'expression']);

/** Why an element is not allowed, in Vietnamese, or undefined when it is. */
export function elementProblem(node: ModdleElement): string | undefined {
  const localName = bpmnLocalName(node);
  if (localName === undefined || ALLOWED_PROCESS_ELEMENTS.has(localName) || VALUE_TYPES.has(localName))
    return undefined;
  const reason = PROCESS_ELEMENT_REASONS_VI[localName] ?? 'không nằm trong danh sách phần tử được phép của quy trình';
  return `Phần tử ${label(node)} (${node.$type}): ${reason}`;
}

export default function allowedElements(): LintRule {
  return {
    check(node, reporter) {
      // the diagram interchange, message and other root elements are no part of a process's flow
      if (isA(node, 'bpmn:Definitions') || isA(node, 'bpmn:Process')) return;
      if (!inExecutableProcess(node)) return false;
      const problem = elementProblem(node);
      if (!problem) return;
      // what is inside a refused element does not matter any more
      reporter.report(node.id ?? (node.$parent as ModdleElement | undefined)?.id ?? '', problem);
      return false;
    },
  };
}
