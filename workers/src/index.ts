/**
 * The workers process: reads its configuration, connects to our database and the engine, releases
 * what a crashed predecessor with its WORKER_ID still holds (src/predecessor.ts), and runs six things
 * until SIGTERM/SIGINT: the topic workers, the notification dispatcher, the at-risk scan, the
 * reconciler, the work list's projection of open tasks and the holiday calendar refresh. On a signal it stops them all (no new task, message or
 * scan starts; the ones running finish), closes the pool and exits 0.
 */
import { createEngineClient } from '@motcua/common/engine';
import { createDb } from '@motcua/db';
import { loadConfig, type WorkerConfig } from './config.js';
import { createProcessDefinitions } from './engine/process-definitions.js';
import { startLegalClockSource } from './legal-clock.js';
import { createLogger, errorFields } from './logger.js';
import { createDispatcher } from './notifications/dispatcher.js';
import { createLogFileProviders } from './notifications/log-file-provider.js';
import { releasePredecessorHolds } from './predecessor.js';
import { createAtRiskScan } from './scans/at-risk.js';
import { createOpenTaskProjection } from './scans/open-tasks.js';
import { createReconciler } from './scans/reconcile.js';
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
const engine = createEngineClient({
  baseUrl: config.ENGINE_URL,
  user: config.ENGINE_USER,
  password: config.ENGINE_PASSWORD,
});
const now = () => new Date();

const clocks = await startLegalClockSource({
  db,
  settings: config,
  refreshMs: config.CALENDAR_REFRESH_MS,
  logger,
}).catch(async (error: unknown) => {
  logger.error(errorFields(error), 'could not build the legal clock (holiday calendar or settings)');
  await db.$disconnect();
  return process.exit(1);
});

// Before anything is fetched or claimed: afterwards it would release this process's own work.
await releasePredecessorHolds({
  engine,
  db,
  workerId: config.WORKER_ID,
  giveUpAfterMs: Math.max(config.WORKER_LOCK_DURATION_MS, config.NOTIFICATION_LOCK_MS),
  logger,
});

const client = startWorkers({
  config,
  deps: {
    db,
    engine,
    definitions: createProcessDefinitions(engine),
    clock: () => clocks.current().clock,
    now,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  },
  logger,
});
const dispatcher = createDispatcher({
  db,
  providers: createLogFileProviders(config.NOTIFICATION_LOG),
  logger,
  intervalMs: config.NOTIFICATION_POLL_MS,
  batchSize: config.NOTIFICATION_BATCH_SIZE,
  lockMs: config.NOTIFICATION_LOCK_MS,
  claimer: config.WORKER_ID,
  retry: {
    maxAttempts: config.NOTIFICATION_MAX_ATTEMPTS,
    backoff: config.NOTIFICATION_BACKOFF_MS,
    maxBackoff: config.NOTIFICATION_MAX_BACKOFF_MS,
  },
  now,
});
dispatcher.start();
const atRisk = createAtRiskScan({
  db,
  engine,
  clock: () => clocks.current(),
  now,
  logger,
  intervalMs: config.AT_RISK_SCAN_INTERVAL_MS,
});
atRisk.start();
const reconciler = createReconciler({
  db,
  engine,
  now,
  logger,
  intervalMs: config.RECONCILE_INTERVAL_MS,
  graceMs: config.RECONCILE_GRACE_MS,
});
reconciler.start();
const openTasks = createOpenTaskProjection({
  db,
  engine,
  logger,
  pollMs: config.OPEN_TASKS_POLL_MS,
  sweepMs: config.OPEN_TASKS_SWEEP_MS,
});
openTasks.start();
logger.info({ engine: config.ENGINE_URL, notificationLog: config.NOTIFICATION_LOG }, 'workers started');

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'stopping');
  try {
    await Promise.all([
      client.stop(),
      dispatcher.stop(),
      atRisk.stop(),
      reconciler.stop(),
      openTasks.stop(),
      clocks.stop(),
    ]);
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
