import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historicProcessInstance } from '@motcua/common/testing';
import { ORPHAN_DELETE_REASON, reconcile, runningInstancesStartedBefore } from '@motcua/domain';
import { createReconciler, type Reconciler } from '../../src/scans/reconcile.js';
import { DEMO_PROCEDURES, eventually, insertDossier, receive, startVariables } from '../support/dossiers.js';
import { errorsOnly, testEnvironment, type TestEnvironment } from '../support/environment.js';

/**
 * The reconciler on the real engine and database: processes and dossiers put out of step the ways a
 * crash or an operator leaves them, and the pass run as the workers run it. Its clock runs ahead of
 * the real one, so a process started by the test counts as older than the grace period when the test
 * says so; no topic worker runs, so each process waits at compute-appointment.
 */
let environment: TestEnvironment;
/** How far ahead of the real clock the reconciler's clock runs. */
const AHEAD_MS = 10 * 60_000;

/**
 * The test's own processes for reading the engine page by page: a parent whose parallel gateway starts
 * `BRANCHES` instances of a child in one transaction, so that several children start in the same
 * millisecond. The child waits at a receive task (no user task for the other files' projections).
 */
const CHILD_KEY = `reconcile-paging-child-${process.pid}`;
const PARENT_KEY = `reconcile-paging-parent-${process.pid}`;
const BRANCHES = 24;
const branches = Array.from({ length: BRANCHES }, (_, index) => index);
const PAGING_DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="https://motcua.test">
  <bpmn:process id="${CHILD_KEY}" isExecutable="true">
    <bpmn:startEvent id="childStart" />
    <bpmn:sequenceFlow id="f1" sourceRef="childStart" targetRef="wait" />
    <bpmn:receiveTask id="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="childEnd" />
    <bpmn:endEvent id="childEnd" />
  </bpmn:process>
  <bpmn:process id="${PARENT_KEY}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="in" sourceRef="start" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    ${branches
      .map(
        (branch) => `<bpmn:sequenceFlow id="to${branch}" sourceRef="fork" targetRef="child${branch}" />
    <bpmn:callActivity id="child${branch}" calledElement="${CHILD_KEY}" />
    <bpmn:sequenceFlow id="from${branch}" sourceRef="child${branch}" targetRef="join" />`,
      )
      .join('\n    ')}
    <bpmn:parallelGateway id="join" />
    <bpmn:sequenceFlow id="out" sourceRef="join" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
/** The parents the test started, deleted with their children at the end. */
const parents: string[] = [];

beforeAll(async () => {
  environment = testEnvironment();
  await environment.engine.deploy({
    name: PARENT_KEY,
    source: 'reconcile.integration.test.ts',
    files: [{ fileName: `${PARENT_KEY}.bpmn`, content: PAGING_DIAGRAM }],
  });
});
afterAll(async () => {
  for (const id of parents) await environment.engine.deleteProcessInstance(id).catch(() => undefined);
  await environment.close();
});

/** A reconciler for which processes started just now are `AHEAD_MS` old, judged with `graceMs`. */
function reconcilerWith(graceMs: number): Reconciler {
  return createReconciler({
    db: environment.db,
    engine: environment.engine,
    now: () => new Date(Date.now() + AHEAD_MS),
    logger: errorsOnly,
    intervalMs: 60_000,
    graceMs,
  });
}

/** A process of the construction permit started as a reception does, for a dossier that was never stored. */
async function processWithoutDossier() {
  const dossierId = randomUUID();
  return environment.engine.startProcess(DEMO_PROCEDURES.houseConstructionPermit.processKey, {
    businessKey: dossierId,
    variables: startVariables('never-stored', new Date()),
  });
}

/**
 * Starts parents until some millisecond holds the start of at least three children, which a page of
 * one or two of them cannot hold whole; answers the running children.
 */
async function childrenSharingStartTimes() {
  for (let attempt = 1; ; attempt += 1) {
    const parent = await environment.engine.startProcess(PARENT_KEY, { businessKey: randomUUID(), variables: {} });
    parents.push(parent.id);
    const children = await environment.engine.historicProcessInstances(
      { processDefinitionKeyIn: [CHILD_KEY], unfinished: true },
      { maxResults: 1000 },
    );
    const perMillisecond = new Map<number, number>();
    for (const child of children) {
      const time = Date.parse(child.startTime);
      perMillisecond.set(time, (perMillisecond.get(time) ?? 0) + 1);
    }
    if (Math.max(...perMillisecond.values()) >= 3) return children;
    if (attempt === 10) throw new Error(`no three of ${children.length} children started in the same millisecond`);
  }
}

function findingOf(kind: string, subject: string) {
  return environment.db.reconciliationFinding.findUnique({ where: { kind_subject: { kind, subject } } });
}

describe('the reconciler', () => {
  it('deletes a process no dossier stores, once older than the grace period, with a reason the history keeps', async () => {
    // Given a process whose reception never stored its dossier, and a dossier running on its own process
    const orphan = await processWithoutDossier();
    const dossier = await receive(environment.engine, environment.db, new Date());

    // When a pass judges both older than the grace period
    const pass = await reconcilerWith(60_000).runOnce();

    // Then the orphan is deleted, its history keeping why, and the dossier's process runs on
    expect(pass.deleted).toBeGreaterThanOrEqual(1);
    const ended = await eventually(async () => {
      const instance = await historicProcessInstance(environment.engineAccess, orphan.id);
      return instance.state === 'ACTIVE' ? undefined : instance;
    }, 'the orphan to be deleted');
    expect(ended).toMatchObject({ state: 'EXTERNALLY_TERMINATED', deleteReason: ORPHAN_DELETE_REASON });
    expect(await environment.engine.runningProcessInstance(dossier.processInstanceId)).not.toBeNull();
    // and the admins can read what was repaired
    expect(await findingOf('orphan_process', orphan.id)).toMatchObject({
      processInstanceId: orphan.id,
      dossierId: null,
      repair: 'process deleted',
      resolvedAt: expect.any(Date),
      detail: {
        processDefinitionKey: DEMO_PROCEDURES.houseConstructionPermit.processKey,
        businessKey: orphan.businessKey,
      },
    });
  });

  it('leaves alone a process younger than the grace period: its reception may still be storing the dossier', async () => {
    // Given a process without a dossier, started just now
    const young = await processWithoutDossier();

    // When a pass runs whose grace period is longer than the process's age
    await reconcilerWith(AHEAD_MS * 2).runOnce();

    // Then the process still runs, and nothing is recorded about it
    expect(await environment.engine.runningProcessInstance(young.id)).not.toBeNull();
    expect(await findingOf('orphan_process', young.id)).toBeNull();
    await environment.engine.deleteProcessInstance(young.id);
  });

  it('reports an open dossier whose process has gone, until an officer ends the dossier', async () => {
    // Given a dossier whose process an operator deleted in the engine
    const dossier = await receive(environment.engine, environment.db, new Date());
    await environment.engine.deleteProcessInstance(dossier.processInstanceId);

    // When a pass runs, then the admins find the dossier reported, with what the engine says of its process
    const reconciler = reconcilerWith(AHEAD_MS * 2);
    await reconciler.runOnce();
    expect(await findingOf('process_gone', dossier.id)).toMatchObject({
      dossierId: dossier.id,
      processInstanceId: dossier.processInstanceId,
      repair: null,
      resolvedAt: null,
      detail: { code: dossier.code, status: 'received', engineState: 'EXTERNALLY_TERMINATED' },
    });

    // And once an officer has ended the dossier, the next pass resolves the finding
    await environment.db.dossier.update({
      where: { id: dossier.id },
      data: { status: 'withdrawn', finishedAt: new Date() },
    });
    await reconciler.runOnce();
    expect(await findingOf('process_gone', dossier.id)).toMatchObject({ resolvedAt: expect.any(Date) });
  });

  it('reports an open dossier whose process the engine does not know at all', async () => {
    // Given a dossier naming a process the engine never had (an engine database restored from an older backup)
    const dossier = await insertDossier(environment.db, new Date(), { processInstanceId: `lost-${randomUUID()}` });

    // When a pass runs, then the dossier is reported with its process unknown to the engine
    await reconcilerWith(AHEAD_MS * 2).runOnce();
    expect(await findingOf('process_gone', dossier.id)).toMatchObject({
      resolvedAt: null,
      detail: { code: dossier.code, engineState: 'unknown to the engine' },
    });
  });

  it('reports an open dossier that never got a process', async () => {
    // Given a received dossier without any process (written before reception was all-or-nothing)
    const dossier = await insertDossier(environment.db, new Date());
    await environment.db.dossier.update({ where: { id: dossier.id }, data: { processInstanceId: null } });

    // When a pass runs, then the admins find it reported
    const pass = await reconcilerWith(AHEAD_MS * 2).runOnce();
    expect(await findingOf('process_never_started', dossier.id)).toMatchObject({
      dossierId: dossier.id,
      processInstanceId: null,
      repair: null,
      resolvedAt: null,
      detail: { code: dossier.code, status: 'received' },
    });
    expect(pass.open.process_never_started).toBeGreaterThanOrEqual(1);
  });

  it('reads every running process once, a page at a time, when processes that started in the same millisecond straddle a page', async () => {
    // Given running processes, several of which started in the same millisecond
    const children = await childrenSharingStartTimes();
    const inStartOrder = [...children].sort(
      (a, b) => Date.parse(a.startTime) - Date.parse(b.startTime) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );

    // When they are read with every page size from one to more than there are: some page ends inside
    // each shared millisecond, and a page of one or two falls whole inside the one of three or more
    for (let pageSize = 1; pageSize <= children.length + 1; pageSize += 1) {
      const pages: string[][] = [];
      for await (const page of runningInstancesStartedBefore(
        environment.engine,
        [CHILD_KEY],
        new Date(Date.now() + AHEAD_MS),
        pageSize,
      )) {
        pages.push(page.map((instance) => instance.id));
      }

      // Then each process is read exactly once, in the order they started
      expect(pages.flat(), `pages of ${pageSize}`).toEqual(inStartOrder.map((instance) => instance.id));
      if (pageSize < children.length) expect(pages.length).toBeGreaterThan(1);
    }
  });

  it('deletes every orphan and keeps every dossier’s process when the running processes fill several pages', async () => {
    // Given orphans started together and dossiers running on their processes, more of them than a page holds
    const orphans = await Promise.all(branches.slice(0, 6).map(() => processWithoutDossier()));
    const dossiers = [];
    for (let count = 0; count < 3; count += 1)
      dossiers.push(await receive(environment.engine, environment.db, new Date()));

    // and what one read of every running process of the catalogue, in a single page, says are the orphans
    const keys = await environment.db.procedureVersion.findMany({
      distinct: ['processKey'],
      select: { processKey: true },
    });
    const running = await environment.engine.historicProcessInstances(
      { processDefinitionKeyIn: keys.map((row) => row.processKey), unfinished: true },
      { maxResults: 100_000 },
    );
    const stored = await environment.db.dossier.findMany({
      where: { processInstanceId: { in: running.map((instance) => instance.id) } },
      select: { processInstanceId: true },
    });
    const storedIds = new Set(stored.map((row) => row.processInstanceId));
    const expected = running.filter((instance) => !storedIds.has(instance.id)).map((instance) => instance.id);
    expect(expected).toEqual(expect.arrayContaining(orphans.map((orphan) => orphan.id)));

    // When a pass whose pages hold two processes judges them all older than the grace period
    const pass = await reconcile(environment.db, environment.engine, {
      graceMs: 60_000,
      now: () => new Date(Date.now() + AHEAD_MS),
      pageSize: 2,
    });

    // Then it deleted exactly those orphans, each recorded once, and every dossier's process runs on
    expect(pass.deleted).toBe(expected.length);
    const recorded = await environment.db.reconciliationFinding.findMany({
      where: { kind: 'orphan_process', lastSeenAt: pass.startedAt },
      select: { subject: true },
    });
    expect(recorded.map((finding) => finding.subject).sort()).toEqual([...expected].sort());
    for (const orphan of orphans) {
      await eventually(
        async () => ((await environment.engine.runningProcessInstance(orphan.id)) === null ? true : undefined),
        'the orphan to be deleted',
      );
    }
    for (const dossier of dossiers) {
      expect(await environment.engine.runningProcessInstance(dossier.processInstanceId)).not.toBeNull();
    }
  });
});
