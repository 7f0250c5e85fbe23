import { STEP_PROPERTIES, TOPICS } from '@motcua/common';
import { TEMPLATE_IDS, TEMPLATE_VERSION } from './elementTemplates.js';

/**
 * Which element template an element of a diagram is drawn with, decided from what it holds rather
 * than from a `camunda:modelerTemplate` attribute: the shipped diagrams carry none, and the designer
 * saves none (stripTemplateLinks), so the XML it writes keeps the shipped diagrams' form while every
 * step, shipped or new, opens in its template.
 */

/** What the decision reads of a BPMN element (a bpmn-moddle business object). */
export interface StepElement {
  $type: string;
  get(name: string): unknown;
}

interface PropertyEntry {
  name?: string;
}

/** The names of an element's camunda:property entries. */
function propertyNames(element: StepElement): Set<string> {
  const extensions = element.get('extensionElements') as
    { values?: { $type: string; values?: PropertyEntry[] }[] } | undefined;
  const properties = extensions?.values?.find((value) => value.$type === 'camunda:Properties');
  return new Set((properties?.values ?? []).map((entry) => entry.name ?? ''));
}

const WORKER_TOPICS: ReadonlySet<string> = new Set(Object.values(TOPICS));

/** The template an element is drawn with, or undefined when none of ours describes it. */
export function templateOf(element: StepElement): string | undefined {
  if (element.$type === 'bpmn:UserTask') {
    const names = propertyNames(element);
    if (!names.has(STEP_PROPERTIES.step)) return undefined;
    return names.has(STEP_PROPERTIES.outcomes) ? TEMPLATE_IDS.decisionStep : TEMPLATE_IDS.isoStep;
  }
  if (element.$type === 'bpmn:ServiceTask' || element.$type === 'bpmn:SendTask') {
    const topic = element.get('camunda:topic');
    const external = element.get('camunda:type') === 'external';
    return external && typeof topic === 'string' && WORKER_TOPICS.has(topic) ? TEMPLATE_IDS.serviceStep : undefined;
  }
  return undefined;
}

/**
 * Links each element of an imported diagram to its template, on the business objects themselves
 * (outside the command stack: the link is not an edit to undo).
 */
export function linkTemplates(
  elements: readonly (StepElement & { set(name: string, value: unknown): void })[],
): number {
  let linked = 0;
  for (const element of elements) {
    if (element.get('camunda:modelerTemplate')) continue;
    const template = templateOf(element);
    if (!template) continue;
    element.set('camunda:modelerTemplate', template);
    element.set('camunda:modelerTemplateVersion', TEMPLATE_VERSION);
    linked += 1;
  }
  return linked;
}

/** The XML without the template links the editor keeps (see the module's comment). */
export function stripTemplateLinks(xml: string): string {
  return xml.replace(/\s+camunda:modelerTemplate(?:Version)?="[^"]*"/g, '');
}
