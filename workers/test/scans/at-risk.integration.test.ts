import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, USER_TASKS } from '@motcua/common';
import type { LegalClockSetup } from '@motcua/common/calendar';
import type { EngineTask } from '@motcua/common/engine';
import { isRunning } from '@motcua/domain';
import type { TaskClient } from '../../src/engine/task-client.js';
import { createAtRiskScan, unflaggedStatement, type AtRiskScan } from '../../src/scans/at-risk.js';
import { DEMO_AGENCIES, eventually, insertDossier, receive } from '../support/dossiers.js';
import {
  errorsOnly,
  legalClockOf,
  startTestWorkers,
  testEnvironment,
  workerDeps,
  type TestEnvironment,
} from '../support/environment.js';

/**
 * The at-risk scan on the real database and engine: dossiers received and planned by the real
 * workers, the scan run at chosen instants before their appointment.
 */
let environment: TestEnvironment;
let workers: TaskClient;
let setup: LegalClockSetup;
let scanNow = new Date();
let scan: AtRiskScan;

beforeAll(async () => {
  environment = testEnvironment();
  workers = startTestWorkers(environment, await workerDeps(environment));
  setup = await legalClockOf(environment.db);
  scan = createAtRiskScan({
    db: environment.db,
    engine: environment.engine,
    clock: () => setup,
    now: () => scanNow,
    logger: errorsOnly,
    intervalMs: 60_000,
  });
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await environment?.close();
}, 60_000);

function appraisalOf(processInstanceId: string): Promise<EngineTask> {
  return eventually(async () => {
    const [task] = await environment.engine.queryTasks({ processInstanceId, taskDefinitionKey: USER_TASKS.appraisal });
    return task;
  }, 'the appraisal');
}

/** A dossier received now, planned by the workers, waiting at appraisal; with its appointment. */
async function plannedDossier() {
  const dossier = await receive(environment.engine, environment.db, new Date());
  const appraisal = await appraisalOf(dossier.processInstanceId);
  const { dueAt } = await environment.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
  return { ...dossier, appraisal, dueAt: dueAt! };
}

function atRiskEvents(dossierId: string) {
  return environment.db.dossierEvent.findMany({ where: { dossierId, type: 'at_risk' } });
}

describe('the at-risk scan', () => {
  it('flags a dossier once, to the group its task waits in, when its appointment is within the lead time', async () => {
    // Given a dossier due in 15 working days, and the default lead time of 1 working day
    const dossier = await plannedDossier();
    expect(setup.apologyLeadMinutes).toBe(570);

    // When the scan runs 3 working days before the appointment, then the dossier is not flagged
    scanNow = setup.clock.addWorkingMinutes(dossier.dueAt, -3 * 570);
    expect(await scan.scanOnce()).not.toContain(dossier.code);

    // When it runs 2 working hours before, then it is flagged to the district's specialists
    scanNow = setup.clock.addWorkingMinutes(dossier.dueAt, -120);
    expect(await scan.scanOnce()).toContain(dossier.code);
    const [flag] = await atRiskEvents(dossier.id);
    expect(flag).toMatchObject({ actor: 'system', activityId: USER_TASKS.appraisal });
    expect(flag!.data).toEqual({
      dueAt: dossier.dueAt.toISOString(),
      remainingWorkingMinutes: 120,
      taskId: dossier.appraisal.id,
      assignee: null,
      candidateGroups: `specialist:${DEMO_AGENCIES.district.code}`,
    });

    // When it runs again, and after the appointment has passed, then it is not flagged again, nor
    // even a candidate: the flag's key as the statement writes it is the one stored (atRiskKey)
    expect(await scan.scanOnce()).not.toContain(dossier.code);
    const unflagged = await environment.db.$queryRaw<{ code: string }[]>(unflaggedStatement(dossier.dueAt));
    expect(unflagged.map((row) => row.code)).not.toContain(dossier.code);
    scanNow = setup.clock.addWorkingMinutes(dossier.dueAt, 60);
    expect(await scan.scanOnce()).not.toContain(dossier.code);
    expect(await atRiskEvents(dossier.id)).toHaveLength(1);
  });

  it('names the officer who claimed the task', async () => {
    const dossier = await plannedDossier();
    await environment.engine.claim(dossier.appraisal.id, 'specialist');

    scanNow = setup.clock.addWorkingMinutes(dossier.dueAt, -60);
    await scan.scanOnce();

    const [flag] = await atRiskEvents(dossier.id);
    expect(flag!.data).toMatchObject({ assignee: 'specialist', taskId: dossier.appraisal.id });
  });

  it('leaves alone a dossier whose clock is paused for a supplement', async () => {
    const dossier = await plannedDossier();
    await environment.engine.claim(dossier.appraisal.id, 'specialist');
    await environment.engine.complete(dossier.appraisal.id, {
      outcome: 'request_supplement',
      supplementItems: ['Bản vẽ mặt đứng'],
    });
    await eventually(async () => {
      const row = await environment.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
      return row.status === 'awaiting_supplement' ? row : undefined;
    }, 'the pause');

    scanNow = setup.clock.addWorkingMinutes(dossier.dueAt, -60);
    expect(await scan.scanOnce()).not.toContain(dossier.code);
    expect(await atRiskEvents(dossier.id)).toHaveLength(0);
  });

  it('leaves alone an appointment set by an approved apology, and flags an appointment moved otherwise', async () => {
    // Given a dossier whose appointment an approved apology moved two working days on
    const dossier = await plannedDossier();
    const newDueAt = setup.clock.addWorkingMinutes(dossier.dueAt, 2 * 570);
    await environment.db.apology.create({
      data: {
        dossierId: dossier.id,
        reason: 'Chờ ý kiến của cơ quan phối hợp',
        previousDueAt: dossier.dueAt,
        newDueAt,
        status: 'approved',
        draftedBy: 'specialist',
        decidedBy: 'leader',
        decidedAt: new Date(),
      },
    });
    await environment.db.dossier.update({ where: { id: dossier.id }, data: { dueAt: newDueAt } });

    // When the scan runs an hour before the new appointment, then the dossier is not flagged
    scanNow = setup.clock.addWorkingMinutes(newDueAt, -60);
    expect(await scan.scanOnce()).not.toContain(dossier.code);

    // When the appointment then moves again without an apology (a resumed clock), then it is flagged for that one
    const resumedDueAt = setup.clock.addWorkingMinutes(newDueAt, 30);
    await environment.db.dossier.update({ where: { id: dossier.id }, data: { dueAt: resumedDueAt } });
    expect(await scan.scanOnce()).toContain(dossier.code);
    expect((await atRiskEvents(dossier.id)).map((event) => event.dedupeKey)).toEqual([
      `at-risk:${resumedDueAt.toISOString()}`,
    ]);
  });

  it('leaves alone a dossier whose result is ready', async () => {
    // Given a dossier the specialist appraised and the leader approved: the workers record its result ready
    const dossier = await plannedDossier();
    await environment.engine.complete(dossier.appraisal.id, { outcome: 'approve' });
    const approval = await eventually(async () => {
      const [task] = await environment.engine.queryTasks({
        processInstanceId: dossier.processInstanceId,
        taskDefinitionKey: USER_TASKS.leaderApproval,
      });
      return task;
    }, 'the leader approval');
    await environment.engine.complete(approval.id, { outcome: 'approve' });
    await eventually(async () => {
      const row = await environment.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
      return row.status === 'result_ready' ? row : undefined;
    }, 'the result');

    // When the scan runs an hour before its appointment, then it is not flagged: its processing is over
    scanNow = setup.clock.addWorkingMinutes(dossier.dueAt, -60);
    expect(await scan.scanOnce()).not.toContain(dossier.code);
    expect(await atRiskEvents(dossier.id)).toHaveLength(0);
  });

  it('flags a dossier near its appointment exactly when its clock runs, status by status', async () => {
    // Given, for every status of the vocabulary, a dossier in it whose appointment is two working hours away
    const dueAt = setup.clock.addWorkingMinutes(new Date(), 10 * 570);
    const dossiers = [];
    for (const status of DOSSIER_STATUSES) {
      const dossier = await insertDossier(environment.db, new Date());
      await environment.db.dossier.update({ where: { id: dossier.id }, data: { status, dueAt } });
      dossiers.push({ ...dossier, status });
    }

    // When the scan runs
    scanNow = setup.clock.addWorkingMinutes(dueAt, -120);
    const flagged = await scan.scanOnce();

    // Then exactly the dossiers whose clock runs are flagged
    for (const dossier of dossiers) {
      expect(flagged.includes(dossier.code), dossier.status).toBe(isRunning(dossier.status));
    }
  });
});
