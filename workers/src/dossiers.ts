/**
 * What the workers read and write in our database about a dossier: finding it from a task, locking
 * it, and its system events. The lock and the event log's dedupe rule are the domain's
 * (@motcua/domain), the same the server uses, so every write is safe to repeat: the engine may hand
 * the same task out again after a failure or a lost lock.
 */
import type { DossierEventType } from '@motcua/common';
import type { Db, Prisma } from '@motcua/db';
import {
  addresseeOf,
  appendEvent,
  lockDossier as lockRow,
  SYSTEM_ACTOR,
  taskEventKey,
  type Addressee,
} from '@motcua/domain';
import type { ExternalTask } from './engine/task-client.js';

/**
 * No dossier has the task's process instance. The server starts a process before it stores its
 * dossier, so a first task often looks before that commit; findDossier waits for it a while. A process
 * whose dossier never comes (the reception failed or its server died) is deleted by the reconciler.
 */
export class DossierNotFoundError extends Error {
  constructor(readonly processInstanceId: string) {
    super(`no dossier has process instance ${processInstanceId} (its reception has not committed, or failed)`);
    this.name = 'DossierNotFoundError';
  }
}

/**
 * How long a task waits for its dossier's reception to commit before it fails (and is retried): more
 * than a reception's short transaction takes on a busy embedded database. It polls from a few
 * milliseconds on, doubling, because the commit usually follows within milliseconds.
 */
const DOSSIER_WAIT_MS = 5_000;
const FIRST_POLL_MS = 5;
const LONGEST_POLL_MS = 250;

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
 * The dossier a task belongs to, found by its process instance: the dossier stores the id of the one
 * process it runs on, so a process without a dossier (an orphan) can never write into one, and no
 * variable of the process is trusted to name it. Waits for a reception that has not committed yet
 * (see DossierNotFoundError).
 */
export async function findDossier(db: Db, task: Pick<ExternalTask, 'processInstanceId'>): Promise<TaskDossier> {
  const deadline = Date.now() + DOSSIER_WAIT_MS;
  for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, LONGEST_POLL_MS)) {
    const dossier = await db.dossier.findUnique({
      where: { processInstanceId: task.processInstanceId },
      select: DOSSIER_SELECT,
    });
    if (dossier) return dossier;
    if (Date.now() >= deadline) throw new DossierNotFoundError(task.processInstanceId);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * Locks the dossier's row until the transaction ends (the domain's lock) and reads it as it is now,
 * so two deliveries of one task serialise: the second sees what the first wrote and writes nothing twice.
 */
export async function lockDossier(tx: Prisma.TransactionClient, dossierId: string): Promise<TaskDossier> {
  await lockRow(tx, dossierId);
  return tx.dossier.findUniqueOrThrow({ where: { id: dossierId }, select: DOSSIER_SELECT });
}

/** The applicant's messages about the dossier speak for the agency that received it. */
export function addressee(dossier: TaskDossier): Addressee {
  return addresseeOf(dossier, dossier.agency.name);
}

/**
 * A system event for the activity `task` runs in, appended once: its dedupe key is the domain's
 * `<topic>:<activity instance id>` unless `dedupeKey` names the fact more precisely (e.g. a step and
 * its deadline).
 */
export function systemEvent(
  db: Db | Prisma.TransactionClient,
  task: ExternalTask,
  dossierId: string,
  event: { type: DossierEventType; note?: string | null; data?: Prisma.InputJsonObject; dedupeKey?: string },
): Promise<boolean> {
  return appendEvent(db, {
    dossierId,
    type: event.type,
    actor: SYSTEM_ACTOR,
    activityId: task.activityId,
    dedupeKey: event.dedupeKey ?? taskEventKey(task),
    note: event.note ?? null,
    ...(event.data === undefined ? {} : { data: event.data }),
  });
}
