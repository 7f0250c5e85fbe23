import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engineGet } from '@motcua/common/testing';
import { eventually, receive } from '../support/dossiers.js';
import { testEnvironment, type TestEnvironment } from '../support/environment.js';

/**
 * A workers process killed with SIGKILL in the middle of a task, and started again as a supervisor
 * does (same environment, so the same WORKER_ID): the task its predecessor held locked is processed
 * by the new process at once, long before that lock would have expired.
 */
let environment: TestEnvironment;
let logDir: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  environment = testEnvironment();
  logDir = await mkdtemp(path.join(tmpdir(), 'motcua-worker-restart-'));
});
afterEach(() => {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await environment.close();
  await rm(logDir, { recursive: true, force: true });
});

/** One identity for both processes: a supervisor restarts a worker with the environment it had. */
const WORKER_ID = `motcua-worker-restart-test-${process.pid}`;
/** Long enough that a task processed before it ends was released, not left to expire. */
const LOCK_DURATION_MS = 600_000;

/** Starts the workers as their own process (from the sources), as npm start runs the compiled ones. */
function startWorkersProcess(): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--conditions=@motcua/source', '--import', 'tsx', 'src/index.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: {
      ...process.env,
      DATABASE_URL: environment.databaseUrl,
      ENGINE_URL: environment.engineAccess.url,
      ENGINE_USER: environment.engineAccess.user,
      ENGINE_PASSWORD: environment.engineAccess.password,
      WORKER_ID,
      WORKER_LOCK_DURATION_MS: String(LOCK_DURATION_MS),
      WORKER_POLL_TIMEOUT_MS: '1000',
      NOTIFICATION_LOG: path.join(logDir, 'notifications.log'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

interface LockedTask {
  id: string;
  workerId: string | null;
  lockExpirationTime: string | null;
}

describe('a workers process killed in the middle of a task', () => {
  it('is restarted under the same id and processes that task at once, before its old lock expires', async () => {
    // Given a received dossier whose compute-appointment task waits, and a transaction of ours holding
    // the dossier's row, so the handler that takes the task stops at its row lock
    const dossier = await receive(environment.engine, environment.db, new Date());
    const blocker = new pg.Client({ connectionString: environment.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM "Dossier" WHERE id = $1 FOR UPDATE', [dossier.id]);

    // and a workers process that has taken that task and is stuck in its handler
    const first = startWorkersProcess();
    const held = await eventually(async () => {
      const [task] = await engineGet<LockedTask[]>(
        environment.engineAccess,
        `/external-task?processInstanceId=${dossier.processInstanceId}&locked=true`,
      );
      return task?.workerId === WORKER_ID ? task : undefined;
    }, 'the workers process to lock the compute-appointment task');

    // When that process is killed without a chance to clean up, its handler's transaction is gone
    const killed = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await killed;
    await blocker.query('ROLLBACK');
    await blocker.end();
    // and it is started again with the same environment
    const second = startWorkersProcess();

    // Then the new process released the task its predecessor held, before anything else
    const planned = await eventually(async () => {
      const row = await environment.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
      return row.dueAt ? row : undefined;
    }, 'the restarted workers to plan the appointment');
    expect(second.output()).toContain('released what the previous process held');
    expect(second.output()).toContain(held.id);
    // and completed it before the lock the killed process held would have expired
    const computed = await eventually(async () => {
      const [activity] = await engineGet<{ endTime: string | null }[]>(
        environment.engineAccess,
        `/history/activity-instance?processInstanceId=${dossier.processInstanceId}&activityId=compute-appointment`,
      );
      return activity?.endTime ?? undefined;
    }, 'compute-appointment to complete');
    expect(Date.parse(computed)).toBeLessThan(Date.parse(held.lockExpirationTime!));
    expect(planned.status).toBe('in_progress');
  });
});
