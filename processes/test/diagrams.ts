/** The procedures' diagrams as the tests read them: the parsed model, its elements, and the README's tables. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROCESS_KEYS, type ProcessKey } from '@motcua/common';
import { PROCESSES_DIR } from '../deploy.js';
import { parseBpmn, type ModdleElement } from './bpmn.js';

export const PROCESS_KEY_LIST: ProcessKey[] = Object.values(PROCESS_KEYS);

export interface Diagram {
  key: ProcessKey;
  xml: string;
  warnings: string[];
  process: ModdleElement;
  /** Every flow element, those of embedded sub-processes included. */
  elements: ModdleElement[];
  /** The diagram's shapes and edges (BPMNShape / BPMNEdge). */
  drawn: ModdleElement[];
}

function flowElementsOf(container: ModdleElement): ModdleElement[] {
  return ((container.flowElements as ModdleElement[] | undefined) ?? []).flatMap((element) => [
    element,
    ...flowElementsOf(element),
  ]);
}

export async function loadDiagram(key: ProcessKey): Promise<Diagram> {
  const xml = await readFile(path.join(PROCESSES_DIR, `${key}.bpmn`), 'utf8');
  const { rootElement, warnings } = await parseBpmn(xml);
  const process = (rootElement.rootElements as ModdleElement[])[0]!;
  const plane = ref((rootElement.diagrams as ModdleElement[])[0]!, 'plane');
  return {
    key,
    xml,
    warnings: warnings.map((warning) => warning.message),
    process,
    elements: flowElementsOf(process),
    drawn: plane.planeElement as ModdleElement[],
  };
}

export function ref(element: ModdleElement, property: string): ModdleElement {
  const value = element[property] as ModdleElement | undefined;
  if (!value) throw new Error(`${element.id} has no ${property}`);
  return value;
}

export function byId(diagram: Diagram, id: string): ModdleElement {
  const element = diagram.elements.find((candidate) => candidate.id === id);
  if (!element) throw new Error(`${diagram.key} has no element ${id}`);
  return element;
}

export function ofType(diagram: Diagram, type: string): ModdleElement[] {
  return diagram.elements.filter((element) => element.$type === type);
}

export function outgoing(element: ModdleElement): ModdleElement[] {
  return (element.outgoing as ModdleElement[] | undefined) ?? [];
}

/** The element a node leads to when it has exactly one outgoing flow. */
export function next(element: ModdleElement): ModdleElement {
  const flows = outgoing(element);
  if (flows.length !== 1) throw new Error(`${element.id} has ${flows.length} outgoing flows, not one`);
  return ref(flows[0]!, 'targetRef');
}

/** The camunda extension elements of a given type (e.g. camunda:ExecutionListener). */
export function extensions(element: ModdleElement, type: string): ModdleElement[] {
  const container = element.extensionElements as ModdleElement | undefined;
  return ((container?.values as ModdleElement[] | undefined) ?? []).filter((value) => value.$type === type);
}

export function inputParameters(element: ModdleElement): Record<string, unknown> {
  return Object.fromEntries(
    extensions(element, 'camunda:InputOutput').flatMap((inputOutput) =>
      ((inputOutput.inputParameters as ModdleElement[] | undefined) ?? []).map((parameter) => [
        parameter.name,
        parameter.value,
      ]),
    ),
  );
}

/** The outcome a flow's condition tests, as the diagrams write it; undefined for a flow without condition. */
export function testedOutcome(flow: ModdleElement): string | undefined {
  const condition = flow.conditionExpression as ModdleElement | undefined;
  if (!condition) return undefined;
  const match = /^\$\{execution\.getVariable\('outcome'\) == '(\w+)'\}$/.exec(String(condition.body));
  if (!match) throw new Error(`${flow.id}: unexpected condition ${String(condition.body)}`);
  return match[1];
}

export function clearsOutcome(flow: ModdleElement): boolean {
  return extensions(flow, 'camunda:ExecutionListener').some(
    (listener) => listener.event === 'take' && listener.expression === "${execution.removeVariable('outcome')}",
  );
}

/**
 * The legal processing time tabled for a procedure in README.md: the row "Legal processing time" of
 * the table in the procedure's section, with the budget it states in backquotes (e.g. `15d`).
 */
export async function tabledLegalTime(key: ProcessKey): Promise<{ text: string; budget: string }> {
  const readme = await readFile(path.join(PROCESSES_DIR, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${key}.bpmn\n`);
  if (start === -1) throw new Error(`README.md has no section "## ${key}.bpmn"`);
  const section = readme.slice(start + 1).split(/\n## /)[0]!;
  const row = section.split('\n').find((line) => /^\|\s*Legal processing time\s*\|/.test(line));
  const budget = row && /`(\d+(?:\.\d+)?[dh])`/.exec(row)?.[1];
  if (!row || !budget) throw new Error(`README.md, section ${key}.bpmn: no "Legal processing time" row with a budget`);
  return { text: row.split('|')[2]!.trim(), budget };
}
