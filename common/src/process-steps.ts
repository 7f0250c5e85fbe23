/**
 * Reads a procedure's ISO internal process from its BPMN diagram: the elements that carry the step
 * extension properties (STEP_PROPERTIES: `step`, `budget`, `outcomes`), in step order. The
 * compute-appointment worker plans each step's deadline from them, the server offers a task's
 * outcomes from them and checks a diagram before deploying it, so a diagram's budgets live in the
 * diagram alone.
 *
 * A step is usually a user task; the reception, which happens before the process starts, is the
 * start event's step (its budget is the one-stop unit's time to hand the dossier on).
 */
import { BUDGET_PATTERN } from './calendar/working-time.js';
import { STEP_PROPERTIES, TASK_OUTCOMES, type TaskOutcome } from './procedures.js';
import { Parser } from '@motcua/common/xml/saxen';

const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/bpmn';

/** One step of the internal process, as the diagram states it. */
export interface ProcessStep {
  /** The BPMN element id: the task definition key of a user task. */
  activityId: string;
  /** The element's name, or its id when it has none. */
  name: string;
  /** The BPMN element type without prefix: `userTask`, or `startEvent` for the reception. */
  kind: string;
  /** Position in the internal process (1, 2, …). */
  step: number;
  /** The time budget as written: `<number>d` working days or `<number>h` working hours. */
  budget: string;
  /** What the officer may choose on completing the step; empty means "complete" only. */
  outcomes: TaskOutcome[];
  /** A user task's candidate groups as written, e.g. `specialist:${agencyCode}`; undefined otherwise. */
  candidateGroups: string | undefined;
}

/** A diagram whose steps cannot be read; `elementId` names the element at fault when there is one. */
export class ProcessStepsError extends Error {
  constructor(
    message: string,
    readonly elementId?: string,
  ) {
    super(message);
    this.name = 'ProcessStepsError';
  }
}

interface XmlNode {
  /** With the prefix saxen's namespace mode gives: `bpmn:` and `camunda:` for our two namespaces. */
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

function parseDocument(xml: string): XmlNode {
  const parser = new Parser();
  parser.ns({ [BPMN_NAMESPACE]: 'bpmn', [CAMUNDA_NAMESPACE]: 'camunda' });
  const open: XmlNode[] = [];
  let root: XmlNode | undefined;
  let failure: string | undefined;
  const fail = (message: string, line: number) => {
    failure ??= `${message} (line ${line + 1})`;
    parser.stop();
  };
  parser.on('openTag', (name, getAttributes, decodeEntities, selfClosing) => {
    const attributes = Object.fromEntries(
      Object.entries(getAttributes()).map(([attribute, value]) => [attribute, decodeEntities(value)]),
    );
    const node: XmlNode = { name, attributes, children: [] };
    const parent = open.at(-1);
    if (parent) parent.children.push(node);
    else root ??= node;
    if (!selfClosing) open.push(node);
  });
  parser.on('closeTag', (_name, _decode, selfClosing) => {
    if (!selfClosing) open.pop();
  });
  parser.on('error', (error, getContext) => fail(error.message, getContext().line));
  parser.on('warn', (warning, getContext) => fail(warning.message, getContext().line));
  parser.parse(xml.replace(/^\uFEFF/, ''));
  if (failure) throw new ProcessStepsError(`the diagram is not well-formed XML: ${failure}`);
  if (root?.name !== 'bpmn:definitions') throw new ProcessStepsError('the diagram is not a BPMN 2.0 document');
  return root;
}

function findProcess(definitions: XmlNode, processKey: string | undefined): XmlNode {
  const processes = definitions.children.filter((child) => child.name === 'bpmn:process');
  if (processKey !== undefined) {
    const found = processes.find((process) => process.attributes.id === processKey);
    if (!found) throw new ProcessStepsError(`the diagram has no process "${processKey}"`, processKey);
    return found;
  }
  const executable = processes.filter((process) => process.attributes.isExecutable?.toLowerCase() === 'true');
  const candidates = processes.length === 1 ? processes : executable;
  if (candidates.length !== 1) {
    throw new ProcessStepsError(
      `the diagram has ${processes.length} processes (${executable.length} executable): name the process key`,
    );
  }
  return candidates[0]!;
}

function* descendants(node: XmlNode): Generator<XmlNode> {
  for (const child of node.children) {
    yield child;
    yield* descendants(child);
  }
}

/** The camunda:properties of an element (those of its own extensionElements only), by name. */
function extensionProperties(element: XmlNode, elementId: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const extensions of element.children.filter((child) => child.name === 'bpmn:extensionElements')) {
    for (const list of extensions.children.filter((child) => child.name === 'camunda:properties')) {
      for (const property of list.children.filter((child) => child.name === 'camunda:property')) {
        const name = property.attributes.name;
        if (name === undefined) continue;
        if (properties.has(name)) {
          throw new ProcessStepsError(`element "${elementId}": property "${name}" is given twice`, elementId);
        }
        properties.set(name, property.attributes.value ?? '');
      }
    }
  }
  return properties;
}

function readOutcomes(text: string | undefined, elementId: string): TaskOutcome[] {
  const outcomes = (text ?? '')
    .split(',')
    .map((outcome) => outcome.trim())
    .filter((outcome) => outcome !== '');
  for (const [index, outcome] of outcomes.entries()) {
    if (!(TASK_OUTCOMES as readonly string[]).includes(outcome)) {
      throw new ProcessStepsError(
        `element "${elementId}": outcome "${outcome}" is not one of ${TASK_OUTCOMES.join(', ')}`,
        elementId,
      );
    }
    if (outcomes.indexOf(outcome) !== index) {
      throw new ProcessStepsError(`element "${elementId}": outcome "${outcome}" is listed twice`, elementId);
    }
  }
  return outcomes as TaskOutcome[];
}

function readStep(element: XmlNode, properties: Map<string, string>): ProcessStep {
  const activityId = element.attributes.id ?? '';
  const stepText = properties.get(STEP_PROPERTIES.step)?.trim() ?? '';
  if (!/^[1-9]\d*$/.test(stepText)) {
    throw new ProcessStepsError(`element "${activityId}": step "${stepText}" is not a whole number ≥ 1`, activityId);
  }
  const budget = properties.get(STEP_PROPERTIES.budget)?.trim();
  if (budget === undefined || budget === '') {
    throw new ProcessStepsError(`element "${activityId}": step ${stepText} has no budget`, activityId);
  }
  if (!BUDGET_PATTERN.test(budget) || Number.parseFloat(budget) <= 0) {
    throw new ProcessStepsError(
      `element "${activityId}": budget "${budget}" is not a positive number of working days or hours, e.g. 10d, 0.5d, 4h`,
      activityId,
    );
  }
  const kind = element.name.slice(element.name.indexOf(':') + 1);
  return {
    activityId,
    name: element.attributes.name?.trim() || activityId,
    kind,
    step: Number(stepText),
    budget,
    outcomes: readOutcomes(properties.get(STEP_PROPERTIES.outcomes), activityId),
    candidateGroups: kind === 'userTask' ? element.attributes['camunda:candidateGroups'] : undefined,
  };
}

/**
 * The steps of a process of the diagram `xml`, in step order: the process `processKey`, or, without
 * it, the diagram's only process (or its only executable one). Throws a ProcessStepsError naming the
 * element for a step without a budget, a budget that is not `<number>d` / `<number>h`, an outcome
 * outside TASK_OUTCOMES, a `budget` or `outcomes` without `step`, or two elements with the same step.
 */
export function readProcessSteps(xml: string, processKey?: string): ProcessStep[] {
  const process = findProcess(parseDocument(xml), processKey);
  const steps: ProcessStep[] = [];
  for (const element of descendants(process)) {
    if (!element.name.startsWith('bpmn:') || element.attributes.id === undefined) continue;
    const properties = extensionProperties(element, element.attributes.id);
    if (!properties.has(STEP_PROPERTIES.step)) {
      const stray = [STEP_PROPERTIES.budget, STEP_PROPERTIES.outcomes].find((name) => properties.has(name));
      if (stray) {
        throw new ProcessStepsError(
          `element "${element.attributes.id}": property "${stray}" needs a "${STEP_PROPERTIES.step}" property`,
          element.attributes.id,
        );
      }
      continue;
    }
    const step = readStep(element, properties);
    const twin = steps.find((other) => other.step === step.step);
    if (twin) {
      throw new ProcessStepsError(
        `element "${step.activityId}": step ${step.step} is also element "${twin.activityId}"`,
        step.activityId,
      );
    }
    steps.push(step);
  }
  return steps.sort((a, b) => a.step - b.step);
}
