import { EngineError, toEngineDate, type EngineClient, type EngineTask } from '@motcua/common/engine';
import type { Db } from '@motcua/db';
import { pagesInTimeOrder } from './engine-pages.js';

/**
 * The projection of the engine's open user tasks into our `OpenTask` table, which the work list reads
 * (server/src/repositories/task-repository.ts) as one indexed statement: the engine's own task query,
 * with candidate groups, OR-ed assignment, process variables and a count, took hundreds of
 * milliseconds per page at a province's volume (docs/benchmarks.md, "Work list"). The writers here
 * write what the engine says of a task; the copies of its dossier's columns that each row also holds
 * for the list's filters are the database's own part (triggers of
 * prisma/migrations/20261206203000_open_task_dossier_copies), whoever writes the task or the dossier.
 *
 * The engine stays the source of truth: claims, releases and completions go to the engine, and the
 * row only says what the engine said. Who writes the rows, so that the list is current:
 *
 * - the server, after it claimed, released or completed a task (`recordAssignee`, `syncInstanceTasks`):
 *   the officer sees their own action at once;
 * - the workers, after each external task they completed (`syncInstanceTasks`): the user task that
 *   followed exists by the time the dossier's appointment is planned;
 * - the workers' projector (`createOpenTaskProjector`), for what the engine does alone (a timer, a
 *   process deleted by the reconciler or an admin): every second it reads the tasks created and the
 *   tasks ended since its last pass, and every few minutes it sweeps the whole table against the
 *   engine and repairs any drift (a writer that died between the engine and the table).
 *
 * Every write is idempotent (an upsert by the task id, a delete by id), so several servers and workers
 * may write at once. A row of a task that has just ended can outlive it by one projector pass: the
 * next pass, which reads the ended tasks again with an overlap, removes it; an action on it meanwhile
 * meets the engine's 404.
 */

/** One row of the projection. */
export interface OpenTaskRow {
  id: string;
  processInstanceId: string;
  processDefinitionId: string;
  taskDefinitionKey: string;
  name: string | null;
  assignee: string | null;
  created: Date;
  due: Date | null;
  candidateGroups: string[];
}

/** How many identity-link reads run at once when many new tasks are projected together. */
const LINK_READS_AT_ONCE = 8;

/**
 * Whether the engine refused a task's read because the task is gone. For identity links the engine
 * answers 500 with a NullValueException ("Cannot find task with id …") rather than 404.
 */
function taskIsGone(error: unknown): boolean {
  return (
    error instanceof EngineError &&
    (error.status === 404 || (error.status === 500 && error.engineType === 'NullValueException'))
  );
}

/**
 * A task's candidate groups. A task that ended meanwhile has none, and its row is removed by the
 * next pass; any other failure is thrown, so that a row is never stored without the groups the task
 * has (its officers would not see it, and nothing would repair it).
 */
async function candidateGroupsOf(engine: EngineClient, taskId: string): Promise<string[]> {
  try {
    const links = await engine.taskIdentityLinks(taskId);
    return links
      .filter((link) => link.type === 'candidate' && link.groupId !== null)
      .map((link) => link.groupId as string);
  } catch (error) {
    if (taskIsGone(error)) return [];
    throw error;
  }
}

/** Rows for engine tasks, with each task's candidate groups read from its identity links. */
export async function rowsOf(engine: EngineClient, tasks: readonly EngineTask[]): Promise<OpenTaskRow[]> {
  const rows: OpenTaskRow[] = [];
  for (let start = 0; start < tasks.length; start += LINK_READS_AT_ONCE) {
    const batch = tasks.slice(start, start + LINK_READS_AT_ONCE);
    rows.push(
      ...(await Promise.all(
        batch.map(async (task) => ({
          id: task.id,
          processInstanceId: task.processInstanceId,
          processDefinitionId: task.processDefinitionId,
          taskDefinitionKey: task.taskDefinitionKey,
          name: task.name,
          assignee: task.assignee,
          created: new Date(task.created),
          due: task.due === null ? null : new Date(task.due),
          candidateGroups: await candidateGroupsOf(engine, task.id),
        })),
      )),
    );
  }
  return rows;
}

/** Inserts the rows, or brings existing ones up to date, in one statement. */
export async function upsertOpenTasks(db: Db, rows: readonly OpenTaskRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((row) => ({ ...row, created: row.created.toISOString(), due: row.due?.toISOString() ?? null })),
  );
  await db.$executeRaw`
    INSERT INTO "OpenTask" (id, "processInstanceId", "processDefinitionId", "taskDefinitionKey", name, assignee,
                            created, due, "candidateGroups", "syncedAt")
    SELECT r.id, r."processInstanceId", r."processDefinitionId", r."taskDefinitionKey", r.name, r.assignee,
           r.created, r.due, r."candidateGroups", now()
    FROM jsonb_to_recordset(${json}::jsonb) AS r(id text, "processInstanceId" text, "processDefinitionId" text,
      "taskDefinitionKey" text, name text, assignee text, created timestamp(3), due timestamp(3),
      "candidateGroups" text[])
    ON CONFLICT (id) DO UPDATE SET assignee = EXCLUDED.assignee, due = EXCLUDED.due, name = EXCLUDED.name,
      "candidateGroups" = EXCLUDED."candidateGroups", "syncedAt" = EXCLUDED."syncedAt",
      -- a process moved to another version keeps its task ids: the definition and step are the new ones
      "processDefinitionId" = EXCLUDED."processDefinitionId", "taskDefinitionKey" = EXCLUDED."taskDefinitionKey"`;
}

/** Removes the rows of tasks that ended. */
export async function removeOpenTasks(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.$executeRaw`DELETE FROM "OpenTask" WHERE id = ANY(${[...ids]}::text[])`;
}

/** After a claim (an officer) or a release (null): the engine has the task's new assignee. */
export async function recordAssignee(db: Db, taskId: string, assignee: string | null): Promise<void> {
  await db.$executeRaw`UPDATE "OpenTask" SET assignee = ${assignee}, "syncedAt" = now() WHERE id = ${taskId}`;
}

/**
 * Makes the rows of one process instance what the engine has now: its open tasks upserted, the rest
 * of its rows removed. Called after anything that moves the process on (a completion, an external
 * task done).
 */
export async function syncInstanceTasks(db: Db, engine: EngineClient, processInstanceId: string): Promise<void> {
  const rows = await rowsOf(engine, await engine.queryTasks({ processInstanceId }, { maxResults: 1000 }));
  await upsertOpenTasks(db, rows);
  await db.$executeRaw`
    DELETE FROM "OpenTask"
    WHERE "processInstanceId" = ${processInstanceId} AND NOT (id = ANY(${rows.map((row) => row.id)}::text[]))`;
}

/**
 * Every open task of the engine, in the order of creation, each page read from where the last one
 * ended (`createdAfter`; see ./engine-pages.ts) rather than from an offset, which made the engine sort
 * every task before each page.
 */
export async function everyOpenTask(engine: EngineClient, pageSize = 500): Promise<EngineTask[]> {
  const tasks: EngineTask[] = [];
  const pages = pagesInTimeOrder(
    ({ from, ...page }) =>
      engine.queryTasks(
        {
          // the engine's bound is strict: a millisecond earlier reads the tasks created at `from` too
          ...(from === undefined ? {} : { createdAfter: toEngineDate(new Date(from.getTime() - 1)) }),
          sorting: [
            { sortBy: 'created', sortOrder: 'asc' },
            { sortBy: 'id', sortOrder: 'asc' },
          ],
        },
        page,
      ),
    (task) => task.created,
    pageSize,
  );
  for await (const page of pages) tasks.push(...page);
  return tasks;
}

/** What one sweep found and repaired. */
export interface SweepResult {
  /** Open tasks of the engine. */
  open: number;
  /** Rows added for tasks the table missed. */
  added: number;
  /** Rows whose assignee, due date, name or groups were out of date. */
  updated: number;
  /** Rows of tasks the engine no longer has open. */
  removed: number;
}

export interface OpenTaskProjectorOptions {
  db: Db;
  engine: EngineClient;
  /** How far back each pass reads again, for clocks of engine nodes a little apart and commits in flight. */
  overlapMs?: number;
  /** Tasks read from the engine per request. */
  pageSize?: number;
}

/** The two passes of the workers' projector (see the module's header). */
export function createOpenTaskProjector(options: OpenTaskProjectorOptions) {
  const { db, engine } = options;
  const overlapMs = options.overlapMs ?? 5_000;
  const pageSize = options.pageSize ?? 500;
  /** The newest creation and end the passes have seen; unset until the first sweep. */
  let createdSeen: Date | undefined;
  let endedSeen: Date | undefined;

  async function knownIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM "OpenTask" WHERE id = ANY(${[...ids]}::text[])`;
    return new Set(rows.map((row) => row.id));
  }

  /** Every page of an engine read, from firstResult 0 until a short page. */
  async function allPages<T>(read: (page: { firstResult: number; maxResults: number }) => Promise<T[]>): Promise<T[]> {
    const all: T[] = [];
    for (let firstResult = 0; ; firstResult += pageSize) {
      const page = await read({ firstResult, maxResults: pageSize });
      all.push(...page);
      if (page.length < pageSize) return all;
    }
  }

  function latest(dates: readonly (string | null)[], fallback: Date): Date {
    const times = dates.flatMap((date) => (date === null ? [] : [Date.parse(date)]));
    return times.length === 0 ? fallback : new Date(Math.max(fallback.getTime(), ...times));
  }

  /**
   * The whole table against the engine's open tasks: rows added for tasks it missed, brought up to
   * date where they differ, removed for tasks no longer open. A row written while the sweep read the
   * engine (syncedAt after its start) is left alone: it is newer than what the sweep saw.
   */
  async function sweep(): Promise<SweepResult> {
    const startedAt = await dbNow();
    const tasks = await everyOpenTask(engine, pageSize);
    const rows = await db.$queryRaw<
      {
        id: string;
        assignee: string | null;
        due: Date | null;
        name: string | null;
        processDefinitionId: string;
        taskDefinitionKey: string;
        unreachable: boolean;
      }[]
    >`SELECT id, assignee, due, name, "processDefinitionId", "taskDefinitionKey",
             (assignee IS NULL AND cardinality("candidateGroups") = 0) AS unreachable
        FROM "OpenTask"`;
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = tasks.filter((task) => !byId.has(task.id));
    const stale = tasks.filter((task) => {
      const row = byId.get(task.id);
      if (!row) return false;
      const due = task.due === null ? null : new Date(task.due).getTime();
      // a row nobody can see (no assignee, no groups) is read again: its groups may have been lost
      // by a writer, and reading the links of every task at each sweep would cost one call per task
      return (
        row.assignee !== task.assignee ||
        (row.due?.getTime() ?? null) !== due ||
        row.name !== task.name ||
        row.processDefinitionId !== task.processDefinitionId ||
        row.taskDefinitionKey !== task.taskDefinitionKey ||
        row.unreachable
      );
    });
    await upsertOpenTasks(db, await rowsOf(engine, [...missing, ...stale]));
    const open = tasks.map((task) => task.id);
    const removed = await db.$executeRaw`
      DELETE FROM "OpenTask" WHERE "syncedAt" < ${startedAt} AND NOT (id = ANY(${open}::text[]))`;
    createdSeen ??= latest(
      tasks.map((task) => task.created),
      startedAt,
    );
    endedSeen ??= startedAt;
    return { open: tasks.length, added: missing.length, updated: stale.length, removed };
  }

  /** Our database's clock: the rows' syncedAt are written by it. */
  async function dbNow(): Promise<Date> {
    const [row] = await db.$queryRaw<{ now: Date }[]>`SELECT now()::timestamp(3) AS now`;
    return row!.now;
  }

  /**
   * The tasks created and the tasks ended since the last pass (reading `overlapMs` further back).
   * Before the first sweep there is no last pass: it sweeps instead. Answers how many rows it changed.
   */
  async function catchUp(): Promise<number> {
    if (createdSeen === undefined || endedSeen === undefined) {
      const result = await sweep();
      return result.added + result.updated + result.removed;
    }
    const createdAfter = new Date(createdSeen.getTime() - overlapMs);
    const created = await allPages((page) =>
      engine.queryTasks(
        {
          createdAfter: toEngineDate(createdAfter),
          sorting: [
            { sortBy: 'created', sortOrder: 'asc' },
            { sortBy: 'id', sortOrder: 'asc' },
          ],
        },
        page,
      ),
    );
    const known = await knownIds(created.map((task) => task.id));
    const fresh = created.filter((task) => !known.has(task.id));
    await upsertOpenTasks(db, await rowsOf(engine, fresh));
    createdSeen = latest(
      created.map((task) => task.created),
      createdSeen,
    );
    const ended = await allPages((page) => engine.endedTasks(new Date(endedSeen!.getTime() - overlapMs), page));
    await removeOpenTasks(
      db,
      ended.map((task) => task.id),
    );
    endedSeen = latest(
      ended.map((task) => task.endTime),
      endedSeen,
    );
    return fresh.length + ended.length;
  }

  return { sweep, catchUp };
}
export type OpenTaskProjector = ReturnType<typeof createOpenTaskProjector>;
