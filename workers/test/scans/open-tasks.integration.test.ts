import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '@motcua/common/engine';
import {
  createOpenTaskProjector,
  recordAssignee,
  rowsOf,
  syncInstanceTasks,
  type OpenTaskProjector,
} from '@motcua/domain';
import { eventually } from '../support/dossiers.js';
import { testEnvironment, type TestEnvironment } from '../support/environment.js';

/**
 * The work list's projection of open user tasks (domain/src/open-tasks.ts) on the real engine and
 * database: after each thing that changes a process's tasks — a start, a claim, a completion, a timer
 * the engine fires alone, a deletion, and a writer that died half-way — the rows of the test's
 * processes are exactly the engine's open tasks, with their candidate groups, assignee and due date.
 *
 * The diagram is the test's own, so that each change is one the test makes: a first step offered to a
 * role of the agency named at start, then a one-second timer, then a second step.
 */
let environment: TestEnvironment;
let projector: OpenTaskProjector;
const processKey = `open-task-projection-${process.pid}`;
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="https://motcua.test">
  <bpmn:process id="${processKey}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first" />
    <bpmn:userTask id="first" name="Thẩm định" camunda:candidateGroups="specialist:\${agencyCode}" camunda:dueDate="\${firstDue}" />
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="wait" targetRef="second" />
    <bpmn:userTask id="second" name="Phê duyệt" camunda:candidateGroups="leader:\${agencyCode},leader:\${partner}" />
    <bpmn:sequenceFlow id="f4" sourceRef="second" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const AGENCY = '000.00.17.H41';
const PARTNER = '000.00.18.H41';
/** The process instances this file started: the comparison is limited to them (the engine may hold others). */
const started: string[] = [];

beforeAll(async () => {
  environment = testEnvironment();
  projector = createOpenTaskProjector({ db: environment.db, engine: environment.engine, overlapMs: 2_000 });
  await environment.engine.deploy({
    name: processKey,
    source: 'open-tasks.integration.test.ts',
    files: [{ fileName: `${processKey}.bpmn`, content: DIAGRAM }],
  });
});
afterAll(async () => {
  for (const id of started) await environment.engine.deleteProcessInstance(id).catch(() => undefined);
  await environment.close();
});

async function start(): Promise<string> {
  const instance = await environment.engine.startProcess(processKey, {
    businessKey: randomUUID(),
    variables: { agencyCode: AGENCY, partner: PARTNER, firstDue: new Date(Date.now() + 86_400_000) },
  });
  started.push(instance.id);
  return instance.id;
}

/** The engine's open tasks of the test's processes, as rows would hold them. */
async function engineView() {
  const tasks = await environment.engine.queryTasks({ processInstanceIdIn: started }, { maxResults: 1000 });
  const rows = await Promise.all(
    tasks.map(async (task) => ({
      id: task.id,
      processInstanceId: task.processInstanceId,
      taskDefinitionKey: task.taskDefinitionKey,
      assignee: task.assignee,
      due: task.due === null ? null : new Date(task.due).toISOString(),
      candidateGroups: (await environment.engine.taskIdentityLinks(task.id))
        .filter((link) => link.type === 'candidate')
        .map((link) => link.groupId)
        .sort(),
    })),
  );
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

/** The projection's rows of the test's processes. */
async function tableView() {
  const rows = await environment.db.openTask.findMany({
    where: { processInstanceId: { in: started } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    processInstanceId: row.processInstanceId,
    taskDefinitionKey: row.taskDefinitionKey,
    assignee: row.assignee,
    due: row.due?.toISOString() ?? null,
    candidateGroups: [...row.candidateGroups].sort(),
  }));
}

/** Passes of the projector until the table shows what the engine has (the engine may still be firing a timer). */
async function expectCaughtUp(description: string) {
  await eventually(async () => {
    await projector.catchUp();
    const [table, engine] = await Promise.all([tableView(), engineView()]);
    return JSON.stringify(table) === JSON.stringify(engine) ? true : undefined;
  }, description);
  expect(await tableView()).toEqual(await engineView());
}

describe('the projection of open tasks', () => {
  it('holds each open task of the engine with its candidate groups, due date and assignee after a sweep', async () => {
    // given a process waiting at its first step
    const instance = await start();
    // when the projector sweeps
    await projector.sweep();
    // then the table holds that task as the engine has it, offered to the role of the agency named at start
    const table = await tableView();
    expect(table).toEqual(await engineView());
    expect(table.find((row) => row.processInstanceId === instance)).toMatchObject({
      taskDefinitionKey: 'first',
      assignee: null,
      candidateGroups: [`specialist:${AGENCY}`],
      due: expect.any(String),
    });
  });

  it('sweeps every open task when the engine holds more than a page of them, each page read from where the last ended', async () => {
    // given more of the test's processes than a page holds, none of them in the table
    const instances = [await start(), await start(), await start(), await start(), await start()];
    await environment.db.openTask.deleteMany({ where: { processInstanceId: { in: instances } } });
    // when a projector whose pages hold three tasks sweeps
    const paged = createOpenTaskProjector({ db: environment.db, engine: environment.engine, pageSize: 3 });
    const result = await paged.sweep();
    // then it read them over several pages (other files' processes may come and go meanwhile), and the
    // table holds the test's tasks as the engine does
    expect(result.open).toBeGreaterThan(3);
    expect(result.added).toBeGreaterThanOrEqual(instances.length);
    expect(await tableView()).toEqual(await engineView());
  });

  it('adds the tasks started since the last pass, and removes those that ended, the engine’s timer included', async () => {
    // given a new process, caught up with
    const instance = await start();
    await expectCaughtUp('the first step of a new process');
    // when its first step is completed in the engine, and the engine's own timer opens the second step
    const [first] = await environment.engine.queryTasks({ processInstanceId: instance });
    await environment.engine.complete(first!.id, {});
    // then the passes remove the first and add the second, offered to both agencies' leaders
    await eventually(async () => {
      await projector.catchUp();
      const rows = (await tableView()).filter((row) => row.processInstanceId === instance);
      return rows.length === 1 && rows[0]!.taskDefinitionKey === 'second' ? rows : undefined;
    }, 'the second step after the timer');
    await expectCaughtUp('the second step');
    const [second] = (await tableView()).filter((row) => row.processInstanceId === instance);
    expect(second!.candidateGroups).toEqual([`leader:${AGENCY}`, `leader:${PARTNER}`]);
  });

  it('removes the tasks of a deleted process', async () => {
    const instance = await start();
    await expectCaughtUp('a new process');
    await environment.engine.deleteProcessInstance(instance);
    await expectCaughtUp('the deleted process');
    expect((await tableView()).some((row) => row.processInstanceId === instance)).toBe(false);
  });

  it('brings one process up to date at once with syncInstanceTasks, and an assignee with recordAssignee', async () => {
    const instance = await start();
    await syncInstanceTasks(environment.db, environment.engine, instance);
    const [task] = await environment.engine.queryTasks({ processInstanceId: instance });
    expect((await tableView()).filter((row) => row.processInstanceId === instance).map((row) => row.id)).toEqual([
      task!.id,
    ]);
    // a claim, as the server records it after the engine took it
    await environment.engine.claim(task!.id, 'specialist');
    await recordAssignee(environment.db, task!.id, 'specialist');
    expect((await tableView()).find((row) => row.id === task!.id)?.assignee).toBe('specialist');
    // a completion: the step is gone from the table at once, before any projector pass
    await environment.engine.complete(task!.id, {});
    await syncInstanceTasks(environment.db, environment.engine, instance);
    expect((await tableView()).some((row) => row.id === task!.id)).toBe(false);
  });

  it('repairs with a sweep what a writer that died half-way left: a missing row, a stale one, one without its groups and a ghost', async () => {
    // given four processes caught up with
    const [missing, stale, groupless] = [await start(), await start(), await start(), await start()];
    await expectCaughtUp('four new processes');
    // when one row is lost, one is left with a claim the engine never saw, one lost its candidate
    // groups (nobody would see it), and one is left for a task that ended
    await environment.db.openTask.deleteMany({ where: { processInstanceId: missing } });
    await environment.db.openTask.updateMany({ where: { processInstanceId: stale }, data: { assignee: 'nobody' } });
    await environment.db.openTask.updateMany({
      where: { processInstanceId: groupless },
      data: { candidateGroups: [] },
    });
    const ghost = await environment.db.openTask.create({
      data: {
        id: `ghost-${randomUUID()}`,
        processInstanceId: started[0]!,
        processDefinitionId: 'gone',
        taskDefinitionKey: 'first',
        created: new Date(Date.now() - 60_000),
        candidateGroups: [`specialist:${AGENCY}`],
        syncedAt: new Date(Date.now() - 60_000),
      },
    });
    // then one sweep finds each, and the table is the engine's open tasks again
    const result = await projector.sweep();
    expect(result).toMatchObject({
      added: expect.any(Number),
      updated: expect.any(Number),
      removed: expect.any(Number),
    });
    expect(result.added).toBeGreaterThanOrEqual(1);
    expect(result.updated).toBeGreaterThanOrEqual(2);
    expect(result.removed).toBeGreaterThanOrEqual(1);
    expect(await environment.db.openTask.findUnique({ where: { id: ghost.id } })).toBeNull();
    expect(await tableView()).toEqual(await engineView());
  });

  it('stores a row with its groups or not at all: a task that just ended has none, any other failure is thrown', async () => {
    const instance = await start();
    const [task] = await environment.engine.queryTasks({ processInstanceId: instance }, { maxResults: 1 });
    // an ended task (the engine answers 500, NullValueException, for its links) gives a row without groups, which the next pass removes
    const gone = { ...task!, id: `ended-${randomUUID()}` };
    expect((await rowsOf(environment.engine, [gone]))[0]!.candidateGroups).toEqual([]);
    // an engine that refuses the call (here: wrong credentials) stores nothing rather than a row nobody sees
    const refused = createEngineClient({
      baseUrl: environment.engineAccess.url,
      user: environment.engineAccess.user,
      password: `${environment.engineAccess.password}-wrong`,
    });
    await expect(rowsOf(refused, [task!])).rejects.toMatchObject({ status: 401 });
  });
});
