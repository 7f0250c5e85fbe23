/**
 * Kills an engine node with SIGKILL at a moment when its job executor holds timer jobs, so the test
 * knows exactly which jobs died with it.
 *
 * A timer job is locked by a node for the few milliseconds between its acquisition and the commit of
 * its execution: too short to hit by chance with a bare kill. So the node is frozen (SIGSTOP) whenever
 * the engine's database shows a timer job under its lock; frozen, it changes nothing more in the
 * database, and if it still holds a timer job it is killed there and then: a SIGKILL of a frozen
 * process is the crash at the instant it was frozen (its open transactions roll back when PostgreSQL
 * sees the connection drop). If it finished the job before the freeze took effect, it is thawed and
 * watched again.
 */
import type pg from 'pg';
import { freeze, killHard, thaw, type EngineNode } from './engine-nodes.js';

export interface Crash {
  /** The node was stopped from this instant on: nothing it did is later than this. */
  frozenAt: Date;
  /** The timer jobs it had locked and not finished. */
  heldTimerJobs: string[];
  /** External tasks that workers held locked at that moment. */
  lockedExternalTasks: number;
}

/** A lock that ends within this time is the doomed node's: the survivor locks for five minutes. */
const DOOMED_LOCK_HORIZON_MS = 60_000;
const WATCH_INTERVAL_MS = 10;

async function timerJobsLockedBy(engineDb: pg.Client, now: number): Promise<string[]> {
  const { rows } = await engineDb.query<{ id_: string; lock_exp_time_: Date }>(
    "SELECT id_, lock_exp_time_ FROM act_ru_job WHERE type_ = 'timer' AND lock_owner_ IS NOT NULL",
  );
  // LOCK_EXP_TIME_ is the engine JVM's local time without a zone; pg reads it in ours, the same one
  return rows
    .filter(({ lock_exp_time_: expires }) => {
      const left = expires.getTime() - now;
      return left > 0 && left < DOOMED_LOCK_HORIZON_MS;
    })
    .map(({ id_ }) => id_);
}

async function lockedExternalTasks(engineDb: pg.Client, now: number): Promise<number> {
  const { rows } = await engineDb.query<{ lock_exp_time_: Date }>(
    'SELECT lock_exp_time_ FROM act_ru_ext_task WHERE lock_exp_time_ IS NOT NULL',
  );
  return rows.filter(({ lock_exp_time_: expires }) => expires.getTime() > now).length;
}

/**
 * Watches `node` until it is caught holding a timer job, then kills it. `crashed` settles with what it
 * held; `cancel()` ends the watch (then `crashed` rejects), e.g. when the load is over.
 */
export function crashWhileHoldingTimerJobs(
  node: EngineNode,
  engineDb: pg.Client,
): { crashed: Promise<Crash>; cancel(): void } {
  let cancelled = false;
  const crashed = (async (): Promise<Crash> => {
    let attempts = 0;
    while (!cancelled) {
      await new Promise((resolve) => setTimeout(resolve, WATCH_INTERVAL_MS));
      if ((await timerJobsLockedBy(engineDb, Date.now())).length === 0) continue;
      attempts += 1;
      await freeze(node);
      const frozenAt = new Date();
      const held = await timerJobsLockedBy(engineDb, frozenAt.getTime());
      if (held.length === 0) {
        thaw(node);
        continue;
      }
      const locked = await lockedExternalTasks(engineDb, frozenAt.getTime());
      await killHard(node);
      return { frozenAt, heldTimerJobs: held, lockedExternalTasks: locked };
    }
    throw new Error(`${node.name} was never caught holding a timer job (${attempts} freezes)`);
  })();
  return {
    crashed,
    cancel() {
      cancelled = true;
    },
  };
}
