import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCIES } from '@motcua/db';
import { USER_TASKS } from '@motcua/common';
import { addWorkingDays, createWorkingCalendar } from '@motcua/common/calendar';
import { createEngineClient, type EngineClient, type EngineTask } from '@motcua/common/engine';
import { deployProcesses } from '@motcua/processes';
import { loadConfig } from '../src/config.js';
import type { TaskClient } from '../src/engine/task-client.js';
import { createLogger, type Logger } from '../src/logger.js';
import { startWorkers } from '../src/start-workers.js';
import { createSeededDatabase, type SeededDatabase } from './support/database.js';
import { eventually, insertDossier, reserveDossierCode, startProcess } from './support/dossiers.js';
import {
  externalTasks,
  historicProcessInstance,
  processVariables,
  startTestEngine,
  type TestEngine,
} from '@motcua/common/testing';

/**
 * The real workers, subscribed to the real engine (the jar, or ENGINE_URL), writing to a fresh
 * PostgreSQL database, on the real BPMN: a dossier is received as the server receives it and worked
 * through over REST as officers would.
 */
const WORKER_ID = `motcua-worker-test-${process.pid}`;
const calendar = createWorkingCalendar();
let testEngine: TestEngine;
let engine: EngineClient;
let database: SeededDatabase;
let workers: TaskClient;

/** Worker errors are worth reading when a test fails; routine lines are not. */
const errorsOnly: Logger = { ...createLogger({ test: 'workers' }), info: () => undefined };

beforeAll(async () => {
  // Both start at once; whichever started is kept for afterAll even when the other fails.
  const [engineStart, databaseStart] = await Promise.allSettled([startTestEngine(), createSeededDatabase()]);
  if (engineStart.status === 'fulfilled') testEngine = engineStart.value;
  if (databaseStart.status === 'fulfilled') database = databaseStart.value;
  if (engineStart.status === 'rejected') throw engineStart.reason;
  if (databaseStart.status === 'rejected') throw databaseStart.reason;
  engine = createEngineClient({ baseUrl: testEngine.url, user: testEngine.user, password: testEngine.password });
  await deployProcesses(engine);
  const config = loadConfig({
    DATABASE_URL: database.url,
    ENGINE_URL: testEngine.url,
    ENGINE_USER: testEngine.user,
    ENGINE_PASSWORD: testEngine.password,
    WORKER_ID,
    WORKER_POLL_TIMEOUT_MS: '2000',
    WORKER_RETRY_TIMEOUT_MS: '1000',
  });
  workers = startWorkers({ config, deps: { db: database.db, calendar, now: () => new Date() }, logger: errorsOnly });
}, 240_000);

afterAll(async () => {
  await workers?.stop();
  await database?.drop();
  await testEngine?.stop();
}, 60_000);

function taskOf(processInstanceId: string, taskDefinitionKey: string, notId?: string) {
  return eventually(async () => {
    const tasks = await engine.queryTasks({ processInstanceId, taskDefinitionKey });
    return tasks.find((task) => task.id !== notId);
  }, `user task ${taskDefinitionKey}`);
}

async function eventTypes(dossierId: string): Promise<string[]> {
  const events = await database.db.dossierEvent.findMany({ where: { dossierId }, orderBy: { id: 'asc' } });
  return events.map((event) => event.type);
}

function dueOf(task: EngineTask): number | null {
  return task.due === null ? null : new Date(task.due).getTime();
}

describe('house-construction-permit with the real workers', () => {
  it('computes the appointment, then follows appraisal, a send-back, approval and the return to the end', async () => {
    // Given a dossier received now, as the server receives it
    const receivedAt = new Date();
    const dossier = await insertDossier(database.db, receivedAt);
    const instance = await startProcess(engine, database.db, dossier.code, receivedAt);
    const dueAt = addWorkingDays(receivedAt, 15, calendar);
    const appraisalDueAt = addWorkingDays(receivedAt, 10, calendar);

    // When compute-appointment has run, then the appraisal waits for the district's specialists, due at appraisalDueAt
    const appraisal = await taskOf(instance.id, USER_TASKS.appraisal);
    expect(dueOf(appraisal)).toBe(appraisalDueAt.getTime());
    expect(await engine.taskIdentityLinks(appraisal.id)).toContainEqual(
      expect.objectContaining({ groupId: `specialist:${DEMO_AGENCIES.district.code}`, type: 'candidate' }),
    );
    const stored = await database.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
    expect(stored.dueAt).toEqual(dueAt);
    expect(stored.status).toBe('in_progress');
    const variables = await processVariables(testEngine, instance.id);
    expect(variables.dueAt?.type).toBe('Date');
    expect(new Date(String(variables.dueAt?.value)).getTime()).toBe(dueAt.getTime());
    expect(variables.appraisalDueAt?.type).toBe('Date');
    expect(new Date(String(variables.appraisalDueAt?.value)).getTime()).toBe(appraisalDueAt.getTime());
    expect(await eventTypes(dossier.id)).toEqual(['appointment_computed']);

    // When the leader sends the appraisal back, then appraisal starts again
    await engine.complete(appraisal.id, {});
    const firstApproval = await taskOf(instance.id, USER_TASKS.leaderApproval);
    expect(dueOf(firstApproval)).toBe(dueAt.getTime());
    await engine.complete(firstApproval.id, { outcome: 'send_back', comment: 'Bổ sung bản vẽ mặt đứng' });
    const secondAppraisal = await taskOf(instance.id, USER_TASKS.appraisal, appraisal.id);

    // When the leader then completes without an outcome, then the default flow approves
    // (the send-back flow cleared `outcome`, or the dossier would loop back again)
    await engine.complete(secondAppraisal.id, {});
    const secondApproval = await taskOf(instance.id, USER_TASKS.leaderApproval, firstApproval.id);
    await engine.complete(secondApproval.id, {});
    const returnResult = await taskOf(instance.id, USER_TASKS.returnResult);
    expect((await database.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } })).status).toBe('result_ready');

    // When the receptionist hands the result over, then the dossier is returned and the process ends
    await engine.complete(returnResult.id, {});
    const finished = await eventually(async () => {
      const row = await database.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
      return row.status === 'returned' ? row : undefined;
    }, 'status returned');
    expect(finished.finishedAt).toBeInstanceOf(Date);
    expect(finished.finishedAt!.getTime()).toBeGreaterThanOrEqual(receivedAt.getTime());
    const history = await eventually(async () => {
      const entry = await historicProcessInstance(testEngine, instance.id);
      return entry.state === 'COMPLETED' ? entry : undefined;
    }, 'process instance completed');
    expect(history.endTime).not.toBeNull();
    expect(await eventTypes(dossier.id)).toEqual(['appointment_computed', 'result_ready', 'returned']);
  }, 120_000);

  it('reminds once when the appraisal deadline has already passed, and the appraisal goes on', async () => {
    // Given a dossier received 60 days ago, so its appraisal deadline is in the past
    const receivedAt = new Date(Date.now() - 60 * 24 * 60 * 60 * 1000);
    const dossier = await insertDossier(database.db, receivedAt);
    const instance = await startProcess(engine, database.db, dossier.code, receivedAt);

    // When the job executor fires the timer, then the reminder worker writes appraisal_overdue
    await eventually(
      async () => ((await eventTypes(dossier.id)).includes('appraisal_overdue') ? true : undefined),
      'appraisal_overdue event',
      90_000,
    );
    const appraisal = await taskOf(instance.id, USER_TASKS.appraisal);
    expect(dueOf(appraisal)).toBe(addWorkingDays(receivedAt, 10, calendar).getTime());
    expect(await eventTypes(dossier.id)).toEqual(['appointment_computed', 'appraisal_overdue']);
  }, 120_000);

  it('retries compute-appointment until the dossier row is committed, and then writes once', async () => {
    // Given a process started before its dossier row exists
    const receivedAt = new Date();
    const code = await reserveDossierCode(database.db, receivedAt);
    const instance = await startProcess(engine, database.db, code, receivedAt);

    // When the worker finds no row, then it reports a failure with retries left instead of crashing
    const failed = await eventually(async () => {
      const [task] = await externalTasks(testEngine, instance.id);
      return task?.retries === null ? undefined : task;
    }, 'a reported failure');
    expect(failed).toMatchObject({ topicName: 'compute-appointment', retries: 2, workerId: WORKER_ID });
    expect(failed.errorMessage).toContain(`dossier ${code} not found`);

    // When the row appears, then the retry succeeds
    const dossier = await insertDossier(database.db, receivedAt, { code, processInstanceId: instance.id });
    await taskOf(instance.id, USER_TASKS.appraisal);
    const stored = await database.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
    expect(stored.dueAt).toEqual(addWorkingDays(receivedAt, 15, calendar));
    expect(await eventTypes(dossier.id)).toEqual(['appointment_computed']);
  }, 120_000);
});

describe('the workers process', () => {
  it('stops cleanly on SIGTERM: exit code 0, after stopping its poll and closing its pool', async () => {
    // Given the workers running as their own process, as npm start and docker-compose run them
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        ENGINE_URL: testEngine.url,
        ENGINE_USER: testEngine.user,
        ENGINE_PASSWORD: testEngine.password,
        WORKER_ID: `${WORKER_ID}-process`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await eventually(async () => (output.includes('workers started') ? true : undefined), 'the workers to start');

    // When it receives SIGTERM, then it logs its stop and exits 0
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  }, 60_000);
});
