import { FINDING_KINDS, type FindingKind } from '@motcua/common';
import type { EngineClient, EngineHistoricProcessInstance } from '@motcua/common/engine';
import type { Db, Prisma } from '@motcua/db';
import { accessibleDossiers, type DossierAccess } from './access.js';
import { pagesInTimeOrder } from './engine-pages.js';
import { statusesIn } from './status.js';

/**
 * The reconciler: where the engine and our dossiers disagree, it repairs what is safe to repair and
 * records the rest for the admins (the `ReconciliationFinding` rows, listed by GET /api/reconciliation).
 * The workers run a pass periodically (workers/src/scans/reconcile.ts); an admin runs one on demand
 * (POST /api/reconciliation). A dossier and its process are linked by the process instance id the
 * dossier stores, never by a code or a business key. One pass looks for:
 *
 * - `orphan_process`: a running instance of a procedure's process that no dossier stores. A reception
 *   starts the process before it stores the dossier (server/src/services/dossier-service.ts), so when
 *   the server dies in between, or its attempt to delete the process fails, the process runs without
 *   a dossier. Only instances older than the grace period are judged, so a reception still storing its
 *   dossier is never touched. Repaired: the instance is deleted with a reason the engine's history
 *   keeps (its delete reason), and the finding is recorded as repaired.
 * - `process_gone`: a dossier that should be running on a process (received, in progress, paused,
 *   at a partner, result ready) whose process is not running and did not complete: the engine's
 *   history has it terminated, or does not know it at all (an engine database restored from an older
 *   backup). Reported: only an officer can say whether to override the dossier's status or restart
 *   its processing.
 * - `process_never_started`: such a dossier without any process id (data from before reception was
 *   all-or-nothing, or written by hand). Reported, for the same reason.
 *
 * A reported finding stays open while passes keep seeing it, and is resolved by the first pass that
 * no longer does (the officer fixed it).
 */

export { FINDING_KINDS, type FindingKind };

/** The delete reason the engine's history keeps for a process the reconciler deleted. */
export const ORPHAN_DELETE_REASON =
  'reconciler: no dossier stores this process (its reception failed or was interrupted before the dossier was stored)';

/** The statuses of a dossier that must be running on a process: from receipt to the result handed over. */
const WITH_PROCESS = statusesIn('running', 'paused', 'processed');

/** The history's states of a process that neither runs nor completed. */
const TERMINATED = new Set(['EXTERNALLY_TERMINATED', 'INTERNALLY_TERMINATED']);

export interface ReconcileOptions {
  /**
   * Processes started less than this long ago are not judged: their reception may still be storing
   * the dossier. It must exceed what a reception takes from the engine's answer to its commit.
   */
  graceMs: number;
  now?: () => Date;
  /** Rows read from the engine or the database at a time. */
  pageSize?: number;
}

/** What one pass did and found. */
export interface ReconciliationPass {
  startedAt: Date;
  /** Orphan processes deleted by this pass. */
  deleted: number;
  /** Findings left open for the admins after this pass, per kind. */
  open: Record<FindingKind, number>;
}

interface Observation {
  kind: FindingKind;
  subject: string;
  processInstanceId: string | null;
  dossierId: string | null;
  detail: Prisma.InputJsonObject;
  repair: string | null;
}

/** Records what a pass saw: a new finding, or one seen again (re-opened if it had been resolved). */
async function record(db: Db, seen: Observation, at: Date): Promise<void> {
  const state = { detail: seen.detail, repair: seen.repair, lastSeenAt: at, resolvedAt: seen.repair ? at : null };
  await db.reconciliationFinding.upsert({
    where: { kind_subject: { kind: seen.kind, subject: seen.subject } },
    create: {
      kind: seen.kind,
      subject: seen.subject,
      processInstanceId: seen.processInstanceId,
      dossierId: seen.dossierId,
      firstSeenAt: at,
      ...state,
    },
    update: state,
  });
}

/** The process keys of the catalogue: instances of other processes are none of the reconciler's business. */
async function procedureProcessKeys(db: Db): Promise<string[]> {
  const rows = await db.procedureVersion.findMany({ distinct: ['processKey'], select: { processKey: true } });
  return rows.map((row) => row.processKey);
}

/**
 * The running instances of `processDefinitionKeyIn` started at or before `startedBefore`, a page at a
 * time in the order they started, each page read from where the last one ended (./engine-pages.ts):
 * by offset, the engine sorted every running instance before each page, a second a page at 100 000
 * open processes.
 */
export function runningInstancesStartedBefore(
  engine: EngineClient,
  processDefinitionKeyIn: string[],
  startedBefore: Date,
  pageSize: number,
): AsyncGenerator<EngineHistoricProcessInstance[]> {
  return pagesInTimeOrder(
    ({ from, ...page }) =>
      engine.historicProcessInstances(
        { processDefinitionKeyIn, unfinished: true, startedBefore, startedAfter: from, inStartOrder: true },
        page,
      ),
    (instance) => instance.startTime,
    pageSize,
  );
}

/** Finds the running instances older than `startedBefore` that no dossier stores, and deletes them. */
async function deleteOrphans(
  db: Db,
  engine: EngineClient,
  startedBefore: Date,
  pageSize: number,
  at: Date,
): Promise<number> {
  const processDefinitionKeyIn = await procedureProcessKeys(db);
  if (processDefinitionKeyIn.length === 0) return 0;
  const candidates: EngineHistoricProcessInstance[] = [];
  for await (const page of runningInstancesStartedBefore(engine, processDefinitionKeyIn, startedBefore, pageSize)) {
    const stored = await db.dossier.findMany({
      where: { processInstanceId: { in: page.map((instance) => instance.id) } },
      select: { processInstanceId: true },
    });
    const linked = new Set(stored.map((row) => row.processInstanceId));
    candidates.push(...page.filter((instance) => !linked.has(instance.id)));
  }
  let deleted = 0;
  for (let start = 0; start < candidates.length; start += pageSize) {
    const chunk = candidates.slice(start, start + pageSize);
    const processInstanceIds = chunk.map((instance) => instance.id);
    await engine.cancelProcessInstances({ processInstanceIds, deleteReason: ORPHAN_DELETE_REASON });
    deleted += chunk.length;
    for (const instance of chunk) {
      await record(
        db,
        {
          kind: 'orphan_process',
          subject: instance.id,
          processInstanceId: instance.id,
          dossierId: null,
          detail: {
            processDefinitionKey: instance.processDefinitionKey,
            businessKey: instance.businessKey,
            startTime: instance.startTime,
          },
          repair: 'process deleted',
        },
        at,
      );
    }
  }
  return deleted;
}

/** Reads dossiers a page at a time in the order of their ids (`read` continues after `cursor`) and visits each page. */
async function forEachDossierPage<T extends { id: string }>(
  read: (cursor: string | undefined) => Promise<T[]>,
  pageSize: number,
  visit: (page: T[]) => Promise<void>,
): Promise<void> {
  let cursor: string | undefined;
  for (;;) {
    const page = await read(cursor);
    if (page.length > 0) await visit(page);
    if (page.length < pageSize) return;
    cursor = page.at(-1)!.id;
  }
}

/** Records the dossiers whose process has gone (see the module comment). */
async function findProcessesGone(db: Db, engine: EngineClient, pageSize: number, at: Date): Promise<void> {
  const select = { id: true, code: true, status: true, processInstanceId: true } as const;
  await forEachDossierPage(
    (cursor) =>
      db.dossier.findMany({
        where: {
          status: { in: WITH_PROCESS },
          processInstanceId: { not: null },
          ...(cursor ? { id: { gt: cursor } } : {}),
        },
        orderBy: { id: 'asc' },
        take: pageSize,
        select,
      }),
    pageSize,
    async (page) => {
      const processInstanceIds = page.flatMap((dossier) =>
        dossier.processInstanceId ? [dossier.processInstanceId] : [],
      );
      const known = await engine.historicProcessInstances({ processInstanceIds }, { maxResults: pageSize });
      const byId = new Map(known.map((instance) => [instance.id, instance]));
      const suspects = page.filter((dossier) => {
        const instance = byId.get(dossier.processInstanceId!);
        return instance === undefined || TERMINATED.has(instance.state);
      });
      if (suspects.length === 0) return;
      // A status override to a final status cancels the process before it stores the status: only the
      // dossiers still open now count.
      const stillOpen = await db.dossier.findMany({
        where: { id: { in: suspects.map((dossier) => dossier.id) }, status: { in: WITH_PROCESS } },
        select,
      });
      for (const dossier of stillOpen) {
        const instance = byId.get(dossier.processInstanceId!);
        await record(
          db,
          {
            kind: 'process_gone',
            subject: dossier.id,
            processInstanceId: dossier.processInstanceId,
            dossierId: dossier.id,
            detail: {
              code: dossier.code,
              status: dossier.status,
              engineState: instance?.state ?? 'unknown to the engine',
              deleteReason: instance?.deleteReason ?? null,
            },
            repair: null,
          },
          at,
        );
      }
    },
  );
}

/** Records the dossiers that should run on a process and have none (see the module comment). */
async function findProcessesNeverStarted(db: Db, pageSize: number, at: Date): Promise<void> {
  await forEachDossierPage(
    (cursor) =>
      db.dossier.findMany({
        where: { status: { in: WITH_PROCESS }, processInstanceId: null, ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: 'asc' },
        take: pageSize,
        select: { id: true, code: true, status: true, receivedAt: true },
      }),
    pageSize,
    async (page) => {
      for (const dossier of page) {
        await record(
          db,
          {
            kind: 'process_never_started',
            subject: dossier.id,
            processInstanceId: null,
            dossierId: dossier.id,
            detail: { code: dossier.code, status: dossier.status, receivedAt: dossier.receivedAt.toISOString() },
            repair: null,
          },
          at,
        );
      }
    },
  );
}

/** One pass of the reconciler (see the module comment). */
export async function reconcile(db: Db, engine: EngineClient, options: ReconcileOptions): Promise<ReconciliationPass> {
  const startedAt = (options.now ?? (() => new Date()))();
  const pageSize = options.pageSize ?? 500;
  const deleted = await deleteOrphans(db, engine, new Date(startedAt.getTime() - options.graceMs), pageSize, startedAt);
  await findProcessesGone(db, engine, pageSize, startedAt);
  await findProcessesNeverStarted(db, pageSize, startedAt);
  // what this whole pass no longer saw has been fixed
  await db.reconciliationFinding.updateMany({
    where: { resolvedAt: null, lastSeenAt: { lt: startedAt } },
    data: { resolvedAt: startedAt },
  });
  const counts = await db.reconciliationFinding.groupBy({ by: ['kind'], where: { resolvedAt: null }, _count: true });
  const open = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, 0])) as Record<FindingKind, number>;
  for (const row of counts) if (row.kind in open) open[row.kind as FindingKind] = row._count;
  return { startedAt, deleted, open };
}

/** A finding as the admins read it. */
export type Finding = Prisma.ReconciliationFindingGetPayload<{ include: { dossier: { select: { code: true } } } }>;

/**
 * The findings an admin may read: those about dossiers of their access, and the orphan processes,
 * which belong to no agency, when `seesOrphans` (an admin of a root agency). Open ones by default,
 * newest first.
 */
export function findingsFor(
  db: Db,
  access: DossierAccess & { seesOrphans: boolean },
  query: { state: 'open' | 'resolved'; limit: number },
): Promise<Finding[]> {
  return db.reconciliationFinding.findMany({
    where: {
      resolvedAt: query.state === 'open' ? null : { not: null },
      OR: [{ dossier: accessibleDossiers(access) }, ...(access.seesOrphans ? [{ dossierId: null }] : [])],
    },
    include: { dossier: { select: { code: true } } },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
    take: query.limit,
  });
}
