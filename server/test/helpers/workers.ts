import { inject } from 'vitest';
import { legalClockFromEnv, OFFICIAL_SCHEDULES, type LegalClock } from '@motcua/common/calendar';
import { createEngineClient } from '@motcua/common/engine';
import { createDb } from '@motcua/db';
import { loadConfig } from '@motcua/workers/src/config.js';
import { createProcessDefinitions } from '@motcua/workers/src/engine/process-definitions.js';
import { startLegalClockSource } from '@motcua/workers/src/legal-clock.js';
import { createOpenTaskProjection } from '@motcua/workers/src/scans/open-tasks.js';
import { startWorkers } from '@motcua/workers/src/start-workers.js';

/**
 * The real external-task workers, in this process, against the test database and engine: they
 * compute the appointment, pause and resume the clock, transfer and record results, as in
 * production. Their legal clock reads the test database's holiday rows (until the first read, the
 * official schedules the seed wrote there). The work list's projection of open tasks runs too, as in
 * production, polling more often. Stop them after the tests.
 */
export function startTestWorkers(): { stop(): Promise<void> } {
  const config = loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    ENGINE_URL: inject('engineUrl'),
    ENGINE_USER: inject('engineUser'),
    ENGINE_PASSWORD: inject('enginePassword'),
    WORKER_ID: `server-tests-${process.pid}`,
    WORKER_POLL_TIMEOUT_MS: '1000',
    WORKER_RETRY_TIMEOUT_MS: '500',
    CALENDAR_REFRESH_MS: '1000',
  });
  const db = createDb(config.DATABASE_URL, { max: 2 });
  const engine = createEngineClient({
    baseUrl: config.ENGINE_URL,
    user: config.ENGINE_USER,
    password: config.ENGINE_PASSWORD,
  });
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const seeded = legalClockFromEnv(config, OFFICIAL_SCHEDULES).clock;
  let clock: () => LegalClock = () => seeded;
  const clocks = startLegalClockSource({
    db,
    settings: config,
    refreshMs: config.CALENDAR_REFRESH_MS,
    logger: quiet,
  }).then((source) => {
    clock = () => source.current().clock;
    return source;
  });
  const client = startWorkers({
    config,
    deps: {
      db,
      engine,
      definitions: createProcessDefinitions(engine),
      clock: () => clock(),
      now: () => new Date(),
      publicBaseUrl: 'http://127.0.0.1:3000',
    },
    logger: quiet,
  });
  const openTasks = createOpenTaskProjection({ db, engine, logger: quiet, pollMs: 200, sweepMs: 60_000 });
  openTasks.start();
  return {
    async stop() {
      await openTasks.stop();
      await client.stop();
      await (await clocks).stop();
      await db.$disconnect();
    },
  };
}
