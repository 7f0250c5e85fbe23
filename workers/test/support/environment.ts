/**
 * What the integration test files share: the database and engine of global-setup.ts, the legal clock
 * on the database's holiday rows, and the real topic workers running in the test process.
 */
import { inject } from 'vitest';
import { legalClockFromEnv, type LegalClockSetup } from '@motcua/common/calendar';
import { createEngineClient, type EngineClient } from '@motcua/common/engine';
import { createDb, type Db } from '@motcua/db';
import { loadCalendarDays } from '@motcua/db/calendar-days';
import { loadConfig, type WorkerConfig } from '../../src/config.js';
import { createProcessDefinitions } from '../../src/engine/process-definitions.js';
import type { TaskClient } from '../../src/engine/task-client.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startWorkers } from '../../src/start-workers.js';
import type { WorkerDeps } from '../../src/topics/index.js';

export interface TestEnvironment {
  databaseUrl: string;
  db: Db;
  engine: EngineClient;
  /** For the REST readers of @motcua/common/testing. */
  engineAccess: { url: string; user: string; password: string };
  close(): Promise<void>;
}

export function testEnvironment(): TestEnvironment {
  const databaseUrl = inject('databaseUrl');
  const engineAccess = { url: inject('engineUrl'), user: inject('engineUser'), password: inject('enginePassword') };
  const db = createDb(databaseUrl, { max: 5 });
  const engine = createEngineClient({
    baseUrl: engineAccess.url,
    user: engineAccess.user,
    password: engineAccess.password,
  });
  return { databaseUrl, db, engine, engineAccess, close: () => db.$disconnect() };
}

/** The legal clock with the default settings and the database's holiday rows, as the workers build it. */
export async function legalClockOf(db: Db, env: Record<string, string> = {}): Promise<LegalClockSetup> {
  return legalClockFromEnv(env, await loadCalendarDays(db));
}

/** Worker errors are worth reading when a test fails; routine lines are not. */
export const errorsOnly: Logger = { ...createLogger({ test: 'workers' }), info: () => undefined };

/** The workers' configuration for tests: short polls and retries. */
export function testConfig(environment: TestEnvironment, overrides: Record<string, string> = {}): WorkerConfig {
  return loadConfig({
    DATABASE_URL: environment.databaseUrl,
    ENGINE_URL: environment.engineAccess.url,
    ENGINE_USER: environment.engineAccess.user,
    ENGINE_PASSWORD: environment.engineAccess.password,
    WORKER_ID: `motcua-worker-test-${process.pid}`,
    WORKER_POLL_TIMEOUT_MS: '1000',
    WORKER_RETRY_TIMEOUT_MS: '500',
    ...overrides,
  });
}

/** The handlers' collaborators: the real database, engine and legal clock; `now` may be set by the test. */
export async function workerDeps(
  environment: TestEnvironment,
  now: () => Date = () => new Date(),
): Promise<WorkerDeps> {
  const { clock } = await legalClockOf(environment.db);
  return {
    db: environment.db,
    engine: environment.engine,
    definitions: createProcessDefinitions(environment.engine),
    clock: () => clock,
    now,
    publicBaseUrl: 'https://motcua.example.vn',
  };
}

/** Every topic worker, subscribed to the engine, as `npm start -w workers` runs them. */
export function startTestWorkers(
  environment: TestEnvironment,
  deps: WorkerDeps,
  overrides: Record<string, string> = {},
): TaskClient {
  return startWorkers({ config: testConfig(environment, overrides), deps, logger: errorsOnly });
}

/** Polls a synchronous condition until it holds, or fails after `timeoutMs`. */
export async function eventuallyTrue(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
