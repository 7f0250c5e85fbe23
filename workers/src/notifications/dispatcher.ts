/**
 * The notification dispatcher: sends what the outbox holds (issue 3, point 8). Messages are queued in
 * the same database transaction as their cause (a receipt, a supplement request, a refusal, …), so a
 * cause that committed always has its message, and one that rolled back never does. The dispatcher
 * then, in a loop:
 *
 * 1. claims a batch of due messages: one statement takes pending rows whose next attempt is due and
 *    whose lock is free, skipping rows another transaction holds (`FOR UPDATE SKIP LOCKED`), and sets
 *    their `lockedUntil`, so another dispatcher, in this process or another one, leaves them alone
 *    until the lock expires (prisma/src/outbox.ts);
 * 2. sends each through the provider of its channel, within a timeout of half the lock;
 * 3. marks it sent with the provider's reference once the provider has answered; or, when the send
 *    failed, records the failure, and the message is due again after an exponential backoff (given
 *    up, status failed, after NOTIFICATION_MAX_ATTEMPTS).
 *
 * Never twice, and the window that remains: a message is marked sent only after the provider took it,
 * so a crash (or a lost database connection) between the provider's answer and the mark leaves the
 * row pending; when its lock expires it is claimed and sent again. That is at-least-once delivery.
 * The second send is made harmless by the provider, not by us: every message carries its outbox
 * `dedupeKey` as the provider's idempotency key, and a provider that has already accepted that key
 * answers with the first message's reference instead of sending again (the default log-file provider
 * does exactly that; a real SMS or mail gateway must be configured to do the same, most accept a
 * client reference for this). The same holds for a send that outlives its timeout.
 *
 * Claims carry the worker's id: a worker restarted after a crash releases, before it dispatches, what
 * its predecessor claimed (`releaseClaimsOf`, from the workers' start-up), so those messages go out at
 * once rather than when their locks expire.
 */
import type { Db, Notification } from '@motcua/db';
import { claimDueNotifications, markFailed, markSent, type RetryPolicy } from '@motcua/db/outbox';
import { errorFields, type Logger } from '../logger.js';
import { createPeriodicJob } from '../periodic.js';
import type { NotificationProvider, OutboundMessage } from './provider.js';

export interface DispatcherOptions {
  db: Db;
  providers: readonly NotificationProvider[];
  logger: Logger;
  /** Pause between two polls of the outbox while it had nothing more to send. */
  intervalMs: number;
  batchSize: number;
  /** How long a claimed message stays reserved to this dispatcher. */
  lockMs: number;
  /** Recorded with each claim: the worker's id (see the module comment). */
  claimer?: string;
  /** Attempts in all and the exponential backoff between them (applied by markFailed). */
  retry: Omit<RetryPolicy, 'now'>;
  now?: () => Date;
}

export interface Dispatcher {
  /** Claims and sends one batch; returns how it went (the loop calls it, tests may too). */
  dispatchOnce(): Promise<{ sent: number; failed: number }>;
  start(): void;
  /** Stops polling and waits for the batch in flight to be sent and marked. */
  stop(): Promise<void>;
}

class SendTimeoutError extends Error {
  override name = 'SendTimeoutError';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeoutError(`the provider did not answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const now = options.now ?? (() => new Date());
  const providers = new Map(options.providers.map((provider) => [provider.channel, provider]));
  // A send must end before the lock does, or another dispatcher could claim the message meanwhile.
  const sendTimeoutMs = Math.max(Math.floor(options.lockMs / 2), 1);

  async function sendOne(message: Notification): Promise<boolean> {
    const context = { notificationId: String(message.id), kind: message.kind, channel: message.channel };
    const attempt = message.attempts + 1;
    let providerRef: string;
    try {
      const provider = providers.get(message.channel);
      if (!provider) throw new Error(`no provider for channel ${message.channel}`);
      const outbound: OutboundMessage = {
        channel: message.channel,
        recipient: message.recipient,
        subject: message.subject,
        body: message.body,
        kind: message.kind,
        idempotencyKey: message.dedupeKey,
      };
      ({ providerRef } = await withTimeout(provider.send(outbound), sendTimeoutMs));
    } catch (error) {
      const description = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const state = await markFailed(options.db, message.id, description, { ...options.retry, now: now() });
      options.logger.error(
        { ...context, ...errorFields(error), attempt, nextAttemptAt: state?.nextAttemptAt.toISOString() ?? null },
        state?.status === 'failed' ? 'notification failed, no attempt left' : 'notification failed, will retry',
      );
      return false;
    }
    // Sent: if this mark is lost, the message is offered again when its lock expires, and the
    // provider answers the repeated idempotency key without sending (see the module comment).
    await markSent(options.db, message.id, providerRef, { now: now() });
    options.logger.info({ ...context, attempt, providerRef }, 'notification sent');
    return true;
  }

  async function dispatchOnce(): Promise<{ sent: number; failed: number }> {
    const batch = await claimDueNotifications(options.db, {
      limit: options.batchSize,
      lockFor: options.lockMs,
      now: now(),
      ...(options.claimer === undefined ? {} : { claimer: options.claimer }),
    });
    let sent = 0;
    for (const message of batch) {
      if (await sendOne(message)) sent += 1;
    }
    return { sent, failed: batch.length - sent };
  }

  const job = createPeriodicJob({
    name: 'notification dispatcher',
    intervalMs: options.intervalMs,
    logger: options.logger,
    async run() {
      const { sent, failed } = await dispatchOnce();
      // a full batch means more may be waiting
      return sent + failed >= options.batchSize;
    },
  });

  return { dispatchOnce, start: job.start, stop: job.stop };
}
