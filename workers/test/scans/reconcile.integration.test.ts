import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historicProcessInstance } from '@motcua/common/testing';
import { ORPHAN_DELETE_REASON } from '@motcua/domain';
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

beforeAll(() => {
  environment = testEnvironment();
});
afterAll(async () => {
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
});
