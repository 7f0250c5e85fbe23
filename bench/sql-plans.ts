/**
 * The SQL of the dossier list, the register and the at-risk scan at province scale, before and after
 * migration 20261206120000_list_and_register_indexes and the statements written for it (issue 8;
 * docs/benchmarks.md "Province scale" → "Where the time goes"), in one run on the same rows; and the
 * dossier list's statements now beside the one walk with the access rule's OR they replaced
 * (listStatementsByOr, which must give the same page and total), and beside a
 * primary-key read of one dossier, the cheapest statement on the same rows.
 *
 *   node --conditions=@motcua/source --import tsx bench/sql-plans.ts [--dossiers=1000000] [--runs=3] [--keep]
 *   node --conditions=@motcua/source --import tsx bench/sql-plans.ts --database=<url a --keep run printed> [--runs=3]
 *
 * On the machine's PostgreSQL (BENCH_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
 * it creates a scratch database, applies every migration but that one and
 * 20261207010000_list_branch_indexes, fills a province in plain SQL (generate_series: 18 districts of
 * 12 communes, the busiest district a fifth of the dossiers, as bench/province/model.ts) and vacuums
 * it as autovacuum would, and times each statement as it was (EXPLAIN ANALYZE, the median of
 * --runs). Then it applies that migration and times the dossier list's OR form; then the branch
 * indexes, and times the statements the code now sends: the very Prisma.Sql the repositories build.
 * It prints them side by side with whether the list's answers equal the OR form's, writes every plan
 * to data/bench/sql-plans.txt, and drops the database unless --keep. With --database it reuses a
 * province a --keep run left (seeding a million takes minutes) and leaves it be: the "before" columns
 * stay empty, and the OR form is timed without the branch indexes only if the database has not had
 * them yet. No server, no engine: the plans only, so the numbers are the database's share of a
 * request.
 *
 * With --overdue=N the open dossiers' appointments are set, before the statements are timed, as in a
 * province that keeps most of its deadlines and as `npm run bench` seeds them: the N oldest open
 * dossiers overdue, the next N nearly due, the rest not yet due. The plain seed makes about half the
 * open dossiers overdue, spread among the newest, where a walk newest first meets them at once.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase } from '@motcua/common/testing';
import type { DossierAccess } from '@motcua/domain';
import { applyMigrations, MIGRATIONS_DIR } from '../prisma/src/migrate.js';
import {
  listStatements,
  listStatementsByOr,
  type DossierListQuery,
} from '../server/src/repositories/dossier-repository.js';
import { registerStatement } from '../server/src/repositories/report-repository.js';
import { unflaggedStatement } from '../workers/src/scans/at-risk.js';
import { benchArguments } from './arguments.js';
import { fromPrisma, SEED, timeStatement, type Statement, type Timed } from './province-sql.js';

const MIGRATION = '20261206120000_list_and_register_indexes';
/** The indexes of the dossier list's walks by branch: the OR form is timed before it, the list's statements after. */
const BRANCH_MIGRATION = '20261207010000_list_branch_indexes';
// the scratch database is made as the tests make theirs, on BENCH_PG_URL's server when it is set
if (process.env.BENCH_PG_URL) process.env.TEST_PG_URL = process.env.BENCH_PG_URL;
const OUT = fileURLToPath(new URL('../data/bench/sql-plans.txt', import.meta.url));

const args = benchArguments();
const DOSSIERS = Number(args.get('dossiers') ?? 1_000_000);
const RUNS = Number(args.get('runs') ?? 3);
const KEEP = args.has('keep');
/** A province a --keep run left, every migration applied: nothing is seeded, and the "before" columns stay empty. */
const DATABASE = args.get('database');
/**
 * The at-risk baseline's OR holds one arm per candidate; PostgreSQL's JIT compiles that filter, and
 * with 31 745 arms it was still compiling after 25 minutes, beyond the reach of statement_timeout and
 * of a cancel. So the baseline takes the first AT_RISK_PAIRS candidates, with the JIT off.
 */
const AT_RISK_PAIRS = Number(args.get('at-risk-pairs') ?? 5_000);
/** When given, only this many open dossiers, the oldest, are overdue (see above). */
const OVERDUE = args.has('overdue') ? Number(args.get('overdue')) : undefined;
// the timestamps are UTC, as Prisma writes them
pg.defaults.parseInputDatesAsUTC = true;

/** Applies every migration but `left` (the schema as it was before them). */
async function applyMigrationsWithout(url: string, left: readonly string[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'motcua-plans-'));
  try {
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    for (const name of left) await rm(join(dir, name), { recursive: true, force: true });
    await applyMigrations(url, { migrationsDir: dir });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The access rule as it was: an OR of a column, an IN (subquery) and a correlated EXISTS. */
function accessBefore(access: DossierAccess, first: number): { sql: string; values: unknown[] } {
  const values: unknown[] = [access.agencyIds];
  let sql = `(d."agencyId" = ANY($${first}::uuid[])
    OR d."procedureId" IN (SELECT p.id FROM "Procedure" p WHERE p."agencyId" = ANY($${first}::uuid[]))`;
  if (access.ownAgencyId) {
    values.push(access.ownAgencyId);
    sql += ` OR EXISTS (SELECT 1 FROM "InterAgencyTransfer" t WHERE t."dossierId" = d.id AND t."toAgencyId" = $${first + 1}::uuid)`;
  }
  return { sql: `${sql})`, values };
}

/** The list's page and exact count as they were, in an interactive transaction. */
function listBefore(access: DossierAccess, query: DossierListQuery, now: Date): { page: Statement; total: Statement } {
  const rule = accessBefore(access, 1);
  const conditions = [rule.sql];
  const values = [...rule.values];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.status) conditions.push(`d.status::text = ${param(query.status)}`);
  if (query.timeliness === 'overdue') {
    conditions.push(`d."finishedAt" IS NULL AND d.status::text IN ('received', 'in_progress', 'at_other_agency', 'result_ready')
      AND d."dueAt" < ${param(now)}`);
  }
  if (query.q) {
    const pattern = `%${query.q}%`;
    conditions.push(
      `(d.code ILIKE ${param(pattern)} OR d."applicantName" ILIKE ${param(pattern)} OR d."applicantIdNumber" = ${param(query.q)})`,
    );
  }
  const where = conditions.join(' AND ');
  return {
    page: {
      text: `SELECT d.id::text AS id FROM "Dossier" d WHERE ${where} ORDER BY d."receivedAt" DESC, d.code DESC LIMIT 25 OFFSET 0`,
      values,
    },
    total: { text: `SELECT COUNT(*)::int AS total FROM "Dossier" d WHERE ${where}`, values },
  };
}

/** The register as Prisma read it: the rows by period and access, then their versions and agencies. */
function registerBefore(agencyIds: string[], from: Date, to: Date): Statement {
  const rule = accessBefore({ agencyIds }, 3);
  return {
    text: `SELECT d.code, d.status, d."applicantName", d."applicantAddress", d."applicantPhone", d."receivedAt", d."dueAt",
                  d."originalDueAt", d."finishedAt", d."resultDelivery", d."returnedVia", d."procedureVersionId", d."procedureId"
           FROM "Dossier" d WHERE d."receivedAt" >= $1 AND d."receivedAt" < $2 AND ${rule.sql}
           ORDER BY d."receivedAt" ASC, d.code ASC`,
    values: [from, to, ...rule.values],
  };
}

interface Path {
  name: string;
  who: string;
  before: Statement[];
  after: Statement[];
  /** The dossier list's page and total as one walk with the access rule's OR. */
  or?: Statement[];
}

/** A scratch database to seed, or the one --database names. */
async function provinceDatabase(): Promise<{ url: string; seeded: boolean; drop(): Promise<void> }> {
  if (DATABASE) return { url: DATABASE, seeded: true, drop: async () => undefined };
  const database = await createTestDatabase(pg, 'motcua_plans');
  return { ...database, seeded: false };
}

async function main(): Promise<void> {
  const database = await provinceDatabase();
  const client = new pg.Client({ connectionString: database.url });
  // dropping the database WITH (FORCE) at the end ends this connection too: not an error then
  client.on('error', () => undefined);
  const report: string[] = [];
  try {
    const started = Date.now();
    const seconds = (ms: number) => `${((Date.now() - ms) / 1000).toFixed(0)} s`;
    if (database.seeded) await client.connect();
    else {
      await applyMigrationsWithout(database.url, [MIGRATION, BRANCH_MIGRATION]);
      await client.connect();
      await client.query(SEED(DOSSIERS));
      // as autovacuum leaves a table of history: its pages marked all-visible, so an index-only read needs no row
      await client.query('VACUUM ANALYZE');
      console.log(`seeded ${DOSSIERS} dossiers in ${seconds(started)} (${database.url})`);
    }

    if (OVERDUE !== undefined) await keepMostDeadlines(client, OVERDUE);

    const agency = async (code: string) =>
      (await client.query<{ id: string }>('SELECT id::text AS id FROM "Agency" WHERE code = $1', [code])).rows[0]!.id;
    const province = await agency('000.00.00.H41');
    const district = await agency('000.00.01.H41');
    const all = (await client.query<{ id: string }>('SELECT id::text AS id FROM "Agency"')).rows.map((r) => r.id);
    const subtree = (
      await client.query<{ id: string }>(`SELECT id::text AS id FROM "Agency" WHERE id = $1 OR "parentId" = $1`, [
        district,
      ])
    ).rows.map((r) => r.id);
    const sample = (
      await client.query<{ applicantName: string; applicantIdNumber: string }>(
        `SELECT d."applicantName", d."applicantIdNumber" FROM "Dossier" d WHERE d."agencyId" = $1
         ORDER BY d."receivedAt" DESC OFFSET 100 LIMIT 1`,
        [district],
      )
    ).rows[0]!;
    const counts = (
      await client.query<{ dossiers: number; open: number; district: number; flagged: number; transfers: number }>(
        `SELECT (SELECT count(*) FROM "Dossier")::int AS dossiers,
                (SELECT count(*) FROM "Dossier" WHERE "finishedAt" IS NULL)::int AS open,
                (SELECT count(*) FROM "Dossier" d JOIN "Procedure" p ON p.id = d."procedureId"
                  WHERE d."agencyId" = $1 OR p."agencyId" = $1)::int AS district,
                (SELECT count(*) FROM "DossierEvent" WHERE type = 'at_risk')::int AS flagged,
                (SELECT count(*) FROM "InterAgencyTransfer")::int AS transfers`,
        [district],
      )
    ).rows[0]!;
    const header =
      `${counts.dossiers} dossiers (${counts.open} open, ${counts.flagged} flagged at risk, ${counts.transfers} transfers); ` +
      `the busiest district sees ${counts.district} as a specialist; q = "${sample.applicantName}" / ${sample.applicantIdNumber}`;
    console.log(header);
    report.push(header);

    const now = new Date();
    const bounds = { now, nearlyDueUntil: new Date(now.getTime() + 86_400_000) };
    const provinceAdminBefore: DossierAccess = { agencyIds: all, ownAgencyId: province };
    const provinceAdmin: DossierAccess = { ...provinceAdminBefore, seesEveryAgency: true };
    const specialist: DossierAccess = { agencyIds: [district], ownAgencyId: district };
    const partnerAgency = await agency('000.30.01.H41');
    const partner: DossierAccess = { agencyIds: [partnerAgency], ownAgencyId: partnerAgency };
    const leader: DossierAccess = { agencyIds: subtree, ownAgencyId: district };
    const month = { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1) - 7 * 3_600_000) };
    const monthTo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1) - 7 * 3_600_000);

    const queries: [string, Partial<DossierListQuery>][] = [
      ['list, first page', {}],
      ['list ?status=in_progress', { status: 'in_progress' }],
      ['list ?timeliness=overdue', { timeliness: 'overdue' }],
      ['list ?timeliness=nearly_due', { timeliness: 'nearly_due' }],
      // deep pages: each walk reads the pages before the one asked for
      ['list, page 40', { page: 40 }],
      ['list ?timeliness=overdue, page 20', { timeliness: 'overdue', page: 20 }],
      ['list ?q=<name>', { q: sample.applicantName }],
      ['list ?q=<identity number>', { q: sample.applicantIdNumber }],
    ];
    const paths: Path[] = [];
    for (const [who, accessBeforeNow, accessAfter] of [
      ['province admin', provinceAdminBefore, provinceAdmin],
      ['district specialist', specialist, specialist],
      ['district leader', leader, leader],
      ['partner agency specialist', partner, partner],
    ] as const) {
      for (const [name, filters] of queries) {
        const query: DossierListQuery = { page: 1, perPage: 25, ...filters };
        const old = listBefore(accessBeforeNow, query, now);
        const now_ = listStatements(accessAfter, query, bounds);
        const or = listStatementsByOr(accessAfter, query, bounds);
        paths.push({
          name,
          who,
          before: [old.page, old.total],
          after: 'search' in now_ ? [fromPrisma(now_.search)] : [fromPrisma(now_.page), fromPrisma(now_.total)],
          or: [fromPrisma(or.page), fromPrisma(or.total)],
        });
      }
    }
    paths.push({
      name: 'register, a month',
      who: 'district leader',
      before: [registerBefore(subtree, month.from, monthTo)],
      after: [fromPrisma(registerStatement({ agencyIds: subtree }, month.from, monthTo))],
    });
    paths.push({
      name: 'register, a month',
      who: 'province admin',
      before: [registerBefore(all, month.from, monthTo)],
      after: [fromPrisma(registerStatement({ agencyIds: all, seesEveryAgency: true }, month.from, monthTo))],
    });
    const threshold = new Date(now.getTime() + 86_400_000);

    const timedBefore = new Map<Path, Timed[]>();
    for (const path of database.seeded ? [] : paths) {
      timedBefore.set(path, await timeAll(client, path.before));
      console.log(
        `before: ${path.name}, ${path.who}: ${timedBefore
          .get(path)!
          .map((t) => t.ms.toFixed(1))
          .join(' / ')} ms`,
      );
    }
    // the at-risk scan as it was: the candidates, then an OR of every (dossier, key) pair
    const candidates = await client.query<{ id: string; dueAt: Date }>(
      `SELECT d.id::text AS id, d."dueAt" FROM "Dossier" d
       WHERE d.status IN ('received', 'in_progress', 'at_other_agency') AND d."dueAt" <= $1 AND d."processInstanceId" IS NOT NULL
       ORDER BY d."dueAt"`,
      [threshold],
    );
    const paired = candidates.rows.slice(0, AT_RISK_PAIRS);
    const pairs = paired.map(
      (row, index) => `("dossierId" = $${2 * index + 1}::uuid AND "dedupeKey" = $${2 * index + 2})`,
    );
    const atRiskBefore: Statement = {
      text: `SELECT "dossierId" FROM "DossierEvent" WHERE type = 'at_risk' AND (${pairs.join(' OR ') || 'false'})`,
      values: paired.flatMap((row) => [row.id, `at-risk:${row.dueAt.toISOString()}`]),
    };
    let atRiskTimedBefore: Timed | undefined;
    if (!database.seeded) {
      await client.query(`SET jit = off`);
      atRiskTimedBefore = await timeStatement(client, 1, atRiskBefore).catch((error: unknown) => ({
        ms: Number.NaN,
        rows: 0,
        plan: String(error),
      }));
      await client.query(`RESET jit`);
      const migrating = Date.now();
      await applyMigrationsWithout(database.url, [BRANCH_MIGRATION]);
      await client.query('ANALYZE');
      console.log(`applied ${MIGRATION} in ${seconds(migrating)}`);
    }
    // the OR form on the indexes it had, when the database has not had the branch migration yet
    const branchIndexesBefore = await branchMigrationApplied(client);
    const timedOr = new Map<Path, Timed[]>();
    for (const path of paths) if (path.or) timedOr.set(path, await timeAll(client, path.or));
    const branching = Date.now();
    await applyMigrations(database.url);
    await client.query('VACUUM ANALYZE "Dossier"');
    console.log(
      branchIndexesBefore
        ? `${BRANCH_MIGRATION} was applied already: the OR form was timed with its indexes`
        : `applied ${BRANCH_MIGRATION} in ${seconds(branching)}`,
    );
    const atRiskTimedAfter = await timeStatement(client, RUNS, fromPrisma(unflaggedStatement(threshold)));
    const primaryKeyRead = await timeStatement(client, RUNS, {
      text: `SELECT d.* FROM "Dossier" d WHERE d.id = (SELECT id FROM "Dossier" WHERE "agencyId" = $1 LIMIT 1)`,
      values: [district],
    });

    const cell = (timed: Timed | undefined) => (timed ? timed.ms.toFixed(1) : '—');
    const lines = [
      `| path | who | before: page ms | before: count ms | OR form: page ms | OR form: count ms | after: page ms | after: count ms | rows (page / total) | same as the OR form |`,
      `| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`,
      `| primary-key read of one dossier | — | — | — | — | — | ${cell(primaryKeyRead)} | — | 1 | — |`,
    ];
    for (const path of paths) {
      const old = timedBefore.get(path) ?? [];
      const or = timedOr.get(path) ?? [];
      const now_ = await timeAll(client, path.after);
      // a list's page and total; a text search answers both in one row (searchStatement)
      const answers = async (statements: Statement[]) => {
        const results = await Promise.all(statements.map(async (s) => (await client.query(s.text, s.values)).rows));
        const [found] = results[0]!;
        const both =
          results.length === 1 ? [found.ids.map((id: string) => ({ id })), [{ total: found.total }]] : results;
        return JSON.stringify(both);
      };
      const totalStatement = path.after[1] ?? (path.or ? path.after[0] : undefined);
      const [total] = totalStatement
        ? (await client.query<{ total: number }>(totalStatement.text, totalStatement.values)).rows
        : [];
      const same = path.or ? ((await answers(path.or)) === (await answers(path.after)) ? 'yes' : '**NO**') : '—';
      lines.push(
        `| ${path.name} | ${path.who} | ${cell(old[0])} | ${cell(old[1])} | ${cell(or[0])} | ${cell(or[1])} | ` +
          `${cell(now_[0])} | ${cell(now_[1])} | ${now_[0]!.rows}${total ? ` / ${total.total}` : ''} | ${same} |`,
      );
      report.push(
        ...(old.length > 0
          ? [`\n=== ${path.name} — ${path.who}: BEFORE\n${old.map((t) => t.plan).join('\n---\n')}`]
          : []),
        ...(or.length > 0
          ? [`\n=== ${path.name} — ${path.who}: OR FORM\n${or.map((t) => t.plan).join('\n---\n')}`]
          : []),
        `\n=== ${path.name} — ${path.who}: AFTER\n${now_.map((t) => t.plan).join('\n---\n')}`,
      );
    }
    lines.push(
      `| at-risk scan: already flagged? (${candidates.rowCount} candidates; before: ${paired.length} pairs, JIT off) | ` +
        `workers | ${atRiskTimedBefore ? atRiskTimedBefore.ms.toFixed(0) : '—'} | — | — | — | ` +
        `${atRiskTimedAfter.ms.toFixed(1)} | — | ${atRiskTimedAfter.rows} to flag | — |`,
    );
    report.push(
      ...(atRiskTimedBefore
        ? [`\n=== at-risk: BEFORE (one run)\n${atRiskTimedBefore.plan.split('\n').slice(0, 12).join('\n')}`]
        : []),
      `\n=== at-risk: AFTER\n${atRiskTimedAfter.plan}`,
    );
    console.log(lines.join('\n'));
    report.unshift(lines.join('\n'));
    await mkdir(join(OUT, '..'), { recursive: true });
    await writeFile(OUT, `${report.join('\n')}\n`);
    console.log(`plans: ${OUT}`);
  } finally {
    await client.end().catch(() => undefined);
    if (KEEP || DATABASE) console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

/**
 * The open dossiers' appointments as a province that keeps most of its deadlines: the `overdue`
 * oldest open dossiers a day past theirs, the next `overdue` due within the day (nearly due with a
 * lead of one day, as the statements here are asked), the rest a week or more ahead. Then ANALYZE,
 * as autovacuum would after such a change.
 */
async function keepMostDeadlines(client: pg.Client, overdue: number): Promise<void> {
  const started = Date.now();
  await client.query(
    `WITH ranked AS (SELECT id, row_number() OVER (ORDER BY "receivedAt", code) AS n
                     FROM "Dossier" WHERE "finishedAt" IS NULL)
     UPDATE "Dossier" d
     SET "dueAt" = CASE WHEN ranked.n <= $1 THEN now() AT TIME ZONE 'UTC' - interval '1 day'
                        WHEN ranked.n <= 2 * $1 THEN now() AT TIME ZONE 'UTC' + interval '12 hours'
                        ELSE d."receivedAt" + interval '60 days' END
     FROM ranked WHERE d.id = ranked.id`,
    [overdue],
  );
  await client.query('VACUUM ANALYZE "Dossier"');
  console.log(`appointments set: ${overdue} overdue, ${overdue} nearly due (${Date.now() - started} ms)`);
}

async function branchMigrationApplied(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query(
    'SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL',
    [BRANCH_MIGRATION],
  );
  return rows.length > 0;
}

async function timeAll(client: pg.Client, statements: Statement[]): Promise<Timed[]> {
  const timed: Timed[] = [];
  for (const statement of statements) timed.push(await timeStatement(client, RUNS, statement));
  return timed;
}

await main();
