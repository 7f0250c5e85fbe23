import { inject } from 'vitest';
import { createWorkingCalendar } from '@motcua/common/calendar';
import { createDb } from '@motcua/db';
import { loadConfig } from '@motcua/workers/src/config.js';
import { startWorkers } from '@motcua/workers/src/start-workers.js';

/**
 * The real external-task workers, in this process, against the test database and engine: they
 * compute the appointment and record results, as in production. Stop them after the tests.
 */
export function startTestWorkers(): { stop(): Promise<void> } {
  const config = loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    ENGINE_URL: inject('engineUrl'),
    WORKER_ID: `server-tests-${process.pid}`,
    WORKER_POLL_TIMEOUT_MS: '1000',
    WORKER_RETRY_TIMEOUT_MS: '500',
  });
  const db = createDb(config.DATABASE_URL);
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const client = startWorkers({
    config,
    deps: { db, calendar: createWorkingCalendar(), now: () => new Date() },
    logger: quiet,
  });
  return {
    async stop() {
      await client.stop();
      await db.$disconnect();
    },
  };
}
