/**
 * Bulk inserts for the fast path: one INSERT … SELECT FROM unnest(…) per batch, every column sent as
 * a text array and cast in SQL, so thousands of rows cost one round trip and one plan.
 */
import type pg from 'pg';
import type { DossierRow, EventRow, NotificationRow } from './rows.js';

type Value = string | number | boolean | Date | null | undefined | object;

/** A column: its name and the SQL type its text is cast to. */
type Column<T> = [name: keyof T & string, sqlType: string];

/** Text for PostgreSQL: timestamps as UTC without zone (Prisma's `timestamp(3)` columns hold UTC), JSON as JSON. */
function text(value: Value): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, -1);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function insertRows<T>(client: pg.Pool | pg.PoolClient, table: string, columns: Column<T>[], rows: readonly T[]) {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const casts = columns.map(([name, type]) => `u."${name}"::${type}`).join(', ');
  const arrays = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = columns.map(([name]) => `"${name}"`).join(', ');
  await client.query(
    `INSERT INTO "${table}" (${names}) SELECT ${casts} FROM unnest(${arrays}) AS u(${aliases})`,
    columns.map(([name]) => rows.map((row) => text(row[name] as Value))),
  );
}

const DOSSIER_COLUMNS: Column<DossierRow>[] = [
  ['id', 'uuid'],
  ['code', 'text'],
  ['procedureId', 'uuid'],
  ['procedureVersionId', 'uuid'],
  ['processDefinitionId', 'text'],
  ['legalRegime', 'text'],
  ['agencyId', 'uuid'],
  ['applicantName', 'text'],
  ['applicantIdNumber', 'text'],
  ['applicantPhone', 'text'],
  ['applicantAddress', 'text'],
  ['applicantEmail', 'text'],
  ['requestSummary', 'text'],
  ['documents', 'jsonb'],
  ['setCount', 'int'],
  ['channel', '"DossierChannel"'],
  ['resultDelivery', '"ResultDelivery"'],
  ['deliveryAddress', 'text'],
  ['status', '"DossierStatus"'],
  ['receivedAt', 'timestamp(3)'],
  ['dueAt', 'timestamp(3)'],
  ['originalDueAt', 'timestamp(3)'],
  ['clockPausedAt', 'timestamp(3)'],
  ['finishedAt', 'timestamp(3)'],
  ['returnedVia', '"ResultDelivery"'],
  ['postalTrackingRef', 'text'],
  ['refusalReason', 'text'],
  ['backEntry', 'boolean'],
  ['backEntryReason', 'text'],
  ['processInstanceId', 'text'],
  ['receivedBy', 'text'],
  ['createdAt', 'timestamp(3)'],
  ['updatedAt', 'timestamp(3)'],
];

const EVENT_COLUMNS: Column<EventRow>[] = [
  ['dossierId', 'uuid'],
  ['type', 'text'],
  ['actor', 'text'],
  ['activityId', 'text'],
  ['dedupeKey', 'text'],
  ['note', 'text'],
  ['data', 'jsonb'],
  ['occurredAt', 'timestamp(3)'],
];

const NOTIFICATION_COLUMNS: Column<NotificationRow>[] = [
  ['dossierId', 'uuid'],
  ['kind', 'text'],
  ['channel', '"NotificationChannel"'],
  ['recipient', 'text'],
  ['subject', 'text'],
  ['body', 'text'],
  ['dedupeKey', 'text'],
  ['status', '"NotificationStatus"'],
  ['attempts', 'int'],
  ['nextAttemptAt', 'timestamp(3)'],
  ['lockedUntil', 'timestamp(3)'],
  ['lockedBy', 'text'],
  ['sentAt', 'timestamp(3)'],
  ['providerRef', 'text'],
  ['lastError', 'text'],
  ['createdAt', 'timestamp(3)'],
];

/** Inserts the rows of many dossiers in one transaction: dossiers, then their events and messages. */
export async function insertDossiers(
  pool: pg.Pool,
  batch: readonly { dossier: DossierRow; events: EventRow[]; notifications: NotificationRow[] }[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One batch at a time: the history and the open dossiers are written by two loops at once, and
    // each inserted dossier takes one of 256 advisory locks of the open tasks' copies
    // (lock_open_task_process, migration 20261206203000_open_task_dossier_copies) in the batch's
    // order, so two batches of thousands would take them in different orders and deadlock (seen at
    // 324 000 dossiers). A reception writes one dossier per transaction and takes one such lock.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('bench insertDossiers'))`);
    await insertRows(client, 'Dossier', DOSSIER_COLUMNS, batch.map((rows) => rows.dossier));
    await insertRows(client, 'DossierEvent', EVENT_COLUMNS, batch.flatMap((rows) => rows.events));
    await insertRows(client, 'Notification', NOTIFICATION_COLUMNS, batch.flatMap((rows) => rows.notifications));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
