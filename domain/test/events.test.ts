import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { appendEvent, lockDossier } from '../src/events.js';
import { useTestDatabase } from './support/database.js';
import { insertDossier } from './support/dossiers.js';

/** The event log's dedupe rule and the row lock, on a real database. */
const database = useTestDatabase(5);

/** How many connections to this database wait on a lock now. */
async function waitingOnLocks(): Promise<number> {
  const [row] = await database().$queryRaw<{ waiting: number }[]>`
    SELECT COUNT(*)::int AS waiting FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row?.waiting ?? 0;
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('appending to a dossier’s event log', () => {
  it('writes an event with a dedupe key once, however often it is appended', async () => {
    const dossier = await insertDossier(database());
    const event = { dossierId: dossier.id, type: 'at_risk' as const, actor: 'system', dedupeKey: 'at-risk:once' };
    expect(await appendEvent(database(), event)).toBe(true);
    expect(await appendEvent(database(), { ...event, note: 'a retry' })).toBe(false);
    expect(await database().dossierEvent.count({ where: { dossierId: dossier.id, dedupeKey: 'at-risk:once' } })).toBe(
      1,
    );
  });

  it('keeps the same key apart for two dossiers', async () => {
    const [first, second] = [await insertDossier(database()), await insertDossier(database())];
    for (const dossier of [first, second]) {
      expect(
        await appendEvent(database(), { dossierId: dossier.id, type: 'result_ready', actor: 'system', dedupeKey: 'k' }),
      ).toBe(true);
    }
  });

  it('writes an event without a key every time it is appended', async () => {
    const dossier = await insertDossier(database());
    const event = { dossierId: dossier.id, type: 'status_overridden' as const, actor: 'leader' };
    expect([await appendEvent(database(), event), await appendEvent(database(), event)]).toEqual([true, true]);
    expect(await database().dossierEvent.count({ where: { dossierId: dossier.id } })).toBe(2);
  });
});

describe('locking a dossier’s row', () => {
  it('makes a second writer wait for the first and read what it wrote', async () => {
    // given a writer holding the lock of an in-progress dossier
    const dossier = await insertDossier(database(), { status: 'in_progress' });
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const first = database().$transaction(
      async (tx) => {
        await lockDossier(tx, dossier.id);
        locked();
        // when a second writer asks for the lock meanwhile
        await until(async () => (await waitingOnLocks()) > 0, 'the second writer to wait');
        await tx.dossier.update({ where: { id: dossier.id }, data: { status: 'result_ready' } });
      },
      { timeout: 60_000 },
    );
    await holding;
    const second = database().$transaction(async (tx) => lockDossier(tx, dossier.id), { timeout: 60_000 });
    await first;
    // then it gets the lock once the first has committed, and reads the first one's write
    expect(await second).toEqual({ status: 'result_ready' });
  });

  it('answers null for a dossier that does not exist', async () => {
    expect(await database().$transaction((tx) => lockDossier(tx, randomUUID()))).toBeNull();
  });
});
