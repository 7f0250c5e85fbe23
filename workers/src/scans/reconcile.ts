/**
 * The reconciler, periodic: every RECONCILE_INTERVAL_MS the workers run one pass of @motcua/domain's
 * reconcile (domain/src/reconciliation.ts): orphan processes older than RECONCILE_GRACE_MS are
 * deleted, dossiers whose process has gone or never started are recorded for the admins. Several
 * worker processes may run it at once: a finding is one row per kind and subject, and deleting a
 * process twice deletes it once.
 */
import type { EngineClient } from '@motcua/common/engine';
import type { Db } from '@motcua/db';
import { reconcile, type ReconciliationPass } from '@motcua/domain';
import type { Logger } from '../logger.js';
import { createPeriodicJob, type PeriodicJob } from '../periodic.js';

export interface ReconcilerOptions {
  db: Db;
  engine: EngineClient;
  now: () => Date;
  logger: Logger;
  intervalMs: number;
  graceMs: number;
}

export interface Reconciler extends PeriodicJob {
  /** One pass, now. */
  runOnce(): Promise<ReconciliationPass>;
}

export function createReconciler(options: ReconcilerOptions): Reconciler {
  const { logger } = options;

  async function runOnce(): Promise<ReconciliationPass> {
    const pass = await reconcile(options.db, options.engine, { graceMs: options.graceMs, now: options.now });
    const open = Object.values(pass.open).reduce((sum, count) => sum + count, 0);
    if (pass.deleted > 0 || open > 0) {
      logger.warn({ deleted: pass.deleted, open: pass.open }, 'reconciliation: processes and dossiers out of step');
    }
    return pass;
  }

  const job = createPeriodicJob({
    name: 'reconciler',
    intervalMs: options.intervalMs,
    logger,
    async run() {
      await runOnce();
    },
  });
  return { runOnce, start: job.start, stop: job.stop };
}
