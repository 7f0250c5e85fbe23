import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueNotification } from '@motcua/db/outbox';
import { createDispatcher, type DispatcherOptions } from '../../src/notifications/dispatcher.js';
import { createLogFileProviders, type LoggedNotification } from '../../src/notifications/log-file-provider.js';
import type { NotificationProvider, OutboundMessage } from '../../src/notifications/provider.js';
import { createSeededDatabase, type SeededDatabase } from '../support/database.js';

/**
 * The dispatcher against a real PostgreSQL outbox of its own (no other test's messages), with the
 * real log-file providers or a provider that records what it is handed.
 */
let database: SeededDatabase;
let dir: string;

beforeAll(async () => {
  database = await createSeededDatabase();
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

beforeEach(async () => {
  await database.db.notification.deleteMany();
  dir = await mkdtemp(path.join(tmpdir(), 'motcua-dispatch-'));
  return () => rm(dir, { recursive: true, force: true });
});

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function dispatcher(overrides: Partial<DispatcherOptions> & Pick<DispatcherOptions, 'providers'>) {
  return createDispatcher({
    db: database.db,
    logger: quiet,
    intervalMs: 50,
    batchSize: 5,
    lockMs: 60_000,
    retry: { maxAttempts: 4, backoff: 1_000, maxBackoff: 60_000 },
    ...overrides,
  });
}

async function queue(count: number, prefix: string) {
  for (let index = 0; index < count; index += 1) {
    await enqueueNotification(database.db, {
      kind: 'receipt',
      channel: index % 2 === 0 ? 'sms' : 'email',
      recipient: index % 2 === 0 ? '0912345678' : 'vo.thi.hoa@example.vn',
      subject: index % 2 === 0 ? undefined : `Tiếp nhận hồ sơ ${index}`,
      body: `Hồ sơ số ${index} đã được tiếp nhận.`,
      dedupeKey: `${prefix}:${index}`,
    });
  }
}

/** Records every message handed to it, slowly enough for two dispatchers to overlap. */
function recordingProviders(sent: OutboundMessage[]): NotificationProvider[] {
  return (['sms', 'email'] as const).map((channel) => ({
    channel,
    async send(message: OutboundMessage) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(message);
      return { providerRef: `ref-${message.idempotencyKey}` };
    },
  }));
}

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the notification dispatcher', () => {
  it('sends every queued message exactly once with two dispatchers running at the same time', async () => {
    // Given 40 queued messages and two dispatchers, each with its own database connections
    await queue(40, 'concurrent');
    const sent: OutboundMessage[] = [];
    const first = dispatcher({ providers: recordingProviders(sent) });
    const second = dispatcher({ providers: recordingProviders(sent) });

    // When both run until the outbox is empty
    first.start();
    second.start();
    await waitUntil(
      async () => (await database.db.notification.count({ where: { status: 'pending' } })) === 0,
      'the outbox to be sent',
    );
    await Promise.all([first.stop(), second.stop()]);

    // Then each message was handed to a provider once, and each row is sent with its reference
    const keys = sent.map((message) => message.idempotencyKey).sort();
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
    const rows = await database.db.notification.findMany();
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    expect(rows.every((row) => row.providerRef === `ref-${row.dedupeKey}`)).toBe(true);
  });

  it('retries after a provider failure with a growing backoff, then sends', async () => {
    // Given a message and an SMS provider that fails twice, then works
    await queue(1, 'flaky');
    let clock = new Date(Date.now() + 1_000);
    let calls = 0;
    const flaky: NotificationProvider = {
      channel: 'sms',
      async send() {
        calls += 1;
        if (calls <= 2) throw new Error('SMS gateway answered 503');
        return { providerRef: 'gateway-42' };
      },
    };
    // the dispatcher's clock decides what is due (the row was due when it was queued)
    const subject = dispatcher({ providers: [flaky], now: () => clock });

    // When the first attempt fails
    expect(await subject.dispatchOnce()).toEqual({ sent: 0, failed: 1 });
    const afterFirst = await database.db.notification.findFirstOrThrow();

    // Then it is pending again, due one backoff later, with the error kept
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null });
    expect(afterFirst.nextAttemptAt).toEqual(new Date(clock.getTime() + 1_000));
    expect(afterFirst.lastError).toContain('SMS gateway answered 503');

    // When the dispatcher looks again before the backoff is over, then nothing is sent
    clock = new Date(clock.getTime() + 500);
    expect(await subject.dispatchOnce()).toEqual({ sent: 0, failed: 0 });

    // When the second attempt fails too, then the backoff doubles
    clock = new Date(afterFirst.nextAttemptAt.getTime());
    expect(await subject.dispatchOnce()).toEqual({ sent: 0, failed: 1 });
    const afterSecond = await database.db.notification.findFirstOrThrow();
    expect(afterSecond.attempts).toBe(2);
    expect(afterSecond.nextAttemptAt).toEqual(new Date(clock.getTime() + 2_000));

    // When the third attempt works, then the message is sent with the provider's reference
    clock = new Date(afterSecond.nextAttemptAt.getTime());
    expect(await subject.dispatchOnce()).toEqual({ sent: 1, failed: 0 });
    const sent = await database.db.notification.findFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', attempts: 3, providerRef: 'gateway-42', lastError: null });
    expect(calls).toBe(3);
  });

  it('gives a message up after its last attempt', async () => {
    await queue(1, 'hopeless');
    let clock = new Date(Date.now() + 1_000);
    const broken: NotificationProvider = {
      channel: 'sms',
      async send() {
        throw new Error('no route to the SMS gateway');
      },
    };
    const subject = dispatcher({ providers: [broken], now: () => clock, retry: { maxAttempts: 2, backoff: 1_000 } });

    await subject.dispatchOnce();
    clock = new Date(clock.getTime() + 1_000);
    await subject.dispatchOnce();

    expect(await database.db.notification.findFirstOrThrow()).toMatchObject({ status: 'failed', attempts: 2 });
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await subject.dispatchOnce()).toEqual({ sent: 0, failed: 0 });
  });

  it('writes each message to the log file through the default providers, once', async () => {
    // Given two queued messages (one SMS, one e-mail) and the default providers on a log file
    await queue(2, 'logged');
    const file = path.join(dir, 'notifications.log');
    const subject = dispatcher({ providers: createLogFileProviders(file) });

    // When the dispatcher runs twice
    await subject.dispatchOnce();
    await subject.dispatchOnce();

    // Then the file holds each message once, and the rows carry the logged references
    const lines = (await readFile(file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LoggedNotification);
    expect(lines.map((line) => [line.channel, line.to, line.body])).toEqual([
      ['sms', '0912345678', 'Hồ sơ số 0 đã được tiếp nhận.'],
      ['email', 'vo.thi.hoa@example.vn', 'Hồ sơ số 1 đã được tiếp nhận.'],
    ]);
    const rows = await database.db.notification.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((row) => row.providerRef)).toEqual(lines.map((line) => line.providerRef));
  });

  it('does not send twice a message whose "sent" mark was lost, once its lock expires', async () => {
    // Given a message the log provider already wrote, whose row stayed pending (crash before the mark)
    await queue(1, 'crash');
    const file = path.join(dir, 'notifications.log');
    const row = await database.db.notification.findFirstOrThrow();
    await createLogFileProviders(file)[0]!.send({
      channel: 'sms',
      recipient: row.recipient,
      subject: null,
      body: row.body,
      kind: row.kind,
      idempotencyKey: row.dedupeKey,
    });

    // When a restarted dispatcher claims it again
    await dispatcher({ providers: createLogFileProviders(file) }).dispatchOnce();

    // Then the row is marked sent and the file still holds the message once
    expect((await database.db.notification.findFirstOrThrow()).status).toBe('sent');
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('stops cleanly: the batch in flight is finished and marked', async () => {
    await queue(3, 'stopping');
    const sent: OutboundMessage[] = [];
    const subject = dispatcher({ providers: recordingProviders(sent), batchSize: 3, intervalMs: 60_000 });

    subject.start();
    await waitUntil(async () => sent.length > 0, 'a first send');
    await subject.stop();

    expect(await database.db.notification.count({ where: { status: 'sent' } })).toBe(3);
    expect(sent).toHaveLength(3);
  });
});
