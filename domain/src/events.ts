import type { DossierEventType, DossierStatus } from '@motcua/common';
import type { Db, DossierEvent, Prisma } from '@motcua/db';

/**
 * The dossier row lock and the append-only event log, as every writer uses them: the server's
 * reception, acceptance, overrides, task actions and apologies, and the workers' topics.
 *
 * The dedupe key rule: (dossier, dedupeKey) is unique, so an event with a key is written once per
 * dossier however often its cause is retried (a worker's task handed out again, a double click, a
 * repeated approval). The key names the fact, not the attempt: `<topic>:<activity instance id>` for a
 * worker's step (see taskEventKey), or a more precise fact where one activity can cause several
 * (`step-overdue:<step>:<deadline>`, `apology:<id>:approved`, `notification:<kind>:<cause>`). An
 * event without a key is written every time: only for writes that cannot be repeated, because the
 * same transaction creates or changes the row they are about.
 */

/** Our database, or a transaction in it. */
export type DbClient = Db | Prisma.TransactionClient;

/** One entry of a dossier's event log. */
export interface DossierEventInput {
  dossierId: string;
  type: DossierEventType;
  /** The officer's username, or `system` for the workers. */
  actor: string;
  /** The BPMN element the event belongs to, when there is one. */
  activityId?: string | null;
  /** Entries with the same key for the same dossier are written once (see the module comment). */
  dedupeKey?: string;
  note?: string | null;
  data?: Prisma.InputJsonObject;
  occurredAt?: Date;
}

/** The actor of the events the workers write. */
export const SYSTEM_ACTOR = 'system';

/** The dedupe key of a worker's event for the activity its task runs in. */
export function taskEventKey(task: { topicName: string; activityInstanceId: string }): string {
  return `${task.topicName}:${task.activityInstanceId}`;
}

/**
 * Locks the dossier's row until the transaction ends, so two writers of the same dossier (two
 * deliveries of one task, two approvals of one apology, a retry racing a lost lock) serialise: the
 * second reads what the first wrote, and its checks see it. Returns the dossier's status as it is
 * now, or null when no dossier has this id.
 *
 * FOR NO KEY UPDATE, not FOR UPDATE: two lockers still serialise, but an insert elsewhere that only
 * refers to the dossier (an event, a notification: their foreign key takes FOR KEY SHARE) does not
 * wait for the locker. With FOR UPDATE it did, and an event appended outside this transaction, which
 * holds the trail's lock while its foreign key waits here, deadlocked with a locker about to append
 * its own event (prisma/README.md, the trail).
 */
export async function lockDossier(
  tx: Prisma.TransactionClient,
  dossierId: string,
): Promise<{ status: DossierStatus } | null> {
  const [row] = await tx.$queryRaw<{ status: DossierStatus }[]>`
    SELECT status::text AS status FROM "Dossier" WHERE id = ${dossierId}::uuid FOR NO KEY UPDATE`;
  return row ?? null;
}

/** The row of an event, as both ways of appending write it. */
function eventRow(event: DossierEventInput): Prisma.DossierEventCreateManyInput {
  return {
    dossierId: event.dossierId,
    type: event.type,
    actor: event.actor,
    activityId: event.activityId ?? null,
    dedupeKey: event.dedupeKey ?? null,
    note: event.note ?? null,
    ...(event.data === undefined ? {} : { data: event.data }),
    ...(event.occurredAt === undefined ? {} : { occurredAt: event.occurredAt }),
  };
}

/**
 * Appends an event to a dossier's log. Returns false when an event with the same dedupe key was
 * already written for the dossier (ON CONFLICT DO NOTHING: the log is append-only, a database trigger
 * refuses updates, so an upsert is not an option).
 */
export async function appendEvent(db: DbClient, event: DossierEventInput): Promise<boolean> {
  const { count } = await db.dossierEvent.createMany({ data: [eventRow(event)], skipDuplicates: true });
  return count > 0;
}

/**
 * Appends the event of a write that cannot be repeated because the same transaction creates the row
 * it is about (a reception), and returns it as stored, so the caller answers without reading it back.
 */
export function appendFirstEvent(
  tx: Prisma.TransactionClient,
  event: Omit<DossierEventInput, 'dedupeKey'>,
): Promise<DossierEvent> {
  return tx.dossierEvent.create({ data: eventRow(event) });
}
