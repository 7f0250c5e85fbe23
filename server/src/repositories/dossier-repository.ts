import {
  DOSSIER_LIST_TOTAL_CAP,
  type DossierChannel,
  type DossierEventType,
  type DossierStatus,
  type HandedInDocument,
  type ResultDelivery,
  type Timeliness,
} from '@motcua/common';
import { nextDossierCode, Prisma, type Agency, type Db, type Procedure, type ProcedureVersion } from '@motcua/db';
import {
  accessBranches,
  accessibleDossiers,
  addresseeOf,
  appendEvent,
  appendFirstEvent,
  dossierAccessOf,
  dossierRuleColumns,
  lockDossier,
  oversees,
  queueToApplicant,
  sqlAccessibleDossier,
  sqlStatusIn,
  TIMED_PHASES,
  type AccessBranch,
  type ApplicantMessage,
  type DossierAccess,
  type DossierEventInput,
  type Officer,
} from '@motcua/domain';
import { readDossiers } from './dossier-read.js';

/**
 * Dossiers and their append-only event log. Who may read a dossier is the rule of @motcua/domain
 * (accessibleDossiers), which every query of dossiers here applies.
 */

/** One entry of a dossier's event log, as the domain appends it. */
export type NewDossierEvent = DossierEventInput;

export const DOSSIER_INCLUDE = {
  procedure: true,
  procedureVersion: true,
  agency: true,
  pauses: { orderBy: [{ pausedAt: 'asc' }, { id: 'asc' }] },
  transfers: { include: { toAgency: true }, orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] },
  // the supplement request at reception lists what was missing (Mẫu 02); the latest one counts
  events: { where: { type: 'reception_incomplete' }, orderBy: { id: 'desc' }, take: 1 },
} as const satisfies Prisma.DossierInclude;

export type DossierRow = Prisma.DossierGetPayload<{ include: typeof DOSSIER_INCLUDE }>;

/**
 * The reception's transaction is short: the engine has started the process before it begins, so it
 * only takes the code and writes the rows. It waits longer than Prisma's defaults (2 s for a
 * connection, 5 s in all) because the embedded database serves one client at a time, and a reception
 * that gives up here has to delete the process it started.
 */
const RECEPTION_TRANSACTION = { maxWait: 10_000, timeout: 10_000 } as const;

/** A process the engine started for a dossier. */
export interface StartedProcess {
  id: string;
  definitionId: string;
}

/** What the receptionist entered, with the outcome of the check and the version that applies. */
export interface NewDossier {
  /** Given before anything else: the process of a complete dossier is started under it (its business key). */
  id: string;
  procedure: Procedure;
  version: ProcedureVersion;
  /** The receiving agency; its code prefixes the dossier code, and it speaks in the applicant's messages. */
  agency: Agency;
  status: Extract<DossierStatus, 'received' | 'incomplete' | 'refused'>;
  eventType: Extract<DossierEventType, 'received' | 'reception_incomplete' | 'reception_refused'>;
  applicant: { fullName: string; idNumber: string; phone: string; address: string; email?: string | undefined };
  requestSummary: string;
  documents: HandedInDocument[];
  setCount: number;
  channel: DossierChannel;
  resultDelivery: ResultDelivery;
  deliveryAddress: string | null;
  missingItems: string[];
  refusalReason: string | null;
  legalRegime: string;
  receivedAt: Date;
  receivedBy: string;
  /** When it was entered, for a back-entry. */
  backEntry: { reason: string; enteredAt: Date } | null;
}

/**
 * The instants that split open dossiers by timeliness, taken from the legal clock once per request
 * (common/src/calendar/timeliness.ts): an open dossier is overdue when its appointment is before
 * `now`, nearly due when it is at or before `nearlyDueUntil` (the nearly-due lead in working time
 * after now), not yet due after that or while it has no appointment.
 */
export interface TimelinessBounds {
  now: Date;
  nearlyDueUntil: Date;
}

/** Finished dossiers are judged by the Vietnamese calendar day of their finish against that of their appointment. */
const FINISHED_DAY_COMPARISON = {
  early: Prisma.sql`<`,
  on_time: Prisma.sql`=`,
  late: Prisma.sql`>`,
} as const;

function vietnamDay(column: Prisma.Sql) {
  return Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
}

/**
 * Where a statement reads what a dossier's timeliness depends on: the dossier row `d`'s own columns
 * (the default), or the copies an open task's row keeps of them (the work list).
 */
export interface TimelinessColumns {
  status: Prisma.Sql;
  dueAt: Prisma.Sql;
  finishedAt: Prisma.Sql;
}

const DOSSIER_ROW_TIMELINESS: TimelinessColumns = {
  status: Prisma.sql`d.status`,
  dueAt: Prisma.sql`d."dueAt"`,
  finishedAt: Prisma.sql`d."finishedAt"`,
};

/**
 * The condition for one timeliness on the dossier row `d` (or on `columns`), in the same terms as the
 * timeliness shown on each dossier (DossierSchema.timeliness): one SQL condition on the row's own
 * columns, whatever the number of dossiers.
 */
export function timelinessCondition(
  timeliness: Timeliness,
  bounds: TimelinessBounds,
  columns: TimelinessColumns = DOSSIER_ROW_TIMELINESS,
): Prisma.Sql {
  const { status, dueAt, finishedAt } = columns;
  const timed = Prisma.sql`${finishedAt} IS NULL AND ${sqlStatusIn(status, ...TIMED_PHASES)}`;
  switch (timeliness) {
    case 'paused':
      return Prisma.sql`${finishedAt} IS NULL AND ${sqlStatusIn(status, 'paused')}`;
    case 'overdue':
      return Prisma.sql`${timed} AND ${dueAt} < ${bounds.now}`;
    case 'nearly_due':
      return Prisma.sql`${timed} AND ${dueAt} >= ${bounds.now} AND ${dueAt} <= ${bounds.nearlyDueUntil}`;
    case 'not_due':
      return Prisma.sql`${timed} AND (${dueAt} IS NULL OR ${dueAt} > ${bounds.nearlyDueUntil})`;
    default: {
      // a comparison of two columns by calendar day, which the query builder cannot write; a
      // dossier that finished without an appointment (refused at reception) was on time
      const withoutAppointment = timeliness === 'on_time' ? Prisma.sql`${dueAt} IS NULL OR` : Prisma.empty;
      return Prisma.sql`${finishedAt} IS NOT NULL
        AND (${withoutAppointment} ${vietnamDay(finishedAt)} ${FINISHED_DAY_COMPARISON[timeliness]} ${vietnamDay(dueAt)})`;
    }
  }
}

/** `text` as a LIKE pattern matching it anywhere, its wildcards taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** What the dossier list is asked: filters and a page (the route's QueryDossier). */
export interface DossierListQuery {
  status?: DossierStatus;
  timeliness?: Timeliness;
  q?: string;
  page: number;
  perPage: number;
}

/**
 * How long what an agency's officers may read is remembered: as long as a token check (the same
 * 2 s, see account-service.ts), so a change of the agency tree reaches every request as soon as a
 * change of an account does.
 */
export const ACCESS_CACHE_MS = 2_000;

/** A row of the citizen's lookup (findPublic). */
interface PublicRow {
  code: string;
  status: DossierStatus;
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
}

/** The list's total is counted up to this many dossiers (see DOSSIER_LIST_TOTAL_CAP). */
export const LIST_TOTAL_CAP = DOSSIER_LIST_TOTAL_CAP;

/** The list's filters on `"Dossier" d`, besides the access rule: each one an index can serve. */
export function listFilters(query: DossierListQuery, bounds: TimelinessBounds): Prisma.Sql[] {
  const { q } = query;
  return [
    ...(query.status ? [Prisma.sql`d.status = ${query.status}::"DossierStatus"`] : []),
    ...(query.timeliness ? [timelinessCondition(query.timeliness, bounds)] : []),
    ...(q
      ? [
          Prisma.sql`(d.code ILIKE ${containing(q)} OR d."applicantName" ILIKE ${containing(q)}
                      OR d."applicantIdNumber" = ${q})`,
        ]
      : []),
  ];
}

const NEWEST_FIRST = Prisma.sql`ORDER BY d."receivedAt" DESC, d.code DESC`;

function allOf(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, ' AND ');
}

/**
 * The first `limit` dossiers, newest first, that meet the filters and one branch of the access rule:
 * for each value of the branch's column, a walk of that column's index ("agencyId", "procedureId"
 * each with "receivedAt" DESC, code DESC, and by status or open; the primary key) that stops at
 * `limit`. It reads the instant and the code only, which those indexes hold, so a walk reads no
 * table row it does not keep.
 */
function newestOfBranch(branch: AccessBranch, filters: Prisma.Sql[], limit: number): Prisma.Sql {
  const column = dossierRuleColumns(Prisma.sql`d`)[branch.column];
  return Prisma.sql`
    SELECT d."receivedAt", d.code FROM unnest(${branch.values}) AS branch(value)
    CROSS JOIN LATERAL (SELECT d."receivedAt", d.code FROM "Dossier" d
                        WHERE ${allOf([Prisma.sql`${column} = branch.value`, ...filters])}
                        ${NEWEST_FIRST} LIMIT ${limit}) AS d`;
}

/**
 * The total of a list whose access rule has branches, up to the cap: first whether one branch alone
 * has more than the cap of dossiers that meet the filters (then so has the list, and CASE stops at
 * the first such branch), counted in that branch's index without keeping a row; otherwise each
 * branch holds at most the cap, and the union of their codes (unique, and in each branch's indexes,
 * so an index-only read) is the list. Counting the rule's OR instead read the table in order until it
 * had counted the cap (136 ms for a district specialist's first page at 1 M dossiers, 5 ms so), or
 * every open dossier for a timeliness. Each branch's codes were first kept in a materialized CTE and
 * counted from it; writing and reading back the kept codes cost more than reading the index: at
 * 1 M dossiers a district specialist's total of the returned dossiers (past the cap) took 9–13 ms,
 * 3.4–3.8 ms so, and of those in progress (1 464, under it) 6 ms, 3 ms so (bench/sql-plans.ts, under
 * EXPLAIN ANALYZE). A first page past the cap is the most frequent request of the list.
 */
function totalOfBranches(branches: AccessBranch[], filters: Prisma.Sql[]): Prisma.Sql {
  const cap = LIST_TOTAL_CAP + 1;
  const ofBranch = branches.map((branch) => {
    const column = dossierRuleColumns(Prisma.sql`d`)[branch.column];
    return Prisma.sql`SELECT d.code FROM "Dossier" d
      WHERE ${allOf([Prisma.sql`${column} = ANY(${branch.values})`, ...filters])} LIMIT ${cap}`;
  });
  const pastCap = ofBranch.map(
    (codes) => Prisma.sql`WHEN (SELECT COUNT(*) FROM (${codes}) AS codes) > ${LIST_TOTAL_CAP} THEN ${cap}`,
  );
  const union = ofBranch.map((codes) => Prisma.sql`(${codes})`);
  return Prisma.sql`
    SELECT (CASE ${Prisma.join(pastCap, ' ')}
            ELSE (SELECT LEAST(COUNT(*), ${cap}) FROM (${Prisma.join(union, ' UNION ')}) AS seen)
            END)::int AS total`;
}

/**
 * How the list is read: two statements, the page's ids (`id`) and the total (`total`), run side by
 * side; or, for a text search, one (`search`) that answers the total and the page's ids together.
 */
export type ListStatements = { page: Prisma.Sql; total: Prisma.Sql } | { search: Prisma.Sql };

/**
 * The list's statements on `"Dossier" d`: the page's ids, newest first, and the total (capped).
 *
 * A caller who sees every agency walks the newest-first index ("receivedAt" DESC, code DESC): a
 * first page reads a few dozen entries. Any other caller's rule is an OR of branches
 * (accessBranches), which one walk of the whole table's order meets only where the caller's
 * dossiers lie, and whose total read the table until it had counted the cap: at 1 M dossiers a
 * partner agency's first page took 121 ms, a district specialist's total 136 ms and its overdue
 * dossiers 182 ms, against 7, 5 and 1 ms so (bench/sql-plans.ts, on a busy machine). So each
 * branch walks its own index newest first (by status, or over its open dossiers only, when the
 * filter asks for them: migration 20261207010000_list_branch_indexes) up to the end of the page,
 * and the walks are merged (UNION drops a dossier met by two branches) and cut to the page: a
 * dossier among the first n of the whole list is among the first n of every branch it belongs to,
 * so none is missed. The total counts by branch (totalOfBranches). A text search (q) keeps the OR, in one
 * statement with its total (searchStatement): its trigram indexes find few rows, which each branch's
 * walk would look for through all its dossiers. The overdue and nearly-due dossiers, whoever asks, are found from their
 * appointment instead (pageFromTheAppointment).
 * Exported for bench/sql-plans.ts, which shows their plans at province scale.
 */
export function listStatements(
  access: DossierAccess,
  query: DossierListQuery,
  bounds: TimelinessBounds,
): ListStatements {
  if (query.q) return { search: searchStatement(access, query, bounds) };
  const filters = listFilters(query, bounds);
  const branches = accessBranches(access);
  const within = rangeOfAppointment(query, bounds);
  const appointment = within && { range: within(OPEN_APPOINTMENT), openRange: openDueRange(within) };
  const fromTheAppointment = (walkedPage: Prisma.Sql) =>
    appointment
      ? pageFromTheAppointment(access, query, appointment.openRange, [...filters, appointment.range], walkedPage)
      : walkedPage;
  if (!branches) {
    // a caller who sees every agency: one walk, or, for the overdue and nearly due, the appointment.
    // The total counts the filters alone: "Dossier_dueAt_open_idx" holds the open dossiers'
    // appointments with their status, all that those filters ask, so the count reads no row
    // (migration 20261207180000_open_appointment_status).
    const byOr = listStatementsByOr(access, query, bounds);
    return appointment ? { ...byOr, page: fromTheAppointment(byOr.page) } : byOr;
  }
  return {
    page: fromTheAppointment(pageOfBranches(branches, filters, query)),
    // the branches' totals already read each branch's open dossiers alone, by its own index
    total: totalOfBranches(branches, filters),
  };
}

/** The page as each branch's walk newest first, merged and cut to the page. */
function pageOfBranches(branches: AccessBranch[], filters: Prisma.Sql[], query: DossierListQuery): Prisma.Sql {
  const offset = (query.page - 1) * query.perPage;
  const walks = branches.map((branch) => newestOfBranch(branch, filters, offset + query.perPage));
  return Prisma.sql`
    SELECT d.id::text AS id
    FROM (SELECT "receivedAt", code FROM (${Prisma.join(walks, ' UNION ')}) AS seen
          ORDER BY "receivedAt" DESC, code DESC LIMIT ${query.perPage} OFFSET ${offset}) AS listed
    JOIN "Dossier" d ON d.code = listed.code
    ORDER BY listed."receivedAt" DESC, listed.code DESC`;
}

/**
 * An open dossier's appointment, NULL once it is finished: the expression of the index
 * "Dossier_openDueAt_idx" (migration 20261207120000_open_appointment_index), written as it is there
 * so that the planner reads that index and its statistics.
 */
const OPEN_APPOINTMENT = Prisma.sql`(CASE WHEN d."finishedAt" IS NULL THEN d."dueAt" END)`;

/**
 * For the overdue and nearly-due filters, the range of OPEN_APPOINTMENT their dossiers lie in; none
 * for the others. Those dossiers are a few of the open ones, and the oldest: an open dossier becomes
 * nearly due, then overdue, as its appointment comes, so the dossiers received since are still before
 * theirs. A walk newest first meets them last: at 1 M dossiers and 100 k open tasks the admin's
 * overdue page read 98 564 newer open rows for 1 661 overdue ones (611 ms, docs/benchmarks.md).
 * The range only repeats what timelinessCondition says, in the index's terms. Exported for the test
 * that the index serves it.
 */
export function appointmentRange(query: DossierListQuery, bounds: TimelinessBounds): Prisma.Sql | undefined {
  return rangeOfAppointment(query, bounds)?.(OPEN_APPOINTMENT);
}

/**
 * The same range over the open dossiers' "dueAt", as the partial index "Dossier_dueAt_open_idx" holds
 * it: counted there, the range is read from the index alone (an index-only scan, which PostgreSQL does
 * not make of an expression index), 2.4 ms for 10 001 entries where the expression index read them
 * from the table in 50 ms. Only the gate of pageFromTheAppointment counts it.
 */
function openDueRange(within: (appointment: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  return Prisma.sql`d."finishedAt" IS NULL AND ${within(Prisma.sql`d."dueAt"`)}`;
}

/** The overdue and nearly-due filters' range, of whichever appointment expression it is written on; none for the others. */
function rangeOfAppointment(
  query: DossierListQuery,
  bounds: TimelinessBounds,
): ((appointment: Prisma.Sql) => Prisma.Sql) | undefined {
  switch (query.timeliness) {
    case 'overdue':
      return (appointment) => Prisma.sql`${appointment} < ${bounds.now}`;
    case 'nearly_due':
      return (appointment) =>
        Prisma.sql`${appointment} >= ${bounds.now} AND ${appointment} <= ${bounds.nearlyDueUntil}`;
    default:
      return undefined;
  }
}

/**
 * The page of an overdue or nearly-due filter, starting from the appointment: when the province has at
 * most LIST_TOTAL_CAP open dossiers in the filter's range (`few`, counted from an index alone,
 * openDueRange), those with the other filters (`due`, read by that index), then those the caller may read,
 * sorted newest first. When it has more, they are not few among the open dossiers, and the walk newest
 * first (`walkedPage`) meets them soon: it runs instead, and only then (an uncorrelated InitPlan gates
 * each arm, so the arm not taken is never executed; `due` is read only through the first).
 * The count comes first and alone because the filters repeat the range in the table's own columns
 * (timelinessCondition): the planner multiplies their selectivities as if independent and expected 129
 * of 57 883 overdue dossiers, so it read them all by a bitmap and sorted them to keep 10 001, 890 ms
 * (docs/benchmarks.md, "Reading the run of 2026-12-07 10:22"). Counted alone, the range is read from
 * an index up to the cap, whatever the estimate.
 */
function pageFromTheAppointment(
  access: DossierAccess,
  query: DossierListQuery,
  openRange: Prisma.Sql,
  inRange: Prisma.Sql[],
  walkedPage: Prisma.Sql,
): Prisma.Sql {
  return Prisma.sql`
    WITH few AS MATERIALIZED (
           SELECT COUNT(*) <= ${LIST_TOTAL_CAP} AS found
           FROM (SELECT 1 FROM "Dossier" d WHERE ${openRange} LIMIT ${LIST_TOTAL_CAP + 1}) AS counted),
         due AS MATERIALIZED (
           SELECT d.id, d."agencyId", d."procedureId", d."receivedAt", d.code FROM "Dossier" d
           WHERE ${allOf(inRange)})
    SELECT d.id::text AS id
    FROM ((SELECT d."receivedAt", d.code FROM due AS d
           WHERE (SELECT found FROM few) AND ${sqlAccessibleDossier(access, Prisma.sql`d`)}
           ORDER BY d."receivedAt" DESC, d.code DESC LIMIT ${query.perPage} OFFSET ${(query.page - 1) * query.perPage})
          UNION ALL
          (SELECT d."receivedAt", d.code FROM (${walkedPage}) AS walked JOIN "Dossier" d ON d.id = walked.id::uuid
           WHERE NOT (SELECT found FROM few))) AS listed
    JOIN "Dossier" d ON d.code = listed.code
    ORDER BY listed."receivedAt" DESC, listed.code DESC`;
}

/**
 * A text search's total and page in one statement, `{ total, ids }`: the dossiers that match, up to
 * the cap, are found once (`matched`), by the trigram indexes when the text is rare, and counted;
 * when there are at most LIST_TOTAL_CAP of them, the page is cut from them, newest first. When there
 * are more, the text is common, and the walk newest first with the same conditions meets the page
 * soon: it runs instead, and only then (the gate of pageFromTheAppointment). Two statements, a page
 * and a total, each ran the trigram scan of a full name: 45-54 ms each at 1 M dossiers, the list's
 * whole cost (docs/benchmarks.md, "Since the run of 14:06"). It answers as listStatementsByOr does, the rule's
 * OR and the filters on every row (server/test/repositories/dossier-list.test.ts).
 */
function searchStatement(access: DossierAccess, query: DossierListQuery, bounds: TimelinessBounds): Prisma.Sql {
  const where = allOf([sqlAccessibleDossier(access, Prisma.sql`d`), ...listFilters(query, bounds)]);
  const offset = (query.page - 1) * query.perPage;
  return Prisma.sql`
    WITH matched AS MATERIALIZED (
           SELECT d.id, d."receivedAt", d.code FROM "Dossier" d WHERE ${where} LIMIT ${LIST_TOTAL_CAP + 1}),
         counted AS MATERIALIZED (SELECT COUNT(*)::int AS total FROM matched)
    SELECT (SELECT total FROM counted) AS total,
           ARRAY(SELECT listed.id::text
                 FROM ((SELECT d.id, d."receivedAt", d.code FROM matched AS d
                        WHERE (SELECT total FROM counted) <= ${LIST_TOTAL_CAP}
                        ${NEWEST_FIRST} LIMIT ${query.perPage} OFFSET ${offset})
                       UNION ALL
                       (SELECT d.id, d."receivedAt", d.code FROM "Dossier" d
                        WHERE (SELECT total FROM counted) > ${LIST_TOTAL_CAP} AND ${where}
                        ${NEWEST_FIRST} LIMIT ${query.perPage} OFFSET ${offset})) AS listed
                 ORDER BY listed."receivedAt" DESC, listed.code DESC) AS ids`;
}

/**
 * The list's two statements as one walk of the whole list's order, newest first, with the access
 * rule's OR (sqlAccessibleDossier) and the filters on every row: the list of a caller who sees every
 * agency (no condition then) and of a text search, and the reference the branches' walks are checked
 * against (server/test/repositories/dossier-list.test.ts, bench/sql-plans.ts). A province's open
 * dossiers are its newest, so the walk meets those not yet due, or paused, early; the overdue and
 * nearly due are the oldest of them, and listStatements finds them from their appointment.
 */
export function listStatementsByOr(
  access: DossierAccess,
  query: DossierListQuery,
  bounds: TimelinessBounds,
): { page: Prisma.Sql; total: Prisma.Sql } {
  const where = allOf([sqlAccessibleDossier(access, Prisma.sql`d`), ...listFilters(query, bounds)]);
  return {
    page: Prisma.sql`
      SELECT d.id::text AS id FROM "Dossier" d WHERE ${where}
      ${NEWEST_FIRST} LIMIT ${query.perPage} OFFSET ${(query.page - 1) * query.perPage}`,
    total: Prisma.sql`
      SELECT COUNT(*)::int AS total
      FROM (SELECT 1 FROM "Dossier" d WHERE ${where} LIMIT ${LIST_TOTAL_CAP + 1}) AS counted`,
  };
}

/** The page's ids, in order, and the total, as the list's statements answer them. */
export async function listedIds(
  db: Pick<Db, '$queryRaw'>,
  statements: ListStatements,
): Promise<{ ids: string[]; total: number }> {
  if ('search' in statements) {
    const [found] = await db.$queryRaw<{ total: number; ids: string[] }[]>(statements.search);
    return { ids: found?.ids ?? [], total: found?.total ?? 0 };
  }
  const [page, [counted]] = await Promise.all([
    db.$queryRaw<{ id: string }[]>(statements.page),
    db.$queryRaw<{ total: number }[]>(statements.total),
  ]);
  return { ids: page.map((row) => row.id), total: counted?.total ?? 0 };
}

export function createDossierRepository(db: Db, options: { accessCacheMs?: number; now?: () => number } = {}) {
  const accessCacheMs = options.accessCacheMs ?? ACCESS_CACHE_MS;
  const now = options.now ?? Date.now;
  /** What an agency's officers may read, by agency code and whether they oversee the agencies below. */
  const accesses = new Map<string, { access: Promise<DossierAccess>; until: number }>();
  return {
    /**
     * Stores a dossier presented at reception, with its event, under the next code of its agency
     * for the day of receipt: every outcome takes a code. A complete dossier comes with the process
     * the engine has already started for it. The notice to the applicant is queued in the outbox,
     * and a back-entry is written to the audit log, in the same transaction: when anything fails,
     * nothing is stored, nothing is queued and the code is given back. The sequence row is locked
     * from the code to the commit only, a few statements, never across a call to the engine.
     *
     * The answer is built from what was written and what the caller read before (procedure,
     * version, agency): a new dossier has no pause and no transfer, so nothing is read back.
     */
    async receive(
      input: NewDossier,
      options: {
        /** The process the engine started for a complete dossier. */
        process?: StartedProcess;
        /** The message of a reception that starts nothing (supplement request, refusal). */
        notice?: ApplicantMessage;
        /** Base of the public status page, for the lookup link in the message. */
        publicBaseUrl?: string | undefined;
      },
    ): Promise<DossierRow> {
      return db.$transaction(async (tx) => {
        const code = await nextDossierCode(tx, input.agency, input.receivedAt);
        const final = input.status === 'refused';
        const dossier = await tx.dossier.create({
          data: {
            id: input.id,
            code,
            procedureId: input.procedure.id,
            procedureVersionId: input.version.id,
            processDefinitionId: options.process?.definitionId ?? null,
            processInstanceId: options.process?.id ?? null,
            legalRegime: input.legalRegime,
            agencyId: input.agency.id,
            applicantName: input.applicant.fullName,
            applicantIdNumber: input.applicant.idNumber,
            applicantPhone: input.applicant.phone,
            applicantAddress: input.applicant.address,
            applicantEmail: input.applicant.email ?? null,
            requestSummary: input.requestSummary,
            documents: input.documents as unknown as Prisma.InputJsonArray,
            setCount: input.setCount,
            channel: input.channel,
            resultDelivery: input.resultDelivery,
            deliveryAddress: input.deliveryAddress,
            status: input.status,
            refusalReason: input.refusalReason,
            finishedAt: final ? input.receivedAt : null,
            receivedAt: input.receivedAt,
            receivedBy: input.receivedBy,
            backEntry: input.backEntry !== null,
            backEntryReason: input.backEntry?.reason ?? null,
          },
        });
        const data: Prisma.InputJsonObject = {
          procedureCode: input.procedure.code,
          channel: input.channel,
          ...(input.eventType === 'reception_incomplete' ? { missingItems: input.missingItems } : {}),
          ...(input.eventType === 'reception_refused' ? { refusalReason: input.refusalReason } : {}),
        };
        const reception = await appendFirstEvent(tx, {
          dossierId: dossier.id,
          type: input.eventType,
          actor: input.receivedBy,
          data,
          occurredAt: input.receivedAt,
        });
        if (input.backEntry) {
          const entry = {
            receivedAt: input.receivedAt.toISOString(),
            enteredAt: input.backEntry.enteredAt.toISOString(),
            outcome: input.status,
          };
          await appendEvent(tx, {
            dossierId: dossier.id,
            type: 'back_entered',
            actor: input.receivedBy,
            note: input.backEntry.reason,
            data: entry,
            occurredAt: input.backEntry.enteredAt,
          });
          await tx.auditLog.create({
            data: {
              actor: input.receivedBy,
              action: 'dossier.back_entry',
              entity: 'dossier',
              entityId: code,
              data: { ...entry, reason: input.backEntry.reason },
            },
          });
        }
        if (options.notice) {
          await queueToApplicant(tx, addresseeOf(dossier, input.agency.name), options.notice, {
            cause: `${code}:reception`,
            actor: input.receivedBy,
            publicBaseUrl: options.publicBaseUrl,
          });
        }
        return {
          ...dossier,
          procedure: input.procedure,
          procedureVersion: input.version,
          agency: input.agency,
          pauses: [],
          transfers: [],
          // DOSSIER_INCLUDE's events: the supplement request at reception, when there is one
          events: input.eventType === 'reception_incomplete' ? [reception] : [],
        };
      }, RECEPTION_TRANSACTION);
    },

    /**
     * Starts the processing of an incomplete dossier brought back complete, with the process the
     * engine has already started for it: the row is locked, so of two concurrent acceptances one
     * stores its process and the other finds the dossier received. Returns null when the dossier is
     * no longer incomplete (nothing was written; the caller deletes the process it started).
     */
    async accept(input: {
      dossierId: string;
      version: { id: string };
      legalRegime: string;
      documents: HandedInDocument[];
      setCount?: number | undefined;
      receivedAt: Date;
      acceptedBy: string;
      process: StartedProcess;
    }): Promise<DossierRow | null> {
      return db.$transaction(async (tx) => {
        const locked = await lockDossier(tx, input.dossierId);
        if (locked?.status !== 'incomplete') return null;
        await tx.dossier.update({
          where: { id: input.dossierId },
          data: {
            status: 'received',
            procedureVersionId: input.version.id,
            legalRegime: input.legalRegime,
            documents: input.documents as unknown as Prisma.InputJsonArray,
            ...(input.setCount === undefined ? {} : { setCount: input.setCount }),
            receivedAt: input.receivedAt,
            processInstanceId: input.process.id,
            processDefinitionId: input.process.definitionId,
          },
        });
        await appendEvent(tx, {
          dossierId: input.dossierId,
          type: 'received',
          actor: input.acceptedBy,
          note: 'accepted after supplement at reception',
          data: { acceptedFromIncomplete: true },
          occurredAt: input.receivedAt,
        });
        return tx.dossier.findUniqueOrThrow({ where: { id: input.dossierId }, include: DOSSIER_INCLUDE });
      }, RECEPTION_TRANSACTION);
    },

    /**
     * A status change outside the normal flow: the status moves only if it is still `from`, with its
     * event and its audit log row in one transaction. Returns false when the status changed meanwhile.
     */
    async overrideStatus(input: {
      dossierId: string;
      code: string;
      from: DossierStatus;
      to: DossierStatus;
      finishedAt: Date | null;
      authorisingDocument: string;
      reason: string;
      actor: string;
      occurredAt: Date;
      processInstanceDeleted: boolean;
    }): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.dossier.updateMany({
          where: { id: input.dossierId, status: input.from },
          data: {
            status: input.to,
            ...(input.finishedAt ? { finishedAt: input.finishedAt, clockPausedAt: null } : {}),
          },
        });
        if (count === 0) return false;
        const data = {
          from: input.from,
          to: input.to,
          authorisingDocument: input.authorisingDocument,
          processInstanceDeleted: input.processInstanceDeleted,
        };
        await appendEvent(tx, {
          dossierId: input.dossierId,
          type: 'status_overridden',
          actor: input.actor,
          note: input.reason,
          data,
          occurredAt: input.occurredAt,
        });
        if (input.to === 'withdrawn') {
          await appendEvent(tx, {
            dossierId: input.dossierId,
            type: 'withdrawn',
            actor: input.actor,
            note: input.reason,
            data: { authorisingDocument: input.authorisingDocument },
            occurredAt: input.occurredAt,
          });
        }
        await tx.auditLog.create({
          data: {
            actor: input.actor,
            action: 'dossier.status_override',
            entity: 'dossier',
            entityId: input.code,
            data: { ...data, reason: input.reason },
          },
        });
        return true;
      });
    },

    /** Appends an event to a dossier's log, once per dedupe key (the domain's rule); false when it was already there. */
    appendEvent(event: NewDossierEvent): Promise<boolean> {
      return appendEvent(db, event);
    },

    /** How many events of a dossier have a dedupe key starting with `prefix`. */
    countEvents(dossierId: string, dedupeKeyPrefix: string): Promise<number> {
      return db.dossierEvent.count({ where: { dossierId, dedupeKey: { startsWith: dedupeKeyPrefix } } });
    },

    /**
     * A page of the dossiers this access may read, newest first, with the total (up to
     * LIST_TOTAL_CAP; see listStatements). The statements run on their own, not in an interactive
     * transaction, whose time limit (5 s) turned a slow page into a failed request; a page and a
     * total read a moment apart are as good as the list on screen is anyway.
     */
    async list(
      access: DossierAccess,
      query: DossierListQuery,
      bounds: TimelinessBounds,
    ): Promise<{ rows: DossierRow[]; total: number }> {
      const statements = listStatements(access, query, bounds);
      const { ids, total } = await listedIds(db, statements);
      const rows = ids.length === 0 ? [] : await readDossiers<DossierRow>(db, Prisma.sql`d.id = ANY(${ids}::uuid[])`);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return { rows: ids.flatMap((id) => byId.get(id) ?? []), total };
    },

    /**
     * What the officer may read of the dossiers: the domain's access rule, remembered for
     * ACCESS_CACHE_MS per agency and kind of role, since every officer read needs it and the agency
     * tree changes rarely (a read that fails is not remembered).
     */
    accessOf(officer: Officer): Promise<DossierAccess> {
      const key = `${officer.agencyCode}\u0000${oversees(officer.roles)}`;
      const cached = accesses.get(key);
      if (cached && cached.until > now()) return cached.access;
      const access = dossierAccessOf(db, officer);
      access.catch(() => accesses.delete(key));
      accesses.set(key, { access, until: now() + accessCacheMs });
      return access;
    },

    /** One statement (./dossier-read.ts): every officer's request on a dossier starts here. */
    async findByCode(code: string, access: DossierAccess): Promise<DossierRow | null> {
      const [row] = await readDossiers<DossierRow>(
        db,
        Prisma.sql`d.code = ${code} AND ${sqlAccessibleDossier(access, Prisma.sql`d`)}`,
      );
      return row ?? null;
    },

    /** Whether the dossier is in the subtree of the agencies (not merely transferred to one of them). */
    async isInSubtree(dossierId: string, agencyIds: string[]): Promise<boolean> {
      return (await db.dossier.count({ where: { AND: [{ id: dossierId }, accessibleDossiers({ agencyIds })] } })) > 0;
    },

    findByProcessInstanceIds(processInstanceIds: string[]): Promise<DossierRow[]> {
      return db.dossier.findMany({
        where: { processInstanceId: { in: processInstanceIds } },
        include: DOSSIER_INCLUDE,
      });
    },

    findByProcessInstanceId(processInstanceId: string) {
      return db.dossier.findUnique({ where: { processInstanceId }, include: { procedure: true } });
    },

    /**
     * What a citizen may see: no applicant data is even read. One statement with its three joins
     * (Prisma's nested select made four round trips), since this is the most frequent read of all.
     */
    async findPublic(code: string) {
      const rows = await db.$queryRaw<PublicRow[]>`
        SELECT d.code, d.status::text AS status, d."receivedAt", d."dueAt", d."finishedAt",
               p.code AS "procedureCode", v.name AS "procedureName", a.code AS "agencyCode", a.name AS "agencyName"
        FROM "Dossier" d
        JOIN "Procedure" p ON p.id = d."procedureId"
        JOIN "ProcedureVersion" v ON v.id = d."procedureVersionId"
        JOIN "Agency" a ON a.id = d."agencyId"
        WHERE d.code = ${code}`;
      const row = rows[0];
      if (!row) return null;
      return {
        code: row.code,
        status: row.status,
        receivedAt: row.receivedAt,
        dueAt: row.dueAt,
        finishedAt: row.finishedAt,
        procedure: { code: row.procedureCode },
        procedureVersion: { name: row.procedureName },
        agency: { code: row.agencyCode, name: row.agencyName },
      };
    },

    events(dossierId: string) {
      return db.dossierEvent.findMany({ where: { dossierId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    },
  };
}
export type DossierRepository = ReturnType<typeof createDossierRepository>;
