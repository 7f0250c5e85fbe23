import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompleteTaskSchema, RESULT_DELIVERIES, USER_TASKS } from '@motcua/common';
import { PROCESSES_DIR } from '@motcua/processes';
import { boundaryBranchNodes, readProcessGraph, type ProcessGraph } from './process-graph.js';
import { enumeratePaths, type ProcessPath } from './process-paths.js';

/**
 * The path enumeration the journey tests walk, on a small diagram whose paths are worked out by hand
 * (fixtures/consultation.bpmn) and on every shipped diagram, whose paths must take every outcome of
 * every step and every return method, each loop at most once.
 */
const VALUES = {
  supplementItems: ['Bản sao giấy tờ có chứng thực'],
  refusalReason: 'Hồ sơ không đáp ứng điều kiện',
  partnerAgencyCode: '000.08.17.H41',
  postalTrackingRef: 'EB123456789VN',
};

const CONSULTATION = await readFile(path.join(import.meta.dirname, 'fixtures/consultation.bpmn'), 'utf8');

const SHIPPED = await Promise.all(
  (await readdir(PROCESSES_DIR))
    .filter((file) => file.endsWith('.bpmn'))
    .sort()
    .map(async (file) => ({
      key: path.basename(file, '.bpmn'),
      xml: await readFile(path.join(PROCESSES_DIR, file), 'utf8'),
    })),
);

/** The first visit of a task on a path. */
function stepOf(on: ProcessPath | undefined, activityId: string) {
  const found = on?.steps.find((step) => step.activityId === activityId);
  if (!found) throw new Error(`no step ${activityId} on ${on?.name}`);
  return found;
}

describe('the paths of a small diagram', () => {
  const graph = readProcessGraph(CONSULTATION);

  it('take every choice of every task with the fewest deviations, and spread the return methods', () => {
    // when its paths are enumerated
    const paths = enumeratePaths(graph, VALUES);
    // then the consulted agency's refusal is reached through the transfer, and each method is taken once
    expect(paths.map((candidate) => candidate.name)).toEqual([
      'reception → check: approve → sign → hand-over: via counter → returned',
      'reception → check: refuse → refused',
      'reception → check: transfer → consult: approve → check: approve → sign → hand-over: via post → returned',
      'reception → check: transfer → consult: refuse → refused',
      'reception → check: approve → sign → hand-over: via online → returned',
    ]);
  });

  it('pass the workers and the decisions on the way, and leave the timer branches out', () => {
    const [, , transfer] = enumeratePaths(graph, VALUES);
    expect(transfer).toMatchObject({
      nodes: [
        'received',
        'compute-appointment',
        'check',
        'check-decision',
        'transfer-to-agency',
        'consult',
        'consult-decision',
        'record-transfer-returned',
        'check',
        'check-decision',
        'sign',
        'record-result-ready',
        'hand-over',
        'record-returned',
        'returned',
      ],
      topics: [
        'compute-appointment',
        'transfer-to-agency',
        'record-transfer-returned',
        'record-result-ready',
        'record-returned',
      ],
      endEvent: 'returned',
    });
    expect(boundaryBranchNodes(graph)).toEqual(
      new Set(['check-overdue', 'remind-check-overdue', 'check-overdue-reminded']),
    );
  });

  it('complete each choice with the data the API contract requires for it, and tell who is offered each step', () => {
    const [forward, refusal, transfer] = enumeratePaths(graph, VALUES);
    expect(stepOf(transfer, 'check')).toEqual({
      activityId: 'check',
      name: 'Check',
      candidateGroups: 'specialist:${agencyCode}',
      hasDueDate: true,
      offered: ['approve', 'refuse', 'transfer'],
      topicsBefore: ['compute-appointment'],
      outcome: 'transfer',
      completion: { outcome: 'transfer', partnerAgencyCode: VALUES.partnerAgencyCode },
    });
    expect(stepOf(transfer, 'consult')).toMatchObject({
      candidateGroups: 'specialist:${partnerAgencyCode}',
      topicsBefore: ['compute-appointment', 'transfer-to-agency'],
      hasDueDate: false,
      completion: { outcome: 'approve' },
    });
    expect(stepOf(transfer, 'hand-over').completion).toEqual({
      returnMethod: 'post',
      postalTrackingRef: VALUES.postalTrackingRef,
    });
    expect(stepOf(forward, 'sign')).toMatchObject({ offered: [], completion: {} });
    expect(stepOf(forward, 'hand-over').completion).toEqual({ returnMethod: 'counter' });
    expect(stepOf(refusal, 'check').completion).toEqual({
      outcome: 'refuse',
      refusalReason: VALUES.refusalReason,
    });
  });

  it('name the field the contract requires when no value is given for it', () => {
    const withoutPartner = { ...VALUES, partnerAgencyCode: undefined };
    expect(() => enumeratePaths(graph, withoutPartner)).toThrow(
      /completing check .*partnerAgencyCode is required.*no value for partnerAgencyCode/,
    );
  });

  it.each([
    {
      diagram: 'a path through an element the walker cannot follow',
      edit: [
        '<bpmn:serviceTask id="record-result-ready" camunda:type="external" camunda:topic="record-result-ready" />',
        '<bpmn:parallelGateway id="record-result-ready" />',
      ],
      error: 'consultation: a path reaches parallelGateway record-result-ready, which the walker cannot pass',
    },
    {
      diagram: 'a decision on another variable than the outcome',
      edit: ["${execution.getVariable('outcome') == 'refuse'}", "${execution.getVariable('fee') == 'unpaid'}"],
      error:
        "consultation: flow refused-at-check tests ${execution.getVariable('fee') == 'unpaid'}, not the outcome variable",
    },
    {
      diagram: 'a default flow that loops back, so that a choice is never completed',
      edit: [
        '<bpmn:sequenceFlow id="checked" sourceRef="check-decision" targetRef="sign">',
        '<bpmn:sequenceFlow id="checked" sourceRef="check-decision" targetRef="check">',
      ],
      error: 'consultation: no path from the start to an end completes check with approve',
    },
  ])('refuse $diagram, naming what is wrong', ({ edit: [from, to], error }) => {
    // given the small diagram, edited
    const edited = CONSULTATION.replace(from!, to!);
    expect(edited).not.toBe(CONSULTATION);
    // then its paths cannot be enumerated, and the error says why
    expect(() => enumeratePaths(readProcessGraph(edited), VALUES)).toThrow(error);
  });
});

/** The user-task visits of a path as `<activity id>|<outcome>`. */
function choices(candidate: ProcessPath): string[] {
  return candidate.steps.map((step) => `${step.activityId}|${step.outcome ?? ''}`);
}

function flowJoins(graph: ProcessGraph, from: string, to: string): boolean {
  return [...graph.flows.values()].some((flow) => flow.source === from && flow.target === to);
}

describe.each(SHIPPED)('the paths of $key.bpmn', ({ key, xml }) => {
  const graph = readProcessGraph(xml, key);
  const paths = enumeratePaths(graph, VALUES);

  it('take every outcome of every step, and every return method at the return step', () => {
    const taken = new Set(paths.flatMap(choices));
    for (const step of graph.steps.filter((candidate) => candidate.kind === 'userTask')) {
      for (const outcome of step.outcomes) expect(taken).toContain(`${step.activityId}|${outcome}`);
    }
    const userTasks = [...graph.nodes.values()].filter((node) => node.type === 'userTask').map((node) => node.id);
    expect(new Set(paths.flatMap((candidate) => candidate.steps.map((step) => step.activityId)))).toEqual(
      new Set(userTasks),
    );
    const methods = paths.flatMap((candidate) =>
      candidate.steps.filter((step) => step.activityId === USER_TASKS.returnResult).map((step) => step.returnMethod),
    );
    expect(new Set(methods)).toEqual(new Set(RESULT_DELIVERIES));
  });

  it('run from the start event to an end event along the diagram’s flows', () => {
    for (const candidate of paths) {
      expect(graph.nodes.get(candidate.nodes[0]!)?.type).toBe('startEvent');
      expect(graph.nodes.get(candidate.nodes.at(-1)!)?.type).toBe('endEvent');
      candidate.nodes
        .slice(1)
        .forEach((node, index) => expect(flowJoins(graph, candidate.nodes[index]!, node)).toBe(true));
      expect(candidate.steps.map((step) => step.activityId)).toEqual(
        candidate.nodes.filter((node) => graph.nodes.get(node)?.type === 'userTask'),
      );
      for (const step of candidate.steps) expect(CompleteTaskSchema.safeParse(step.completion).success).toBe(true);
    }
  });

  it('take each loop at most once, and each add a choice no earlier path took', () => {
    const covered = new Set<string>();
    for (const candidate of paths) {
      const visits = candidate.steps.map((step) => step.activityId);
      for (const activityId of new Set(visits)) {
        expect(visits.filter((visit) => visit === activityId).length).toBeLessThanOrEqual(2);
      }
      const keys = [
        ...choices(candidate),
        ...candidate.steps.map((step) => `${step.activityId}|${step.returnMethod ?? ''}`),
      ];
      expect(keys.some((choice) => !covered.has(choice))).toBe(true);
      for (const choice of keys) covered.add(choice);
    }
  });
});
