/**
 * What the workers read and write in our database about a dossier: finding it from a task, its
 * status changes and system events. Every write is safe to repeat, because the engine may hand the
 * same task out again after a failure or a lost lock.
 */
import type { DossierEventType } from '@motcua/common';
import type { Db, Prisma } from '@motcua/db';
import type { ExternalTask } from './engine/task-client.js';
import type { DossierForMessage } from './notifications/messages.js';

/** Our database, or a transaction in it. */
export type DbClient = Db | Prisma.TransactionClient;

/** The server inserts the dossier and starts the process; a fast worker may look before its commit. */
export class DossierNotFoundError extends Error {
  constructor(readonly code: string) {
    super(`dossier ${code} not found (not committed yet?)`);
    this.name = 'DossierNotFoundError';
  }
}

const DOSSIER_SELECT = {
  id: true,
  code: true,
  status: true,
  receivedAt: true,
  dueAt: true,
  originalDueAt: true,
  clockPausedAt: true,
  finishedAt: true,
  resultDelivery: true,
  applicantName: true,
  applicantPhone: true,
  applicantEmail: true,
  requestSummary: true,
  agency: { select: { name: true } },
} as const satisfies Prisma.DossierSelect;

export type TaskDossier = Prisma.DossierGetPayload<{ select: typeof DOSSIER_SELECT }>;

/**
 * The dossier a task belongs to, found by its process instance and code together: a process whose
 * reception was rolled back (an orphan) can carry a code that a later dossier received again, and
 * must never write into that other dossier.
 */
export async function findDossier(
  db: DbClient,
  task: Pick<ExternalTask, 'processInstanceId'>,
  code: string,
): Promise<TaskDossier> {
  const dossier = await db.dossier.findFirst({
    where: { code, processInstanceId: task.processInstanceId },
    select: DOSSIER_SELECT,
  });
  if (!dossier) throw new DossierNotFoundError(code);
  return dossier;
}

/**
 * Locks the dossier's row until the transaction ends, so two deliveries of one task (a retry racing a
 * lost lock) serialise: the second sees what the first wrote and writes nothing twice.
 */
export async function lockDossier(tx: Prisma.TransactionClient, dossierId: string): Promise<TaskDossier> {
  await tx.$queryRaw`SELECT 1 FROM "Dossier" WHERE "id" = ${dossierId}::uuid FOR UPDATE`;
  return tx.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: DOSSIER_SELECT });
}

/** The fields the applicant's messages are written from. */
export function forMessage(dossier: TaskDossier): DossierForMessage {
  return {
    id: dossier.id,
    code: dossier.code,
    applicantName: dossier.applicantName,
    applicantPhone: dossier.applicantPhone,
    applicantEmail: dossier.applicantEmail,
    requestSummary: dossier.requestSummary,
    agencyName: dossier.agency.name,
  };
}

export type EventData = Prisma.InputJsonObject;

/**
 * A system event for the activity `task` runs in. Its dedupe key is `<topic>:<activity instance id>`
 * unless `dedupeKey` names the fact more precisely (e.g. a step and its deadline); (dossier, key) is
 * unique, so a retried task writes the event once (ON CONFLICT DO NOTHING: the event log is
 * append-only, and an upsert would try to update it).
 */
export function systemEvent(
  db: DbClient,
  task: ExternalTask,
  dossierId: string,
  event: { type: DossierEventType; note?: string | null; data?: EventData; dedupeKey?: string },
) {
  return db.dossierEvent.createMany({
    data: [
      {
        dossierId,
        type: event.type,
        actor: 'system',
        activityId: task.activityId,
        dedupeKey: event.dedupeKey ?? `${task.topicName}:${task.activityInstanceId}`,
        note: event.note ?? null,
        data: event.data ?? undefined,
      },
    ],
    skipDuplicates: true,
  });
}
