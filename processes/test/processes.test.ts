import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  readProcessSteps,
  ROLES,
  stepDueVariable,
  TOPICS,
  USER_TASKS,
  VARIABLES,
  type ProcessKey,
  type ProcessStep,
} from '@motcua/common';
import { createWorkingCalendar, DEFAULT_AFTERNOON_CUTOFF, parseBudget, parseClockTime } from '@motcua/common/calendar';
import { PROCESSES_DIR } from '../deploy.js';
import type { ModdleElement } from './bpmn.js';
import {
  byId,
  clearsOutcome,
  inputParameters,
  loadDiagram,
  next,
  ofType,
  outgoing,
  PROCESS_KEY_LIST,
  ref,
  tabledLegalTime,
  testedOutcome,
  type Diagram,
} from './diagrams.js';

const calendar = createWorkingCalendar();
const minutesOf = (budget: string) => parseBudget(budget, calendar.minutesPerDay);
const CANDIDATE_GROUP = /^(\w+):\$\{(agencyCode|partnerAgencyCode)\}$/;

it('has one diagram per process key, and nothing else', async () => {
  const files = (await readdir(PROCESSES_DIR)).filter((name) => name.endsWith('.bpmn')).sort();

  expect(files).toEqual(PROCESS_KEY_LIST.map((key) => `${key}.bpmn`).sort());
});

describe.each(PROCESS_KEY_LIST)('%s.bpmn', (key: ProcessKey) => {
  let diagram: Diagram;
  let steps: ProcessStep[];
  let userTaskSteps: ProcessStep[];

  beforeAll(async () => {
    diagram = await loadDiagram(key);
    steps = readProcessSteps(diagram.xml, key);
    userTaskSteps = steps.filter((step) => step.kind === 'userTask');
  });

  it('parses with bpmn-moddle and the camunda extension without warnings', () => {
    expect(diagram.warnings).toEqual([]);
  });

  it('is the executable process named after its file, with a history time to live', () => {
    expect(diagram.process.id).toBe(key);
    expect(diagram.process.isExecutable).toBe(true);
    expect(diagram.process.historyTimeToLive).toBe('180');
  });

  it('gives work only to the workers, on topics of TOPICS (not the legacy appraisal reminder)', () => {
    const serviceTasks = ofType(diagram, 'bpmn:ServiceTask');

    for (const task of serviceTasks) {
      expect(task.type, task.id).toBe('external');
      expect(Object.values(TOPICS), task.id).toContain(task.topic);
      expect(task.topic, task.id).not.toBe(TOPICS.remindAppraisalOverdue);
    }
  });

  it('has only user tasks the server knows (USER_TASKS)', () => {
    for (const task of ofType(diagram, 'bpmn:UserTask')) {
      expect(Object.values(USER_TASKS), String(task.id)).toContain(task.id);
    }
  });

  it('starts with the reception on the start event; every other step is a user task', () => {
    const [reception, ...rest] = steps;

    expect(reception).toMatchObject({ activityId: 'received', kind: 'startEvent', step: 1 });
    expect(byId(diagram, 'received').$type).toBe('bpmn:StartEvent');
    expect(rest.every((step) => step.kind === 'userTask')).toBe(true);
    expect(steps.map((step) => step.step)).toEqual(steps.map((_, index) => index + 1));
  });

  it('gives each step to a role of the handling agency, or of the partner agency for partner-review', () => {
    for (const step of userTaskSteps) {
      const [, role, agency] = CANDIDATE_GROUP.exec(step.candidateGroups ?? '') ?? [];
      expect(ROLES, step.activityId).toContain(role);
      expect(agency, step.activityId).toBe(
        step.activityId === USER_TASKS.partnerReview ? VARIABLES.partnerAgencyCode : VARIABLES.agencyCode,
      );
    }
  });

  it('budgets the steps to exactly the legal processing time tabled in README.md', async () => {
    const legal = await tabledLegalTime(key);

    const total = steps.reduce((sum, step) => sum + minutesOf(step.budget), 0);

    expect(total).toBe(minutesOf(legal.budget));
  });

  it('makes each user-task step due at its deadline variable, with a non-interrupting reminder timer', () => {
    const boundaries = ofType(diagram, 'bpmn:BoundaryEvent');
    for (const step of userTaskSteps) {
      const dueExpression = `\${${stepDueVariable(step.activityId)}}`;
      expect(byId(diagram, step.activityId).dueDate, step.activityId).toBe(dueExpression);

      const timers = boundaries.filter((boundary) => ref(boundary, 'attachedToRef').id === step.activityId);
      expect(timers, step.activityId).toHaveLength(1);
      const timer = timers[0]!;
      expect(timer.cancelActivity, step.activityId).toBe(false);
      const [definition] = timer.eventDefinitions as ModdleElement[];
      expect(ref(definition!, 'timeDate').body, step.activityId).toBe(dueExpression);

      const reminder = next(timer);
      expect(reminder).toMatchObject({ $type: 'bpmn:ServiceTask', topic: TOPICS.remindStepOverdue });
      expect(inputParameters(reminder)).toEqual({ [VARIABLES.overdueStep]: step.activityId });
      expect(next(reminder).$type).toBe('bpmn:EndEvent');
    }
  });

  it('leaves tasks that are not steps without a due date or timer (the supplement waits on the applicant)', () => {
    const stepIds = new Set(steps.map((step) => step.activityId));
    for (const task of ofType(diagram, 'bpmn:UserTask').filter((candidate) => !stepIds.has(candidate.id ?? ''))) {
      expect(task.dueDate, task.id).toBeUndefined();
      expect(task.candidateGroups, task.id).toBe('receptionist:${agencyCode}');
    }
  });

  it("decides on exactly the step's outcomes, defaults forward, and clears `outcome` on every branch", () => {
    for (const step of userTaskSteps.filter((candidate) => candidate.outcomes.length > 0)) {
      const gateway = next(byId(diagram, step.activityId));
      expect(gateway.$type, step.activityId).toBe('bpmn:ExclusiveGateway');
      const flows = outgoing(gateway);
      const tested = flows.map(testedOutcome).filter((outcome) => outcome !== undefined);
      expect(tested.sort(), step.activityId).toEqual(step.outcomes.filter((outcome) => outcome !== 'approve').sort());

      const defaultFlow = ref(gateway, 'default');
      expect(testedOutcome(defaultFlow), step.activityId).toBeUndefined();
      expect(
        flows.filter((flow) => testedOutcome(flow) === undefined),
        step.activityId,
      ).toEqual([defaultFlow]);
      expect(flows.every(clearsOutcome), step.activityId).toBe(true);
    }
  });

  it('never leaves a gateway without a way forward: conditional branches always have a default flow', () => {
    for (const gateway of ofType(diagram, 'bpmn:ExclusiveGateway')) {
      if (outgoing(gateway).some((flow) => flow.conditionExpression)) {
        expect(gateway.default, gateway.id).toBeDefined();
      }
    }
  });

  /** Where the flow testing `outcome` after `stepId` leads. */
  function branch(stepId: string, outcome: string): ModdleElement {
    const gateway = next(byId(diagram, stepId));
    const flow = outgoing(gateway).find((candidate) => testedOutcome(candidate) === outcome);
    if (!flow) throw new Error(`${stepId} has no ${outcome} branch`);
    return ref(flow, 'targetRef');
  }

  it('sends request_supplement through the one-stop unit and back to the step that asked', () => {
    const asking = userTaskSteps.filter((candidate) => candidate.outcomes.includes('request_supplement'));
    expect(asking.length).toBeGreaterThan(0);
    for (const step of asking) {
      const request = branch(step.activityId, 'request_supplement');
      const receive = next(request);
      const resume = next(receive);

      expect(request.topic).toBe(TOPICS.requestSupplement);
      expect(receive).toMatchObject({
        id: USER_TASKS.receiveSupplement,
        candidateGroups: 'receptionist:${agencyCode}',
      });
      expect(resume.topic).toBe(TOPICS.resumeAfterSupplement);
      expect(next(resume).id).toBe(step.activityId);
    }
  });

  it('ends a refusal in `refused` after recording it', () => {
    const refusing = userTaskSteps.filter((candidate) => candidate.outcomes.includes('refuse'));
    expect(refusing.length).toBeGreaterThan(0);
    for (const step of refusing) {
      const record = branch(step.activityId, 'refuse');

      expect(record.topic).toBe(TOPICS.recordRefusal);
      expect(next(record)).toMatchObject({ id: 'refused', $type: 'bpmn:EndEvent' });
    }
  });

  it('transfers to the partner agency and comes back to the step that transferred, or has no partner step', () => {
    const transferring = userTaskSteps.filter((candidate) => candidate.outcomes.includes('transfer'));
    const partnerSteps = userTaskSteps.filter((step) => step.activityId === USER_TASKS.partnerReview);
    expect(partnerSteps).toHaveLength(transferring.length > 0 ? 1 : 0);
    for (const step of transferring) {
      const transfer = branch(step.activityId, 'transfer');
      const review = next(transfer);
      const back = next(review);

      expect(transfer.topic).toBe(TOPICS.transferToAgency);
      expect(review.id).toBe(USER_TASKS.partnerReview);
      expect(back.topic).toBe(TOPICS.recordTransferReturned);
      expect(next(back).id).toBe(step.activityId);
    }
  });

  it('sends back from the leader to the appraisal', () => {
    const join = branch(USER_TASKS.leaderApproval, 'send_back');

    expect(next(join).id).toBe(USER_TASKS.appraisal);
  });

  it('runs reception → appraisal → leader → result ready → return → returned on the default flows', () => {
    const path: string[] = [];
    let element = byId(diagram, 'received');
    while (element.$type !== 'bpmn:EndEvent') {
      path.push(element.id ?? '');
      element = element.default ? ref(ref(element, 'default'), 'targetRef') : next(element);
    }

    expect(path.filter((id) => !id.endsWith('-decision') && !id.endsWith('-join'))).toEqual([
      'received',
      'compute-appointment',
      USER_TASKS.appraisal,
      USER_TASKS.leaderApproval,
      'record-result-ready',
      USER_TASKS.returnResult,
      'record-returned',
    ]);
    expect(element.id).toBe('result-returned');
  });

  it('names every task, event and gateway (in Vietnamese) and draws every element', () => {
    const drawnIds = new Set(diagram.drawn.map((shape) => ref(shape, 'bpmnElement').id));
    for (const element of diagram.elements) {
      if (element.$type !== 'bpmn:SequenceFlow') expect(element.name, element.id).toMatch(/\S/);
      expect(drawnIds.has(element.id), `${element.id} has a shape or edge`).toBe(true);
    }
  });

  it('lays the diagram out without overlapping shapes', () => {
    const shapes = diagram.drawn.filter((shape) => shape.$type === 'bpmndi:BPMNShape');
    const box = (shape: ModdleElement) =>
      ref(shape, 'bounds') as unknown as Record<'x' | 'y' | 'width' | 'height', number>;
    for (const [index, a] of shapes.entries()) {
      for (const b of shapes.slice(index + 1)) {
        const [elementA, elementB] = [ref(a, 'bpmnElement'), ref(b, 'bpmnElement')];
        const attached = [elementA.attachedToRef, elementB.attachedToRef].some(
          (host) => host === elementA || host === elementB,
        );
        const [p, q] = [box(a), box(b)];
        const overlap = p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
        expect(overlap && !attached, `${elementA.id} overlaps ${elementB.id}`).toBe(false);
      }
    }
  });

  it('is documented: the README names every task and topic', async () => {
    const readme = await readFile(path.join(PROCESSES_DIR, 'README.md'), 'utf8');
    for (const element of [...ofType(diagram, 'bpmn:UserTask'), ...ofType(diagram, 'bpmn:ServiceTask')]) {
      expect(readme, String(element.id)).toContain(`\`${element.id}\``);
      if (element.topic) expect(readme, String(element.topic)).toContain(`\`${String(element.topic)}\``);
    }
  });
});

describe('the three procedures together', () => {
  it('budget a same-day procedure to the working time between the afternoon cut-off and closing', async () => {
    const legalTimes = await Promise.all(
      PROCESS_KEY_LIST.map(async (key) => ({ key, ...(await tabledLegalTime(key)) })),
    );
    const sameDay = legalTimes.filter((legal) => /same working day/.test(legal.text));

    expect(sameDay.map((legal) => legal.key)).toEqual(['birth-registration']);
    for (const legal of sameDay) {
      expect(minutesOf(legal.budget), legal.key).toBe(
        calendar.officeHours.closesAt - parseClockTime(DEFAULT_AFTERNOON_CUTOFF),
      );
    }
  });

  it('use every topic and user task of the contract, but the legacy appraisal reminder', async () => {
    const diagrams = await Promise.all(PROCESS_KEY_LIST.map(loadDiagram));
    const topics = new Set(
      diagrams.flatMap((diagram) => ofType(diagram, 'bpmn:ServiceTask').map((task) => task.topic)),
    );
    const userTasks = new Set(diagrams.flatMap((diagram) => ofType(diagram, 'bpmn:UserTask').map((task) => task.id)));

    expect([...topics].sort()).toEqual(
      Object.values(TOPICS)
        .filter((topic) => topic !== TOPICS.remindAppraisalOverdue)
        .sort(),
    );
    expect([...userTasks].sort()).toEqual(Object.values(USER_TASKS).sort());
  });
});
