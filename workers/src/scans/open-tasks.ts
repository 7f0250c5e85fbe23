/**
 * The work list's projection of the engine's open user tasks, kept current by the workers
 * (domain/src/open-tasks.ts): every OPEN_TASKS_POLL_MS the tasks created and ended since the last
 * pass, every OPEN_TASKS_SWEEP_MS the whole table against the engine. The server and the topic
 * workers project what they do themselves at once; this job catches what the engine does alone (a
 * timer, a process deleted by the reconciler) and what a writer that died left undone. Several
 * worker processes may run it at once: every write is an upsert or a delete by task id.
 */
import type { EngineClient } from '@motcua/common/engine';
import type { Db } from '@motcua/db';
import { createOpenTaskProjector, type SweepResult } from '@motcua/domain';
import type { Logger } from '../logger.js';
import { createPeriodicJob, type PeriodicJob } from '../periodic.js';

export interface OpenTaskProjection extends PeriodicJob {
  /** One sweep, now (tests, and the first pass). */
  sweep(): Promise<SweepResult>;
}

export function createOpenTaskProjection(options: {
  db: Db;
  engine: EngineClient;
  logger: Logger;
  pollMs: number;
  sweepMs: number;
  now?: () => number;
}): OpenTaskProjection {
  const projector = createOpenTaskProjector({ db: options.db, engine: options.engine });
  const now = options.now ?? Date.now;
  let nextSweep = 0;

  async function sweep(): Promise<SweepResult> {
    const result = await projector.sweep();
    nextSweep = now() + options.sweepMs;
    if (result.added + result.updated + result.removed > 0) {
      options.logger.warn({ ...result }, 'open tasks: the sweep repaired the work list projection');
    }
    return result;
  }

  const job = createPeriodicJob({
    name: 'open-task projection',
    intervalMs: options.pollMs,
    logger: options.logger,
    async run() {
      if (now() >= nextSweep) {
        await sweep();
        return;
      }
      await projector.catchUp();
    },
  });
  return { sweep, start: job.start, stop: job.stop };
}
