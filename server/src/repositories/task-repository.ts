import type { DossierStatus, QueryTask } from '@motcua/common';
import { candidateGroupsOf, TASK_LIST_TOTAL_CAP } from '@motcua/common';
import { Prisma, type Db } from '@motcua/db';
import { sqlAccessibleDossier, sqlWorksNow, type DossierAccess, type DossierRuleColumns } from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import { timelinessCondition, type TimelinessBounds, type TimelinessColumns } from './dossier-repository.js';
import { queryPrepared } from './prepared-statements.js';

/**
 * The work list's reads: the projection of the engine's open tasks (`OpenTask`, kept by
 * domain/src/open-tasks.ts), paged, sorted, filtered and counted by PostgreSQL in two statements (the
 * page and its total). Nothing is filtered or sorted in memory, and no answer carries more than one
 * page. The dashboard's workload per officer counts the same projection.
 *
 * Each task's row carries copies of what the filters read of its dossier (its id, agency, procedure,
 * code, status, appointment and finish), which the database keeps equal to the dossier's
 * (prisma/migrations/20261206203000_open_task_dossier_copies), and each task is offered to each of its
 * candidate groups by a row of `OpenTaskOffer` that copies the task's row again
 * (prisma/migrations/20261207000000_open_task_offers). The page walks the index on (group, due, task)
 * of each of the caller's groups and stops after its rows; the count reads that index alone; only the
 * page's rows are joined with their dossiers. Filtered by the array of groups instead, every page and
 * count read and sorted every task of the group (docs/benchmarks.md, "The work list over the
 * projection of open tasks").
 */

/** One officer's open tasks (the dashboard's workload). */
export interface WorkloadCounts {
  username: string;
  assigned: number;
  assignedOverdue: number;
  claimable: number;
}

/** One task of a page with what the list shows of its dossier. */
export interface WorkListRow {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  processDefinitionId: string;
  assignee: string | null;
  created: Date;
  due: Date | null;
  dossierCode: string;
  dossierStatus: DossierStatus;
  dossierDueAt: Date | null;
  dossierFinishedAt: Date | null;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
}

/** The copies a task's row keeps of its dossier, where the dashboard's workload reads them. */
const TASK_DOSSIER = {
  id: Prisma.sql`t."dossierId"`,
  agencyId: Prisma.sql`t."dossierAgencyId"`,
  procedureId: Prisma.sql`t."dossierProcedureId"`,
} as const satisfies DossierRuleColumns;

/** A task whose dossier is stored: one of a process that has no dossier (yet) is nobody's work. */
const HAS_DOSSIER = Prisma.sql`t."dossierId" IS NOT NULL`;

/**
 * The conditions on the task alone: offered to one of the caller's groups, and held by the caller or
 * by nobody (or one of the two, `assignment`). Written on `"OpenTask" t`, the reading of the rule that
 * the work list's statements on the offers are checked against (test/helpers/work-list-joined.ts).
 */
export function sqlOfferedTo(caller: TokenPayload, query: Pick<QueryTask, 'assignment'>): Prisma.Sql[] {
  const groups = candidateGroupsOf(caller.roles, caller.agencyCode);
  return [Prisma.sql`t."candidateGroups" && ${groups}::text[]`, sqlAssignment(Prisma.sql`t`, caller, query)];
}

/** Held by the caller, by nobody, or either (`assignment`), on the row `alias`. */
function sqlAssignment(alias: Prisma.Sql, caller: TokenPayload, query: Pick<QueryTask, 'assignment'>): Prisma.Sql {
  switch (query.assignment) {
    case 'mine':
      return Prisma.sql`${alias}.assignee = ${caller.sub}`;
    case 'claimable':
      return Prisma.sql`${alias}.assignee IS NULL`;
    default:
      return Prisma.sql`(${alias}.assignee = ${caller.sub} OR ${alias}.assignee IS NULL)`;
  }
}

/** The copies an offer of a task keeps of its dossier, where the rules of @motcua/domain and the dossier list read them. */
const OFFER_DOSSIER = {
  rule: {
    id: Prisma.sql`o."dossierId"`,
    agencyId: Prisma.sql`o."dossierAgencyId"`,
    procedureId: Prisma.sql`o."dossierProcedureId"`,
  },
  timeliness: {
    status: Prisma.sql`o."dossierStatus"`,
    dueAt: Prisma.sql`o."dossierDueAt"`,
    finishedAt: Prisma.sql`o."dossierFinishedAt"`,
  },
} as const satisfies { rule: DossierRuleColumns; timeliness: TimelinessColumns };

/** The offer's column each order of the work list sorts by; ties by task id, so pages never overlap. */
const SORT_COLUMNS = { due: Prisma.sql`due`, created: Prisma.sql`created` } as const;

/**
 * The conditions of a work list request on one offer `"OpenTaskOffer" o`, its group aside: held by the
 * caller or by nobody; a dossier the caller's agency works now; the procedure, the beginning of the
 * dossier code and the dossier's timeliness as the dossier list judges it (one rule, one home:
 * applied to the offer's copies of those columns).
 */
function offerWhere(caller: TokenPayload, access: DossierAccess, query: QueryTask, bounds: TimelinessBounds) {
  return Prisma.join(
    [
      sqlAssignment(Prisma.sql`o`, caller, query),
      Prisma.sql`o."dossierId" IS NOT NULL`,
      sqlWorksNow(access, OFFER_DOSSIER.rule),
      ...(query.procedureCode
        ? [
            Prisma.sql`o."dossierProcedureId" = ANY(ARRAY(SELECT p.id FROM "Procedure" p
                                                        WHERE p.code = ${query.procedureCode}))`,
          ]
        : []),
      ...(query.dossierCode ? [Prisma.sql`o."dossierCode" LIKE ${`${query.dossierCode}%`}`] : []),
      ...(query.timeliness ? [timelinessCondition(query.timeliness, bounds, OFFER_DOSSIER.timeliness)] : []),
    ],
    ' AND ',
  );
}

/**
 * A `WorkListRow` from the task `t`, its dossier `d`, procedure `p` and version `v`; the instants
 * (stored in UTC without a zone) as `timestamptz`, which node-postgres reads as the instants they are
 * (./prepared-statements.ts).
 */
export const WORK_LIST_ROW = Prisma.sql`
  t.id, t.name, t."taskDefinitionKey", t."processDefinitionId", t.assignee,
  t.created AT TIME ZONE 'UTC' AS created, t.due AT TIME ZONE 'UTC' AS due,
  d.code AS "dossierCode", d.status::text AS "dossierStatus", d."dueAt" AT TIME ZONE 'UTC' AS "dossierDueAt",
  d."finishedAt" AT TIME ZONE 'UTC' AS "dossierFinishedAt", p.code AS "procedureCode", v.name AS "procedureName",
  d."applicantName"`;

/** The work list's total past the cap: a constant of the statement's text. */
const COUNTED_UP_TO = Prisma.raw(String(TASK_LIST_TOTAL_CAP + 1));

/**
 * The page and the total statements of a work list request; exported for bench/work-list-plans.ts.
 *
 * The page reads, for each of the caller's groups, the first rows of that group's range of the index
 * on (group, due or created, task) that pass the filters, as many as the page needs with the pages
 * before it; together, sorted, they are cut to the page. A task among the first n of the whole list
 * is among the first n of each group it is offered to (every task before it in that group is before
 * it in the list), so nothing is missed. A task offered to several of the caller's groups is read in
 * the first of them only: the range of a later group leaves out the tasks also offered to an earlier
 * one (each offer keeps its task's groups), so no row is compared with another. Only the page's tasks
 * are joined with their dossiers. The total adds up the same ranges, from the index alone, each up to
 * TASK_LIST_TOTAL_CAP + 1 (the ranges hold no task twice, so the sum is exact up to the cap).
 */
export function workListStatements(
  caller: TokenPayload,
  access: DossierAccess,
  query: QueryTask,
  bounds: TimelinessBounds,
): { page: Prisma.Sql; total: Prisma.Sql } {
  const groups = candidateGroupsOf(caller.roles, caller.agencyCode);
  const where = offerWhere(caller, access, query, bounds);
  const order = query.order === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const column = SORT_COLUMNS[query.sort];
  const offset = (query.page - 1) * query.perPage;
  /** The offers of the caller's `index`-th group that the request lists, each task in its first group. */
  const offersOf = (index: number) => {
    const earlier = groups.slice(0, index);
    return Prisma.sql`o."group" = ${groups[index] ?? null}::text AND ${where}${
      earlier.length > 0 ? Prisma.sql` AND NOT (o."candidateGroups" && ${earlier}::text[])` : Prisma.empty
    }`;
  };
  // a caller of no group (none of their roles is offered steps) lists nothing: one range of no group
  const ranges = groups.length === 0 ? [0] : groups.map((_, index) => index);
  const firstOf = (index: number) => Prisma.sql`(
      SELECT o."taskId", o.${column} FROM "OpenTaskOffer" o WHERE ${offersOf(index)}
      ORDER BY o.${column} ${order}, o."taskId" ${order}
      LIMIT ${offset + query.perPage})`;
  // each range counted up to the cap, so none reads more than the cap and one entries; the cap is
  // written into the statement, not bound, so the generic plan of the prepared statement
  // (./prepared-statements.ts) is made knowing it
  const countOf = (index: number) => Prisma.sql`(SELECT COUNT(*) FROM (
      SELECT 1 FROM "OpenTaskOffer" o WHERE ${offersOf(index)} LIMIT ${COUNTED_UP_TO}) AS counted)`;
  const sorted = Prisma.sql`ORDER BY t.${column} ${order}, t.id ${order}`;
  return {
    page: Prisma.sql`
      SELECT ${WORK_LIST_ROW}
      FROM (SELECT o."taskId" FROM (${Prisma.join(ranges.map(firstOf), ' UNION ALL ')}) o
            ORDER BY o.${column} ${order}, o."taskId" ${order}
            LIMIT ${query.perPage} OFFSET ${offset}) page
      JOIN "OpenTask" t ON t.id = page."taskId"
      JOIN "Dossier" d ON d.id = t."dossierId"
      JOIN "Procedure" p ON p.id = d."procedureId"
      JOIN "ProcedureVersion" v ON v.id = d."procedureVersionId"
      ${sorted}`,
    total: Prisma.sql`SELECT LEAST(${Prisma.join(ranges.map(countOf), ' + ')}, ${COUNTED_UP_TO})::int AS total`,
  };
}

export function createTaskRepository(db: Db) {
  return {
    /** One page of the caller's work list and the number of tasks on every page. */
    async workList(
      caller: TokenPayload,
      access: DossierAccess,
      query: QueryTask,
      bounds: TimelinessBounds,
    ): Promise<{ rows: WorkListRow[]; total: number }> {
      const statements = workListStatements(caller, access, query, bounds);
      const [rows, [counted]] = await Promise.all([
        queryPrepared<WorkListRow>(db, statements.page),
        queryPrepared<{ total: number }>(db, statements.total),
      ]);
      return { rows, total: counted?.total ?? 0 };
    },

    /**
     * Each officer's open tasks among those of the dossiers the access reads: the tasks they hold
     * (and of those the ones past the step's due date at `now`), and the tasks nobody holds offered
     * to one of their groups (`candidateGroupsOf`, as their work list offers them), each task once.
     */
    async workload(
      access: DossierAccess,
      officers: readonly { username: string; groups: readonly string[] }[],
      now: Date,
    ): Promise<WorkloadCounts[]> {
      if (officers.length === 0) return [];
      const usernames = officers.map((officer) => officer.username);
      const pairs = officers.flatMap((officer) => officer.groups.map((group) => [officer.username, group] as const));
      return db.$queryRaw<WorkloadCounts[]>(Prisma.sql`
        WITH open AS MATERIALIZED (
          SELECT t.id, t.assignee, t."candidateGroups", t.due
          FROM "OpenTask" t
          WHERE ${HAS_DOSSIER} AND ${sqlAccessibleDossier(access, TASK_DOSSIER)}
        ),
        officer_groups AS (
          SELECT * FROM unnest(${pairs.map(([username]) => username)}::text[], ${pairs.map(([, group]) => group)}::text[])
            AS g(username, grp)
        ),
        held AS (
          SELECT o.assignee AS username, COUNT(*)::int AS assigned,
                 COUNT(*) FILTER (WHERE o.due < ${now})::int AS "assignedOverdue"
          FROM open o WHERE o.assignee = ANY(${usernames}::text[]) GROUP BY o.assignee
        ),
        offered AS (
          SELECT g.username, COUNT(DISTINCT o.id)::int AS claimable
          FROM open o JOIN officer_groups g ON g.grp = ANY(o."candidateGroups")
          WHERE o.assignee IS NULL GROUP BY g.username
        )
        SELECT u.username, COALESCE(h.assigned, 0) AS assigned, COALESCE(h."assignedOverdue", 0) AS "assignedOverdue",
               COALESCE(f.claimable, 0) AS claimable
        FROM unnest(${usernames}::text[]) AS u(username)
        LEFT JOIN held h ON h.username = u.username
        LEFT JOIN offered f ON f.username = u.username`);
    },
  };
}
export type TaskRepository = ReturnType<typeof createTaskRepository>;
