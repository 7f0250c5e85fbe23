/**
 * Reading a BPMN diagram the way the modeler holds it (bpmn-moddle with the camunda extension), for
 * the lint rules: which process an element is in, its step properties, its name for a message.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { STEP_PROPERTIES } from '../procedures.js';

/** The BPMN namespace prefix of moddle types, `bpmn:UserTask`. */
const BPMN_PREFIX = 'bpmn:';

/** Whether a moddle element is of a type or a subtype (`bpmn:Activity` matches every task). */
export function isA(element: unknown, type: string): boolean {
  const candidate = element as { $instanceOf?: (type: string) => boolean } | null | undefined;
  return typeof candidate?.$instanceOf === 'function' && candidate.$instanceOf(type);
}

/** The XML local name of a BPMN element's type (`bpmn:UserTask` → `userTask`), or undefined for another vocabulary. */
export function bpmnLocalName(element: ModdleElement): string | undefined {
  if (!element.$type.startsWith(BPMN_PREFIX)) return undefined;
  const name = element.$type.slice(BPMN_PREFIX.length);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The process an element belongs to (itself for a process), walking up its parents. */
export function processOf(element: ModdleElement): ModdleElement | undefined {
  for (let current: ModdleElement | undefined = element; current; current = current.$parent as ModdleElement) {
    if (isA(current, 'bpmn:Process')) return current;
  }
  return undefined;
}

/** Whether an element is in a process the engine deploys (isExecutable="true"). */
export function inExecutableProcess(element: ModdleElement): boolean {
  return processOf(element)?.isExecutable === true;
}

/** The camunda:properties of an element, by name (the first of a name given twice). */
export function extensionProperties(element: ModdleElement): Map<string, string> {
  const properties = new Map<string, string>();
  const extensions = element.extensionElements as { values?: ModdleElement[] } | undefined;
  for (const list of extensions?.values ?? []) {
    if (list.$type !== 'camunda:Properties') continue;
    for (const property of (list.values as ModdleElement[] | undefined) ?? []) {
      const name = property.name;
      if (typeof name === 'string' && !properties.has(name)) properties.set(name, String(property.value ?? ''));
    }
  }
  return properties;
}

/** Whether an element carries a step of the ISO internal process (the `step` property). */
export const isStep = (element: ModdleElement): boolean => extensionProperties(element).has(STEP_PROPERTIES.step);

/** An element as the admin sees it in a message: its name and id, or its id alone. */
export function label(element: ModdleElement): string {
  const name = typeof element.name === 'string' ? element.name.trim() : '';
  return name ? `"${name}" (${element.id ?? '?'})` : `"${element.id ?? '?'}"`;
}

/** The flow elements directly in a process or sub-process. */
export function flowElementsOf(container: ModdleElement): ModdleElement[] {
  return (container.flowElements as ModdleElement[] | undefined) ?? [];
}

/** Every flow element of a process, sub-processes included. */
export function allFlowElements(container: ModdleElement): ModdleElement[] {
  return flowElementsOf(container).flatMap((element) =>
    isA(element, 'bpmn:SubProcess') ? [element, ...allFlowElements(element)] : [element],
  );
}

/**
 * The sequence flows of a process or sub-process by their source and by their target, read from
 * the flows' sourceRef and targetRef as the engine reads them (a node's own incoming and outgoing
 * lists are optional in the XML, and modelers other than bpmn-js leave them out).
 */
export function flowsOf(container: ModdleElement): {
  from: (node: ModdleElement) => ModdleElement[];
  to: (node: ModdleElement) => ModdleElement[];
} {
  const from = new Map<unknown, ModdleElement[]>();
  const to = new Map<unknown, ModdleElement[]>();
  for (const flow of flowElementsOf(container)) {
    if (!isA(flow, 'bpmn:SequenceFlow')) continue;
    from.set(flow.sourceRef, [...(from.get(flow.sourceRef) ?? []), flow]);
    to.set(flow.targetRef, [...(to.get(flow.targetRef) ?? []), flow]);
  }
  return { from: (node) => from.get(node) ?? [], to: (node) => to.get(node) ?? [] };
}
