/**
 * Our lint rules (@motcua/common/diagram-lint) over every shipped diagram, which must pass them,
 * and over broken variants made from each: a step without its budget or its order, budgets that no
 * longer add up to the legal time, a step whose way out is cut, an element outside the allow-list,
 * a candidate group naming a role or an agency that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, STEP_PROPERTIES, type ProcessKey } from '@motcua/common';
import { createWorkingCalendar, parseBudget } from '@motcua/common/calendar';
import {
  DIAGRAM_LINT_RULES,
  lintDefinitions,
  lintDiagram,
  parseBpmn,
  type DiagramLintContext,
  type ModdleElement,
} from '@motcua/common/diagram-lint';
import { PROCESS_KEY_LIST, tabledLegalTime } from './diagrams.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROCESSES_DIR } from '../deploy.js';

const { minutesPerDay } = createWorkingCalendar();
const AGENCY_CODES = ['000.00.17.H41'];

/** The context the server gives the rules for a shipped diagram: its tabled legal time and every role. */
async function contextOf(key: ProcessKey): Promise<DiagramLintContext> {
  const legal = await tabledLegalTime(key);
  const legalMinutes = parseBudget(legal.budget, minutesPerDay);
  const processingDays = /same working day/.test(legal.text) ? 0 : legalMinutes / minutesPerDay;
  return {
    legalTime: { processingDays, legalMinutes, minutesPerDay },
    groups: { roles: ROLES, agencyCodes: AGENCY_CODES },
  };
}

const xmlOf = (key: ProcessKey) => readFile(path.join(PROCESSES_DIR, `${key}.bpmn`), 'utf8');

/** A shipped diagram, parsed afresh for one variant, with its process and user tasks. */
async function variantOf(key: ProcessKey) {
  const { rootElement } = await parseBpmn(await xmlOf(key));
  const process = (rootElement.rootElements as ModdleElement[]).find((element) => element.$type === 'bpmn:Process')!;
  const flowElements = process.flowElements as ModdleElement[];
  const userTasks = flowElements.filter((element) => element.$type === 'bpmn:UserTask');
  return { definitions: rootElement, process, flowElements, userTasks };
}

/** The camunda:property elements of an element. */
function propertiesOf(element: ModdleElement): ModdleElement[] {
  const values =
    ((element.extensionElements as ModdleElement | undefined)?.values as ModdleElement[] | undefined) ?? [];
  return values
    .filter((value) => value.$type === 'camunda:Properties')
    .flatMap((list) => list.values as ModdleElement[]);
}

function removeProperty(element: ModdleElement, name: string) {
  const values = ((element.extensionElements as ModdleElement).values as ModdleElement[]).filter(
    (value) => value.$type === 'camunda:Properties',
  );
  for (const list of values)
    list.values = (list.values as ModdleElement[]).filter((property) => property.name !== name);
}

const steppedTasks = (tasks: ModdleElement[]) =>
  tasks.filter((task) => propertiesOf(task).some((property) => property.name === STEP_PROPERTIES.step));

const found = (problems: { elementId: string | null; rule: string }[]) =>
  problems.map(({ elementId, rule }) => `${elementId ?? ''} ${rule}`);

it('names its rules under the motcua plugin', () => {
  expect(DIAGRAM_LINT_RULES).toEqual([
    'motcua/step-budget',
    'motcua/budget-total',
    'motcua/path-ends',
    'motcua/allowed-elements',
    'motcua/candidate-groups',
  ]);
});

describe.each(PROCESS_KEY_LIST)('%s.bpmn', (key) => {
  it('passes every rule', async () => {
    expect(await lintDiagram(await xmlOf(key), await contextOf(key))).toEqual([]);
  });

  it('reports a user-task step without its budget or its order, naming the task in Vietnamese', async () => {
    for (const property of [STEP_PROPERTIES.budget, STEP_PROPERTIES.step]) {
      const { definitions, userTasks } = await variantOf(key);
      const tasks = steppedTasks(userTasks);
      expect(tasks.length).toBeGreaterThan(0);
      for (const task of tasks) removeProperty(task, property);

      const problems = await lintDefinitions(definitions, await contextOf(key));

      const stepProblems = problems.filter((problem) => problem.rule === 'motcua/step-budget');
      expect(stepProblems.map((problem) => problem.elementId).sort()).toEqual(tasks.map((task) => task.id).sort());
      for (const problem of stepProblems) {
        expect(problem.message).toContain(String(problem.elementId));
        expect(problem.message).toMatch(property === STEP_PROPERTIES.budget ? /thời hạn xử lý/ : /số thứ tự bước/);
      }
    }
  });

  it('reports budgets that no longer add up to the legal time, on the process', async () => {
    const { definitions, process, userTasks } = await variantOf(key);
    const budget = propertiesOf(steppedTasks(userTasks)[0]!).find(
      (property) => property.name === STEP_PROPERTIES.budget,
    )!;
    budget.value = `${parseBudget(String(budget.value), minutesPerDay) / 60 + 1}h`;

    const problems = await lintDefinitions(definitions, await contextOf(key));

    expect(found(problems)).toEqual([`${process.id} motcua/budget-total`]);
    expect(problems[0]!.message).toMatch(/khác thời hạn giải quyết của thủ tục/);
  });

  it('checks no total without the legal time of a procedure version', async () => {
    const { definitions, userTasks } = await variantOf(key);
    removeProperty(steppedTasks(userTasks)[0]!, STEP_PROPERTIES.budget);

    const problems = await lintDefinitions(definitions, {});

    expect(problems.map((problem) => problem.rule)).toEqual(['motcua/step-budget']);
  });

  it('reports every user task whose ways out are cut, and no other element', async () => {
    for (const task of (await variantOf(key)).userTasks) {
      const { definitions, process, flowElements } = await variantOf(key);
      const cut = flowElements.find((element) => element.id === task.id)!;
      process.flowElements = flowElements.filter(
        (element) => !(element.$type === 'bpmn:SequenceFlow' && element.sourceRef === cut),
      );
      cut.outgoing = [];

      const problems = await lintDefinitions(definitions, await contextOf(key));

      const stuck = problems.filter((problem) => problem.rule === 'motcua/path-ends');
      expect(stuck.map((problem) => problem.elementId)).toContain(task.id);
      expect(problems.filter((problem) => problem.rule !== 'motcua/path-ends')).toEqual([]);
    }
  });

  it('reports elements outside the allow-list, and what the admin may use instead', async () => {
    const xml = (await xmlOf(key)).replace(
      /(<bpmn:process\b[^>]*>)/,
      '$1<bpmn:scriptTask id="stray-script" /><bpmn:businessRuleTask id="stray-rule" />',
    );

    const problems = await lintDiagram(xml, await contextOf(key));

    const refused = problems.filter((problem) => problem.rule === 'motcua/allowed-elements');
    expect(refused.map((problem) => problem.elementId).sort()).toEqual(['stray-rule', 'stray-script']);
    expect(refused.find((problem) => problem.elementId === 'stray-script')?.message).toMatch(/công việc ngoài/);
  });

  it('reports a candidate group naming a role or an agency that does not exist', async () => {
    for (const group of ['clerk:${agencyCode}', 'specialist:999.99.99.X99', 'specialist']) {
      const { definitions, userTasks } = await variantOf(key);
      const task = userTasks[0]!;
      task.candidateGroups = group;

      const problems = await lintDefinitions(definitions, await contextOf(key));

      expect(found(problems)).toEqual([`${task.id} motcua/candidate-groups`]);
      expect(problems[0]!.message).toContain(group);
    }
  });
});
