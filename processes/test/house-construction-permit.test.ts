import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_KEYS, ROLES, TASK_OUTCOMES, TOPICS, USER_TASKS } from '@motcua/common';
import { PROCESSES_DIR } from '../deploy.js';
import { parseBpmn, type ModdleElement } from './bpmn.js';

const FILE = path.join(PROCESSES_DIR, `${PROCESS_KEYS.houseConstructionPermit}.bpmn`);

let warnings: { message: string }[];
let bpmnProcess: ModdleElement;
let elements: ModdleElement[];
let diagramElementIds: Set<string>;

function byId(id: string): ModdleElement {
  const element = elements.find((candidate) => candidate.id === id);
  if (!element) throw new Error(`no element ${id}`);
  return element;
}
function ofType(type: string): ModdleElement[] {
  return elements.filter((element) => element.$type === type);
}
function ref(element: ModdleElement, property: string): ModdleElement {
  return element[property] as ModdleElement;
}

beforeAll(async () => {
  const parsed = await parseBpmn(await readFile(FILE, 'utf8'));
  warnings = parsed.warnings;
  const definitions = parsed.rootElement;
  bpmnProcess = (definitions.rootElements as ModdleElement[])[0]!;
  elements = bpmnProcess.flowElements as ModdleElement[];
  const plane = ref((definitions.diagrams as ModdleElement[])[0]!, 'plane');
  diagramElementIds = new Set(
    (plane.planeElement as ModdleElement[]).map((shape) => ref(shape, 'bpmnElement').id ?? ''),
  );
});

describe('house-construction-permit.bpmn', () => {
  it('parses with bpmn-moddle and the camunda extension without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('is the executable process named after its file, with a history time to live', () => {
    expect(bpmnProcess.id).toBe(PROCESS_KEYS.houseConstructionPermit);
    expect(bpmnProcess.isExecutable).toBe(true);
    expect(bpmnProcess.historyTimeToLive).toBe('180');
  });

  it('uses exactly the external-task topics the workers subscribe to', () => {
    const serviceTasks = ofType('bpmn:ServiceTask');
    expect(serviceTasks.every((task) => task.type === 'external')).toBe(true);
    expect(serviceTasks.map((task) => task.topic).sort()).toEqual(Object.values(TOPICS).sort());
  });

  it('has exactly the user tasks of USER_TASKS, each for a role of the handling agency and with a due date', () => {
    const userTasks = ofType('bpmn:UserTask');
    expect(userTasks.map((task) => task.id).sort()).toEqual(Object.values(USER_TASKS).sort());
    for (const task of userTasks) {
      const [role, agency] = String(task.candidateGroups).split(':');
      expect(ROLES, task.id).toContain(role);
      expect(agency, task.id).toBe('${agencyCode}');
      expect(task.dueDate, task.id).toMatch(/^\$\{(appraisalDueAt|dueAt)\}$/);
    }
    expect(byId(USER_TASKS.appraisal).candidateGroups).toBe('specialist:${agencyCode}');
    expect(byId(USER_TASKS.appraisal).dueDate).toBe('${appraisalDueAt}');
    expect(byId(USER_TASKS.leaderApproval).candidateGroups).toBe('leader:${agencyCode}');
    expect(byId(USER_TASKS.returnResult).candidateGroups).toBe('receptionist:${agencyCode}');
  });

  it('passes the appraisal budget to the appointment worker as an input parameter', () => {
    const extensions = ref(byId('compute-appointment'), 'extensionElements');
    const inputOutput = (extensions.values as ModdleElement[])[0]!;
    const parameters = inputOutput.inputParameters as ModdleElement[];
    expect(parameters.map((parameter) => [parameter.name, parameter.value])).toEqual([
      ['appraisalWorkingDays', '${10}'],
    ]);
  });

  it('reminds about an overdue appraisal without interrupting it', () => {
    const boundary = byId('appraisal-overdue');
    expect(ref(boundary, 'attachedToRef').id).toBe(USER_TASKS.appraisal);
    expect(boundary.cancelActivity).toBe(false);
    const timer = (boundary.eventDefinitions as ModdleElement[])[0]!;
    expect(timer.$type).toBe('bpmn:TimerEventDefinition');
    expect(ref(timer, 'timeDate').body).toBe('${appraisalDueAt}');
    const [flow] = boundary.outgoing as ModdleElement[];
    expect(ref(flow!, 'targetRef').topic).toBe(TOPICS.remindAppraisalOverdue);
  });

  it("routes the leader's decision on `outcome`: send_back returns to appraisal, approval is the default", () => {
    expect(TASK_OUTCOMES).toContain('send_back');
    const gateway = byId('approval-decision');
    const defaultFlow = ref(gateway, 'default');
    expect(defaultFlow.id).toBe('approved');
    expect(defaultFlow.conditionExpression).toBeUndefined();
    expect(ref(defaultFlow, 'targetRef').topic).toBe(TOPICS.recordResultReady);
    const sentBack = byId('sent-back');
    expect(ref(sentBack, 'sourceRef').id).toBe('approval-decision');
    expect(ref(sentBack, 'targetRef').id).toBe(USER_TASKS.appraisal);
    expect(ref(sentBack, 'conditionExpression').body).toContain("'send_back'");
  });

  it('names every task, event and gateway (in Vietnamese) and draws every element', () => {
    for (const element of elements) {
      if (element.$type !== 'bpmn:SequenceFlow') expect(element.name, element.id).toMatch(/\S/);
      expect(diagramElementIds.has(element.id ?? ''), `${element.id} has a shape or edge`).toBe(true);
    }
  });

  it('is documented: the README table names every task and topic', async () => {
    const readme = await readFile(path.join(PROCESSES_DIR, 'README.md'), 'utf8');
    for (const element of [...ofType('bpmn:UserTask'), ...ofType('bpmn:ServiceTask')]) {
      expect(readme, String(element.id)).toContain(`\`${element.id}\``);
    }
  });
});
