/**
 * The workers process: reads its configuration, connects to our database, serves every topic and
 * shuts down cleanly on SIGTERM/SIGINT (stop fetching, let running handlers finish, close the pool).
 */
import { createWorkingCalendar } from '@motcua/common/calendar';
import { createDb } from '@motcua/db';
import { loadConfig, type WorkerConfig } from './config.js';
import { createLogger, errorFields } from './logger.js';
import { startWorkers } from './start-workers.js';

let config: WorkerConfig;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const logger = createLogger({ service: 'workers', workerId: config.WORKER_ID });
// Two connections: workers run a few short statements per task, and the embedded database serves one at a time.
const db = createDb(config.DATABASE_URL, { max: 2 });
const calendar = createWorkingCalendar({
  extraHolidays: config.CALENDAR_EXTRA_HOLIDAYS,
  extraDaysOff: config.CALENDAR_EXTRA_DAYS_OFF,
  extraWorkingDays: config.CALENDAR_EXTRA_WORKING_DAYS,
});

const client = startWorkers({ config, deps: { db, calendar, now: () => new Date() }, logger });
logger.info({ engine: config.ENGINE_URL }, 'workers started');

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'stopping');
  try {
    await client.stop();
    await db.$disconnect();
    logger.info({}, 'stopped');
    process.exit(0);
  } catch (error) {
    logger.error(errorFields(error), 'unclean shutdown');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
