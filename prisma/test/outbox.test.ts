import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/client.js';
import { applyMigrations } from '../src/migrate.js';
import {
  claimDueNotifications,
  enqueueNotification,
  markFailed,
  markSent,
  releaseClaimsOf,
  retryDelay,
  type NewNotification,
} from '../src/outbox.js';
import { createTestDatabase, type TestDatabase } from './database.js';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  await applyMigrations(database.url);
  db = createDb(database.url, { max: 10 });
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});
beforeEach(async () => {
  await db.notification.deleteMany();
});

function message(dedupeKey: string, overrides: Partial<NewNotification> = {}): NewNotification {
  return {
    kind: 'receipt',
    channel: 'sms',
    recipient: '0905123456',
    body: `Hồ sơ ${dedupeKey} đã được tiếp nhận`,
    dedupeKey,
    ...overrides,
  };
}

const T0 = new Date('2026-11-27T02:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('enqueueNotification', () => {
  it('queues a message once per dedupe key, however often its cause is retried', async () => {
    // When the same cause queues its message three times, once inside a transaction
    const first = await db.$transaction((tx) => enqueueNotification(tx, message('receipt:A:sms')));
    const again = await enqueueNotification(db, message('receipt:A:sms', { body: 'changed' }));
    const third = await db.$transaction((tx) => enqueueNotification(tx, message('receipt:A:sms')));
    // Then only the first queued it, with its own body
    expect([first, again, third]).toEqual([true, false, false]);
    const rows = await db.notification.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, body: 'Hồ sơ receipt:A:sms đã được tiếp nhận' });
  });

  it('queues nothing when the transaction of its cause rolls back', async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueNotification(tx, message('receipt:B:sms'));
        throw new Error('reception failed');
      }),
    ).rejects.toThrow('reception failed');
    expect(await db.notification.count()).toBe(0);
  });
});

describe('releaseClaimsOf', () => {
  it('releases what a restarted worker’s dead predecessor claimed, and nothing another worker holds', async () => {
    // Given two messages claimed by a worker that then died, and one claimed by another worker
    for (const key of ['dead:1', 'dead:2', 'alive:1']) {
      await db.notification.create({ data: { ...message(key), nextAttemptAt: T0 } });
    }
    const dead = await claimDueNotifications(db, { limit: 2, lockFor: 120_000, now: T0, claimer: 'worker-a' });
    const alive = await claimDueNotifications(db, { limit: 1, lockFor: 120_000, now: T0, claimer: 'worker-b' });
    expect(dead).toHaveLength(2);
    expect(alive).toHaveLength(1);
    // When the first worker, restarted under its id, releases what its id holds
    const released = await releaseClaimsOf(db, 'worker-a');
    // Then its two messages are claimable at once, long before their lock would have expired, and the other is not
    expect(released).toBe(2);
    const again = await claimDueNotifications(db, {
      limit: 10,
      lockFor: 120_000,
      now: later(1_000),
      claimer: 'worker-a',
    });
    expect(again.map((row) => row.dedupeKey).sort()).toEqual(['dead:1', 'dead:2']);
  });

  it('leaves a message that was sent as it is', async () => {
    // Given a message a worker claimed and sent
    await db.notification.create({ data: { ...message('sent:1'), nextAttemptAt: T0 } });
    const [claimed] = await claimDueNotifications(db, { limit: 1, lockFor: 120_000, now: T0, claimer: 'worker-a' });
    await markSent(db, claimed!.id, 'ref-1', { now: T0 });
    // When that worker's id releases its claims, then nothing is released and the message stays sent
    expect(await releaseClaimsOf(db, 'worker-a')).toBe(0);
    expect(await db.notification.findUniqueOrThrow({ where: { id: claimed!.id } })).toMatchObject({
      status: 'sent',
      lockedBy: null,
    });
  });
});

describe('claimDueNotifications', () => {
  it('never gives the same message to two concurrent dispatchers', async () => {
    // Given 30 due messages
    for (let i = 0; i < 30; i += 1) {
      await db.notification.create({ data: { ...message(`m${i}`), nextAttemptAt: T0 } });
    }
    // When six dispatchers claim at the same moment, up to 7 each
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => claimDueNotifications(db, { limit: 7, lockFor: 60_000, now: T0 })),
    );
    // Then no message is in two claims, and every message is claimed once
    const ids = claims.flat().map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
    for (const claim of claims) expect(claim.length).toBeLessThanOrEqual(7);
  });

  it('claims only due messages, oldest first, and not while another dispatcher holds them', async () => {
    await db.notification.create({ data: { ...message('late'), nextAttemptAt: later(-1000) } });
    await db.notification.create({ data: { ...message('early'), nextAttemptAt: later(-5000) } });
    await db.notification.create({ data: { ...message('future'), nextAttemptAt: later(60_000) } });

    const first = await claimDueNotifications(db, { limit: 10, lockFor: 30_000, now: T0 });
    expect(first.map((row) => row.dedupeKey)).toEqual(['early', 'late']);
    expect(first[0]!.lockedUntil).toEqual(later(30_000));
    // While the lock holds, nobody else gets them
    expect(await claimDueNotifications(db, { limit: 10, lockFor: 30_000, now: later(29_000) })).toEqual([]);
    // A dispatcher that died leaves them locked until the lock expires; then they are claimed again
    const retaken = await claimDueNotifications(db, { limit: 10, lockFor: 30_000, now: later(30_000) });
    expect(retaken.map((row) => row.dedupeKey)).toEqual(['early', 'late']);
  });

  it('never claims a sent message again', async () => {
    // Given a message that was claimed and sent
    await db.notification.create({ data: { ...message('sent-once'), nextAttemptAt: T0 } });
    const [claimed] = await claimDueNotifications(db, { limit: 1, lockFor: 1000, now: T0 });
    expect(await markSent(db, claimed!.id, 'log:1', { now: later(10) })).toBe(true);
    // When dispatchers look again, long after its lock expired
    const again = await claimDueNotifications(db, { limit: 10, lockFor: 1000, now: later(3_600_000) });
    // Then it is not claimed, and marking it sent a second time does nothing
    expect(again).toEqual([]);
    expect(await markSent(db, claimed!.id, 'log:2')).toBe(false);
    expect(await db.notification.findUniqueOrThrow({ where: { id: claimed!.id } })).toMatchObject({
      status: 'sent',
      providerRef: 'log:1',
      sentAt: later(10),
      attempts: 1,
      lockedUntil: null,
    });
  });
});

describe('markFailed', () => {
  const policy = { maxAttempts: 3, backoff: 60_000 };

  it('retries with exponential backoff and gives up after the last attempt', async () => {
    // Given a due message
    const { id } = await db.notification.create({ data: { ...message('flaky'), nextAttemptAt: T0 } });

    // When the first attempt fails, it waits one backoff
    await claimDueNotifications(db, { limit: 1, lockFor: 1000, now: T0 });
    expect(await markFailed(db, id, 'gateway timeout', { ...policy, now: later(1) })).toEqual({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: later(1 + 60_000),
    });
    // And is not claimed before then
    expect(await claimDueNotifications(db, { limit: 1, lockFor: 1000, now: later(60_000) })).toEqual([]);

    // When the second attempt fails, it waits twice as long
    expect(await claimDueNotifications(db, { limit: 1, lockFor: 1000, now: later(60_001) })).toHaveLength(1);
    expect(await markFailed(db, id, 'gateway timeout', { ...policy, now: later(60_002) })).toMatchObject({
      status: 'pending',
      attempts: 2,
      nextAttemptAt: later(60_002 + 120_000),
    });

    // When the third and last attempt fails, the message is given up
    expect(await claimDueNotifications(db, { limit: 1, lockFor: 1000, now: later(180_002) })).toHaveLength(1);
    expect(await markFailed(db, id, 'number unreachable', { ...policy, now: later(180_003) })).toMatchObject({
      status: 'failed',
      attempts: 3,
    });
    expect(await db.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'failed',
      lastError: 'number unreachable',
      lockedUntil: null,
    });
    // Then nobody claims it any more, and a late failure report changes nothing
    expect(await claimDueNotifications(db, { limit: 1, lockFor: 1000, now: later(10 * 3_600_000) })).toEqual([]);
    expect(await markFailed(db, id, 'again', policy)).toBeNull();
  });

  it('doubles the delay per attempt up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, { backoff: 1000 }))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(10, { backoff: 1000, maxBackoff: 60_000 })).toBe(60_000);
  });
});
