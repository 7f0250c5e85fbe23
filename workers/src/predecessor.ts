/**
 * What a worker takes back when it starts: the external tasks and the outbox messages still held
 * under its WORKER_ID. The id stays the same across restarts of one worker (config.ts), so whatever
 * it holds before this process has fetched or claimed anything was held by the process it replaces,
 * which died (a crash, kill -9, a lost machine): unlocked now, those tasks and messages are handed out
 * again at once instead of after their locks expire (WORKER_LOCK_DURATION_MS, NOTIFICATION_LOCK_MS).
 * Handlers are idempotent and the provider deduplicates sends, so finishing what the predecessor
 * started is safe. It must run before the worker fetches or claims anything: afterwards it would
 * release this process's own work.
 */
import type { EngineClient } from '@motcua/common/engine';
import type { Db } from '@motcua/db';
import { releaseClaimsOf } from '@motcua/db/outbox';
import { errorFields, type Logger } from './logger.js';

/** What was released. */
export interface Released {
  tasks: number;
  notifications: number;
}

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 5_000;

/**
 * Unlocks the external tasks locked by `workerId` and releases the messages it claimed. While the
 * engine or the database cannot be reached (they may be restarting too) it tries again, until
 * `giveUpAfterMs` has passed: by then every lock the predecessor held has expired by itself.
 */
export async function releasePredecessorHolds(deps: {
  engine: EngineClient;
  db: Db;
  workerId: string;
  giveUpAfterMs: number;
  logger: Logger;
}): Promise<Released> {
  const { engine, db, workerId, logger } = deps;
  const deadline = Date.now() + deps.giveUpAfterMs;
  for (let pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, LONGEST_RETRY_MS)) {
    try {
      const tasks = await engine.lockedExternalTasks(workerId);
      await Promise.all(tasks.map((task) => engine.unlockExternalTask(task.id)));
      const notifications = await releaseClaimsOf(db, workerId);
      const released = { tasks: tasks.length, notifications };
      if (tasks.length + notifications > 0) {
        logger.info({ ...released, taskIds: tasks.map((task) => task.id) }, 'released what the previous process held');
      }
      return released;
    } catch (error) {
      if (Date.now() >= deadline) {
        logger.warn(errorFields(error), 'could not release what the previous process held; its locks have expired');
        return { tasks: 0, notifications: 0 };
      }
      logger.warn(errorFields(error), 'could not release what the previous process held yet; trying again');
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
