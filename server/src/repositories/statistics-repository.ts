import { BASE_FIGURES, type BaseFigure, type DossierChannel, type DossierStatus } from '@motcua/common';
import { Prisma, type Db } from '@motcua/db';

/**
 * The one home of the processing statistics (docs/legal.md §5.1, Biểu số 06/VPCP/KSTT): every figure
 * is a condition on one judged dossier, written once below (FIGURE_CONDITIONS), and both the counts
 * (one GROUP BY statement for the rows and the total) and the drill-down (the same statement,
 * filtered and paged) read them. The
 * screen, the spreadsheet, the PDF and the Decision 766 index all read the counts, so none can differ.
 *
 * Which dossiers, and when:
 * - a dossier belongs to the agency that resolves it (its procedure's agency), as the apology counts
 *   do; the scope is an agency's subtree, each dossier counted under the branch (the agency itself or
 *   one of its children) it falls in;
 * - counted are the dossiers accepted for resolution: those with a `received` event (a complete
 *   dossier at the counter, online or by post, an incomplete one once accepted complete, a
 *   back-entry). Incomplete and refused at reception never started the clock (§3 "Start");
 * - processing ends (Decision 766, §3 "Early / on time / late") at the first `result_ready` event,
 *   else when the dossier was finished (refused, withdrawn, or returned without a result_ready
 *   event);
 * - judged against the appointment printed on the receipt (`originalDueAt`, §5.1 "Our rule"), with
 *   the time the clock stood still removed (§3 "Pause for supplementation": end − (resumed − paused),
 *   for every pause of the legal clock); a dossier still paused at its end ends when it was paused;
 *   more than one supplement request makes it late. A finished dossier is early, on time or late by
 *   its Vietnamese calendar day against the appointment's (the rule of common/src/calendar/timeliness.ts);
 *   one open at the period's end is judged at that instant and late once past the appointment (the
 *   same module's "overdue").
 */

/** One reporting period: [from, to) instants, and the key its rows carry. */
export interface StatisticsPeriod {
  key: string;
  from: Date;
  to: Date;
}

/** What the rows are grouped by; `total` is one row for everything. */
export type StatisticsKey = 'agency' | 'field' | 'procedure' | 'officer' | 'period' | 'total';

export interface StatisticsScope {
  /** The agency whose subtree is counted. */
  rootAgencyId: string;
  periods: readonly StatisticsPeriod[];
}

export type FigureCountRow = { key: string | null; label: string | null } & Record<BaseFigure, number>;

export interface JudgedDossierRow {
  code: string;
  status: DossierStatus;
  channel: DossierChannel;
  receivedAt: Date;
  originalDueAt: Date | null;
  processingEndedAt: Date | null;
  officer: string | null;
  procedureCode: string;
  procedureName: string;
  field: string;
  agencyCode: string;
  agencyName: string;
}

/** The Vietnamese calendar day of a timestamp column (stored in UTC). */
function vietnamDay(expression: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`((${expression} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
}

const END = Prisma.sql`j.judged_end`;
const DUE = Prisma.sql`j."originalDueAt"`;
/** More than one supplement request before the end (Decision 766, §3). */
const LATE_BY_SUPPLEMENTS = Prisma.sql`j.supplements_before_end > 1`;
const HANDLED = Prisma.sql`(j.ended_at IS NOT NULL AND j.ended_at >= j.p_from AND j.ended_at < j.p_to)`;
const IN_PROGRESS = Prisma.sql`(j.ended_at IS NULL OR j.ended_at >= j.p_to)`;
const RECEIVED_IN_PERIOD = Prisma.sql`(j."receivedAt" >= j.p_from)`;

/** Each figure, once: a condition on one row `j` of the judged dossiers (a dossier in one period). */
export const FIGURE_CONDITIONS: Readonly<Record<BaseFigure, Prisma.Sql>> = {
  carriedOver: Prisma.sql`(j."receivedAt" < j.p_from)`,
  receivedOnline: Prisma.sql`(${RECEIVED_IN_PERIOD} AND j.channel = 'online')`,
  receivedCounter: Prisma.sql`(${RECEIVED_IN_PERIOD} AND j.channel = 'counter')`,
  receivedPost: Prisma.sql`(${RECEIVED_IN_PERIOD} AND j.channel = 'post')`,
  handledEarly: Prisma.sql`(${HANDLED} AND NOT ${LATE_BY_SUPPLEMENTS} AND ${DUE} IS NOT NULL
    AND ${vietnamDay(END)} < ${vietnamDay(DUE)})`,
  handledOnTime: Prisma.sql`(${HANDLED} AND NOT ${LATE_BY_SUPPLEMENTS} AND (${DUE} IS NULL
    OR ${vietnamDay(END)} = ${vietnamDay(DUE)}))`,
  handledLate: Prisma.sql`(${HANDLED} AND (${LATE_BY_SUPPLEMENTS} OR ${vietnamDay(END)} > ${vietnamDay(DUE)}))`,
  inProgressOnTime: Prisma.sql`(${IN_PROGRESS} AND NOT ${LATE_BY_SUPPLEMENTS} AND (${DUE} IS NULL OR ${END} <= ${DUE}))`,
  inProgressLate: Prisma.sql`(${IN_PROGRESS} AND (${LATE_BY_SUPPLEMENTS} OR ${END} > ${DUE}))`,
  returnedForSupplement: Prisma.sql`(j.supplements_in_period > 0)`,
  refused: Prisma.sql`(${HANDLED} AND j.status = 'refused')`,
  withdrawn: Prisma.sql`(${HANDLED} AND j.status = 'withdrawn')`,
};

/** The officer counted for a dossier: the last specialist (chuyên viên thụ lý) to complete a step of it before its end. */
const OFFICER = Prisma.sql`(
  SELECT e.actor FROM "DossierEvent" e JOIN "Account" a ON a.username = e.actor
  WHERE e."dossierId" = j.id AND e.type = 'task_completed' AND e."occurredAt" < j.eval_at
    AND 'specialist'::"Role" = ANY(a.roles)
  ORDER BY e."occurredAt" DESC, e.id DESC LIMIT 1)`;

/**
 * The dossiers of the scope, one row per dossier and period it is counted in, judged: `judged`
 * holds the columns FIGURE_CONDITIONS read. A candidate was received before the last period ends and
 * not finished before the first begins (an index range on "receivedAt" and one on "finishedAt").
 */
function judgedDossiers(scope: StatisticsScope): Prisma.Sql {
  const froms = scope.periods.map((period) => period.from.toISOString());
  const tos = scope.periods.map((period) => period.to.toISOString());
  const keys = scope.periods.map((period) => period.key);
  const lowest = new Date(Math.min(...scope.periods.map((period) => period.from.getTime())));
  const highest = new Date(Math.max(...scope.periods.map((period) => period.to.getTime())));
  return Prisma.sql`
    WITH RECURSIVE tree AS (
      SELECT a.id, a.id AS branch FROM "Agency" a WHERE a.id = ${scope.rootAgencyId}::uuid
      UNION ALL
      SELECT c.id, CASE WHEN t.id = ${scope.rootAgencyId}::uuid THEN c.id ELSE t.branch END
      FROM "Agency" c JOIN tree t ON c."parentId" = t.id
    ),
    -- materialized: inlined, every use of p_from and p_to parsed its text again for each dossier and part
    periods AS MATERIALIZED (
      SELECT (f::timestamptz AT TIME ZONE 'UTC') AS p_from, (t::timestamptz AT TIME ZONE 'UTC') AS p_to, k AS p_key
      FROM unnest(${froms}::text[], ${tos}::text[], ${keys}::text[]) AS u(f, t, k)
    ),
    candidates AS MATERIALIZED (
      SELECT d.id, d.code, d.status::text AS status, d.channel::text AS channel, d."receivedAt",
             d."originalDueAt", d."procedureId", d."procedureVersionId", tree.branch,
             COALESCE((SELECT min(r."occurredAt") FROM "DossierEvent" r
                       WHERE r."dossierId" = d.id AND r.type = 'result_ready'), d."finishedAt") AS ended_at
      FROM "Dossier" d
      JOIN "Procedure" p ON p.id = d."procedureId"
      JOIN tree ON tree.id = p."agencyId"
      WHERE d."receivedAt" < ${highest} AND (d."finishedAt" IS NULL OR d."finishedAt" >= ${lowest})
        AND EXISTS (SELECT 1 FROM "DossierEvent" r WHERE r."dossierId" = d.id AND r.type = 'received')
    ),
    in_periods AS (
      SELECT c.*, pr.p_from, pr.p_to, pr.p_key,
             CASE WHEN c.ended_at IS NOT NULL AND c.ended_at < pr.p_to THEN c.ended_at ELSE pr.p_to END AS eval_at
      FROM candidates c JOIN periods pr ON c."receivedAt" < pr.p_to AND (c.ended_at IS NULL OR c.ended_at >= pr.p_from)
    ),
    judged AS (
      SELECT i.*, pz.supplements_before_end, pz.supplements_in_period,
             COALESCE(pz.open_pause_at, i.eval_at) - make_interval(secs => pz.paused_seconds) AS judged_end
      FROM in_periods i
      CROSS JOIN LATERAL (
        SELECT COALESCE(SUM(EXTRACT(EPOCH FROM (cp."resumedAt" - cp."pausedAt")))
                          FILTER (WHERE cp."resumedAt" <= i.eval_at), 0)::float8 AS paused_seconds,
               MIN(cp."pausedAt") FILTER (WHERE cp."resumedAt" IS NULL OR cp."resumedAt" > i.eval_at) AS open_pause_at,
               COUNT(*) FILTER (WHERE cp.reason = 'supplement')::int AS supplements_before_end,
               COUNT(*) FILTER (WHERE cp.reason = 'supplement' AND cp."pausedAt" >= i.p_from)::int AS supplements_in_period
        FROM "ClockPause" cp WHERE cp."dossierId" = i.id AND cp."pausedAt" < i.eval_at
      ) pz
    )`;
}

/**
 * The rows of the counts: the dossiers of the scope's period grouped by a key, or the period cut
 * into parts (each part judged on its own: its own carried over, its own end).
 */
export type CountRows =
  { groupBy: Exclude<StatisticsKey, 'period'> } | { groupBy: 'period'; parts: readonly StatisticsPeriod[] };

/** The counts of a scope: one row per key of the grouping (those without a dossier absent), and the total. */
export interface CountedFigures {
  rows: FigureCountRow[];
  /** Absent when no dossier is counted. */
  total: FigureCountRow | undefined;
}

/**
 * How the judged dossiers are grouped into the rows and the total: the key and label of a row, the
 * joins they need, the GROUP BY clause that makes the rows and the total in one pass, and which of
 * its groups is the total.
 */
function grouping(
  rows: CountRows,
  whole: StatisticsPeriod,
): { key: Prisma.Sql; label: Prisma.Sql; joins: Prisma.Sql; groupBy: Prisma.Sql; isTotal: Prisma.Sql } {
  // the rows and, as the empty grouping set, the total over the same judged dossiers
  const withTotal = (key: Prisma.Sql, label: Prisma.Sql, joins: Prisma.Sql, labelIsGrouped: boolean) => ({
    key,
    label,
    joins,
    groupBy: Prisma.sql`GROUPING SETS ((${key}${labelIsGrouped ? Prisma.sql`, ${label}` : Prisma.empty}), ())`,
    isTotal: Prisma.sql`GROUPING(${key}) = 1`,
  });
  switch (rows.groupBy) {
    case 'agency':
      return withTotal(Prisma.sql`g.code`, Prisma.sql`g.name`, Prisma.sql`JOIN "Agency" g ON g.id = j.branch`, true);
    case 'field':
      return withTotal(
        Prisma.sql`v.field`,
        Prisma.sql`v.field`,
        Prisma.sql`JOIN "ProcedureVersion" v ON v.id = j."procedureVersionId"`,
        true,
      );
    case 'procedure':
      return withTotal(
        Prisma.sql`p.code`,
        Prisma.sql`max(v.name)`,
        Prisma.sql`JOIN "Procedure" p ON p.id = j."procedureId"
          JOIN "ProcedureVersion" v ON v.id = j."procedureVersionId"`,
        false,
      );
    case 'officer':
      return withTotal(
        Prisma.sql`o.actor`,
        Prisma.sql`max(acc."fullName")`,
        Prisma.sql`LEFT JOIN LATERAL (SELECT ${OFFICER} AS actor) o ON TRUE
          LEFT JOIN "Account" acc ON acc.username = o.actor`,
        false,
      );
    case 'period':
      // the whole period is judged beside its parts, under its own key: its group is the total
      return {
        key: Prisma.sql`j.p_key`,
        label: Prisma.sql`j.p_key`,
        joins: Prisma.empty,
        groupBy: Prisma.sql`j.p_key`,
        isTotal: Prisma.sql`j.p_key = ${whole.key}`,
      };
    case 'total':
      return {
        key: Prisma.sql`NULL::text`,
        label: Prisma.sql`NULL::text`,
        joins: Prisma.empty,
        groupBy: Prisma.sql`()`,
        isTotal: Prisma.sql`TRUE`,
      };
  }
}

/** A condition narrowing the drill-down to one row of a grouping (`-` is the row without a key). */
function rowCondition(groupBy: Exclude<StatisticsKey, 'period' | 'total'>, key: string): Prisma.Sql {
  const column = {
    agency: Prisma.sql`g.code`,
    field: Prisma.sql`v.field`,
    procedure: Prisma.sql`p.code`,
    officer: Prisma.sql`o.actor`,
  }[groupBy];
  return key === '-' ? Prisma.sql`${column} IS NULL` : Prisma.sql`${column} = ${key}`;
}

export function createStatisticsRepository(db: Db) {
  return {
    /**
     * Every base figure per row, and over the whole scope, in one statement: the dossiers are
     * found and judged once for the rows and the total. The scope has one period, the whole.
     */
    async counts(scope: StatisticsScope, rows: CountRows): Promise<CountedFigures> {
      const [whole] = scope.periods;
      if (!whole || scope.periods.length > 1) throw new Error('the counts are of a scope of one period');
      if (rows.groupBy === 'period' && rows.parts.some((part) => part.key === whole.key)) {
        throw new Error(`a part of the period must not have the whole's key ${whole.key}`);
      }
      const group = grouping(rows, whole);
      const judged = rows.groupBy === 'period' ? { ...scope, periods: [...rows.parts, whole] } : scope;
      const sums = Prisma.join(
        BASE_FIGURES.map(
          (figure) =>
            Prisma.sql`COUNT(*) FILTER (WHERE ${FIGURE_CONDITIONS[figure]})::int AS ${Prisma.raw(`"${figure}"`)}`,
        ),
      );
      // the empty grouping set makes a total row of zeros when nothing is counted: HAVING drops it
      const counted = await db.$queryRaw<(FigureCountRow & { isTotal: boolean })[]>(Prisma.sql`
        ${judgedDossiers(judged)}
        SELECT ${group.key} AS key, ${group.label} AS label, ${group.isTotal} AS "isTotal", ${sums}
        FROM judged j ${group.joins}
        GROUP BY ${group.groupBy}
        HAVING COUNT(*) > 0
        ORDER BY "isTotal", 1 NULLS LAST`);
      return {
        rows: rows.groupBy === 'total' ? counted : counted.filter((row) => !row.isTotal),
        total: counted.find((row) => row.isTotal),
      };
    },

    /**
     * One page of the dossiers counted by any of the base figures (a total is their union), in the
     * order received, with the number of them all.
     */
    async dossiers(
      scope: StatisticsScope,
      figures: readonly BaseFigure[],
      row: { groupBy: Exclude<StatisticsKey, 'period' | 'total'>; key: string } | undefined,
      page: { offset: number; limit: number },
    ): Promise<{ rows: JudgedDossierRow[]; total: number }> {
      const matches = Prisma.join(
        figures.map((figure) => FIGURE_CONDITIONS[figure]),
        ' OR ',
      );
      const rows = await db.$queryRaw<(JudgedDossierRow & { total: number })[]>(Prisma.sql`
        ${judgedDossiers(scope)}
        SELECT j.code, j.status, j.channel, j."receivedAt", j."originalDueAt", j.ended_at AS "processingEndedAt",
               o.actor AS officer, p.code AS "procedureCode", v.name AS "procedureName", v.field,
               g.code AS "agencyCode", g.name AS "agencyName", COUNT(*) OVER ()::int AS total
        FROM judged j
        JOIN "Agency" g ON g.id = j.branch
        JOIN "Procedure" p ON p.id = j."procedureId"
        JOIN "ProcedureVersion" v ON v.id = j."procedureVersionId"
        LEFT JOIN LATERAL (SELECT ${OFFICER} AS actor) o ON TRUE
        WHERE (${matches}) ${row ? Prisma.sql`AND ${rowCondition(row.groupBy, row.key)}` : Prisma.empty}
        ORDER BY j."receivedAt", j.code
        OFFSET ${page.offset} LIMIT ${page.limit}`);
      if (rows.length > 0) return { rows, total: rows[0]!.total };
      if (page.offset === 0) return { rows: [], total: 0 };
      // a page past the end: count them anyway
      const [counted] = await db.$queryRaw<{ total: number }[]>(Prisma.sql`
        ${judgedDossiers(scope)}
        SELECT COUNT(*)::int AS total FROM judged j
        JOIN "Agency" g ON g.id = j.branch
        JOIN "Procedure" p ON p.id = j."procedureId"
        JOIN "ProcedureVersion" v ON v.id = j."procedureVersionId"
        LEFT JOIN LATERAL (SELECT ${OFFICER} AS actor) o ON TRUE
        WHERE (${matches}) ${row ? Prisma.sql`AND ${rowCondition(row.groupBy, row.key)}` : Prisma.empty}`);
      return { rows: [], total: counted?.total ?? 0 };
    },

    /** Average processing time, in calendar days, of the dossiers handled in the period, per branch. */
    async averageDays(scope: StatisticsScope): Promise<{ key: string | null; days: number | null }[]> {
      return db.$queryRaw(Prisma.sql`
        ${judgedDossiers(scope)}
        SELECT g.code AS key,
               (AVG(EXTRACT(EPOCH FROM (j.judged_end - j."receivedAt"))) / 86400)::float8 AS days
        FROM judged j JOIN "Agency" g ON g.id = j.branch
        WHERE ${HANDLED}
        GROUP BY ROLLUP (g.code)`);
    },
  };
}
export type StatisticsRepository = ReturnType<typeof createStatisticsRepository>;
