/**
 * The notification outbox (issue 3, point 8). A cause writes its notification in its own transaction
 * (`enqueueNotification`), so a message exists exactly when its cause was committed; the workers'
 * dispatcher claims due messages, sends them through a provider and marks them sent or failed.
 *
 * Never sent twice: `dedupeKey` is unique, so a retried cause queues nothing new; a claim locks a row
 * for `lockFor` ms, and claiming skips rows another transaction holds (`FOR UPDATE SKIP LOCKED`) and
 * rows whose lock has not expired, so two dispatchers never hold the same message; a sent message is
 * never claimed again. A dispatcher that dies after sending but before `markSent` leaves a locked
 * row that is claimed again when its lock expires: keep `lockFor` well above a provider's timeout,
 * and give providers the `dedupeKey` to deduplicate at their end where they can. A claim names its
 * claimer (the worker's WORKER_ID), so the same worker, restarted after a crash, takes back at once
 * what its dead predecessor held (`releaseClaimsOf`) instead of waiting for the locks to expire.
 */
import type { Prisma } from '#generated/client';
import type { Db } from './client.js';
import type { Notification, NotificationChannel } from '#generated/client';

/** What a notification says and to whom. */
export interface NewNotification {
  dossierId?: string;
  /** receipt | supplement_request | apology | result_ready | refusal | at_risk … */
  kind: string;
  channel: NotificationChannel;
  /** A phone number for sms, an e-mail address for email. */
  recipient: string;
  subject?: string;
  body: string;
  /** Same cause, same key: e.g. `receipt:<dossier code>:sms`. The message is queued once per key. */
  dedupeKey: string;
}

/**
 * Queues a notification in the caller's transaction. Returns false when a notification with the same
 * `dedupeKey` was already queued (nothing is written then).
 */
export async function enqueueNotification(
  tx: Prisma.TransactionClient | Db,
  notification: NewNotification,
): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "Notification" ("dossierId", "kind", "channel", "recipient", "subject", "body", "dedupeKey")
    VALUES (${notification.dossierId ?? null}::uuid, ${notification.kind},
            ${notification.channel}::"NotificationChannel", ${notification.recipient},
            ${notification.subject ?? null}, ${notification.body}, ${notification.dedupeKey})
    ON CONFLICT ("dedupeKey") DO NOTHING`;
  return inserted > 0;
}

export interface ClaimOptions {
  /** Most messages to claim. */
  limit: number;
  /** How long the claim holds the messages, in ms, before another dispatcher may take them. */
  lockFor: number;
  /** The dispatcher's clock (default: now). */
  now?: Date;
  /** Who claims: the worker's id, recorded with the claim (see releaseClaimsOf). */
  claimer?: string;
}

/**
 * Claims up to `limit` pending messages that are due (`nextAttemptAt` ≤ now) and not held by another
 * dispatcher, oldest due first, and locks them until now + `lockFor`. One statement: concurrent
 * dispatchers get disjoint sets.
 */
export async function claimDueNotifications(
  db: Db | Prisma.TransactionClient,
  options: ClaimOptions,
): Promise<Notification[]> {
  const now = options.now ?? new Date();
  const lockedUntil = new Date(now.getTime() + options.lockFor);
  // The locking subquery is a MATERIALIZED CTE joined once: as `WHERE id IN (… LIMIT n FOR UPDATE
  // SKIP LOCKED)` the planner may pick a semi join that rescans the subquery per row, and each rescan
  // locks further rows, so one claim took every due row (measured).
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    WITH "due" AS MATERIALIZED (
      SELECT "id" FROM "Notification"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
        AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED)
    UPDATE "Notification" AS n SET "lockedUntil" = ${lockedUntil}, "lockedBy" = ${options.claimer ?? null}
    FROM "due" WHERE n."id" = "due"."id"
    RETURNING n."id"`;
  if (rows.length === 0) return [];
  return db.notification.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
  });
}

/**
 * Releases the pending messages claimed by `claimer`, so they are due at once. Call it when a worker
 * starts, before it claims anything: what its id still holds then was claimed by a predecessor that
 * died (with the same id, a restarted process). Returns how many were released.
 */
export function releaseClaimsOf(db: Db | Prisma.TransactionClient, claimer: string): Promise<number> {
  return db.$executeRaw`
    UPDATE "Notification" SET "lockedUntil" = NULL, "lockedBy" = NULL
    WHERE "lockedBy" = ${claimer} AND "status" = 'pending'`;
}

/**
 * Records that the provider accepted the message. Only a pending message is marked: returns false
 * when it was already sent or given up on.
 */
export async function markSent(
  db: Db | Prisma.TransactionClient,
  id: bigint,
  providerRef: string,
  options: { now?: Date } = {},
): Promise<boolean> {
  const result = await db.notification.updateMany({
    where: { id, status: 'pending' },
    data: {
      status: 'sent',
      sentAt: options.now ?? new Date(),
      providerRef,
      lockedUntil: null,
      lockedBy: null,
      attempts: { increment: 1 },
      lastError: null,
    },
  });
  return result.count > 0;
}

export interface RetryPolicy {
  /** Attempts in all, the failed one included, before the message is given up (status failed). */
  maxAttempts: number;
  /** Delay before the first retry, in ms; each further retry waits twice as long as the one before. */
  backoff: number;
  /** Longest delay between two attempts, in ms (default: no limit). */
  maxBackoff?: number;
  now?: Date;
}

/** The delay before the next attempt after `attempts` failed ones (1, 2, …): backoff · 2^(attempts − 1). */
export function retryDelay(attempts: number, policy: Pick<RetryPolicy, 'backoff' | 'maxBackoff'>): number {
  const delay = policy.backoff * 2 ** Math.max(0, attempts - 1);
  return policy.maxBackoff === undefined ? delay : Math.min(delay, policy.maxBackoff);
}

/**
 * Records a failed attempt: the message is retried after an exponential backoff, or marked failed
 * once it has had `maxAttempts` attempts. Returns the message's new state, or null when it was not
 * pending (already sent or failed).
 */
export async function markFailed(
  db: Db,
  id: bigint,
  error: string,
  policy: RetryPolicy,
): Promise<{ status: 'pending' | 'failed'; attempts: number; nextAttemptAt: Date } | null> {
  const now = policy.now ?? new Date();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ attempts: number }[]>`
      SELECT "attempts" FROM "Notification" WHERE "id" = ${id} AND "status" = 'pending' FOR UPDATE`;
    const current = rows[0];
    if (!current) return null;
    const attempts = current.attempts + 1;
    const givenUp = attempts >= policy.maxAttempts;
    const nextAttemptAt = givenUp ? now : new Date(now.getTime() + retryDelay(attempts, policy));
    await tx.notification.update({
      where: { id },
      data: {
        attempts,
        status: givenUp ? 'failed' : 'pending',
        nextAttemptAt,
        lockedUntil: null,
        lockedBy: null,
        lastError: error.slice(0, 2000),
      },
    });
    return { status: givenUp ? 'failed' : 'pending', attempts, nextAttemptAt };
  });
}
