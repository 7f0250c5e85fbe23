/**
 * Waits for the workers to plan the appointment (`dueAt`) of dossiers the intake path received. One
 * loop asks for every waiting code at once, every 10 ms, so the benchmark's own polling costs the
 * database one statement per 10 ms however many clients wait, where a loop per client cost one per
 * client (8 clients: 800 statements a second on the machine the intake is measured on).
 */
import type pg from 'pg';

const POLL_MS = 10;

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  deadline: number;
}

export function createAppointmentWatcher(pool: pg.Pool, timeoutMs: number) {
  const waiting = new Map<string, Waiter>();
  let polling = false;

  async function poll(): Promise<void> {
    polling = true;
    try {
      while (waiting.size > 0) {
        const codes = [...waiting.keys()];
        const { rows } = await pool.query<{ code: string }>(
          'SELECT code FROM "Dossier" WHERE code = ANY($1) AND "dueAt" IS NOT NULL',
          [codes],
        );
        for (const { code } of rows) {
          waiting.get(code)?.resolve();
          waiting.delete(code);
        }
        const now = Date.now();
        for (const [code, waiter] of waiting) {
          if (now <= waiter.deadline) continue;
          waiter.reject(new Error(`dossier ${code}: no appointment after ${timeoutMs} ms`));
          waiting.delete(code);
        }
        if (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      for (const waiter of waiting.values()) waiter.reject(error instanceof Error ? error : new Error(String(error)));
      waiting.clear();
    } finally {
      polling = false;
    }
  }

  return {
    /** Resolves once the dossier `code` has its appointment; rejects after the timeout. */
    planned(code: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        waiting.set(code, { resolve, reject, deadline: Date.now() + timeoutMs });
        if (!polling) void poll();
      });
    },
  };
}
export type AppointmentWatcher = ReturnType<typeof createAppointmentWatcher>;
