/**
 * What the workers write to our database: dossier status changes and system events. Every write is
 * safe to repeat, because the engine may hand the same task out again after a failure or a lost lock.
 */
import type { DossierEventType, DossierStatus } from '@motcua/common';
import type { Db } from '@motcua/db';
import type { ExternalTask } from './engine/task-client.js';

/** The server inserts the dossier and starts the process; a fast worker may look before its commit. */
export class DossierNotFoundError extends Error {
  constructor(readonly code: string) {
    super(`dossier ${code} not found (not committed yet?)`);
    this.name = 'DossierNotFoundError';
  }
}

/**
 * The dossier a task belongs to, found by its process instance and code together: a process whose
 * reception was rolled back (an orphan) can carry a code that a later dossier received again, and
 * must never write into that other dossier.
 */
export async function findDossier(
  db: Db,
  task: Pick<ExternalTask, 'processInstanceId'>,
  code: string,
): Promise<{ id: string; status: DossierStatus }> {
  const dossier = await db.dossier.findFirst({
    where: { code, processInstanceId: task.processInstanceId },
    select: { id: true, status: true },
  });
  if (!dossier) throw new DossierNotFoundError(code);
  return dossier;
}

/**
 * A system event for the activity `task` runs in. Its dedupe key is `<topic>:<activity instance id>`,
 * unique per dossier, so a retried task writes the event once (ON CONFLICT DO NOTHING: the event log
 * is append-only, and an upsert would try to update it).
 */
export function systemEvent(
  db: Db,
  task: ExternalTask,
  dossierId: string,
  event: { type: DossierEventType; note?: string; data?: Record<string, string | number | null> },
) {
  return db.dossierEvent.createMany({
    data: [
      {
        dossierId,
        type: event.type,
        actor: 'system',
        activityId: task.activityId,
        dedupeKey: `${task.topicName}:${task.activityInstanceId}`,
        note: event.note ?? null,
        data: event.data ?? undefined,
      },
    ],
    skipDuplicates: true,
  });
}
