/**
 * The work list's SQL at province scale (issue 8, target: an officer's first task page p95 ≤ 50 ms at
 * 100 000 open tasks): the two statements GET /api/tasks sends (server/src/repositories/
 * task-repository.ts, the very Prisma.Sql it builds) over the projection of open tasks
 * (domain/src/open-tasks.ts), timed by EXPLAIN ANALYZE beside a primary-key read of one task, the
 * cheapest statement on the same rows, in one run; and beside them, as the baseline, the statements
 * as they were before the tasks kept copies of their dossiers' columns (each task joined with its
 * dossier), which must give the same page and total for every request.
 *
 *   node --conditions=@motcua/source --import tsx bench/work-list-plans.ts [--dossiers=1000000] [--tasks=100000] [--runs=5] [--reseed]
 *
 * It reads the database bench/work-list-province.ts keeps on the machine's PostgreSQL (BENCH_PG_URL):
 * the province of bench/province-sql.ts with `--tasks` open tasks as the projection holds them
 * (OPEN_TASKS there says how), seeded unless it already has these sizes; the triggers of the
 * migrations fill each task's copies of its dossier and its offers as they do in production. Beside the statements of the work
 * list it times two earlier forms in the same run, which must answer the same: the tasks filtered by
 * the GIN index on their array of groups (before the offers), and every task joined with its dossier
 * (before the copies). Why SQL only: seeding 100 000 open tasks in the engine takes about two hours
 * on this machine (docs/benchmarks.md), and the statements are what the projection changes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TASK_LIST_TOTAL_CAP, type QueryTask, type Role } from '@motcua/common';
import { createDb, Prisma } from '@motcua/db';
import { dossierAccessOf, sqlWorksNow, type DossierAccess } from '@motcua/domain';
import { timelinessCondition, type TimelinessBounds } from '../server/src/repositories/dossier-repository.js';
import { sqlOfferedTo, WORK_LIST_ROW, workListStatements } from '../server/src/repositories/task-repository.js';
import { joinedWorkListStatements } from '../server/test/helpers/work-list-joined.js';
import type { TokenPayload } from '../server/src/schemas/auth.js';
import { benchArguments } from './arguments.js';
import { fromPrisma, timeStatement, type Statement, type Timed } from './province-sql.js';
import { workListProvince } from './work-list-province.js';

if (process.env.BENCH_PG_URL) process.env.TEST_PG_URL = process.env.BENCH_PG_URL;
const OUT = fileURLToPath(new URL('../data/bench/work-list-plans.txt', import.meta.url));
const args = benchArguments();
const DOSSIERS = Number(args.get('dossiers') ?? 1_000_000);
const TASKS = Number(args.get('tasks') ?? 100_000);
const RUNS = Number(args.get('runs') ?? 5);
pg.defaults.parseInputDatesAsUTC = true;

/**
 * The statements as they were before the offers (20261207000000_open_task_offers), the second
 * baseline: the tasks of the caller's groups found in "OpenTask" by the GIN index on the array of
 * groups, filtered on the task's copies of its dossier, every one of them sorted for the page and
 * read again for the count.
 */
function copiesWorkListStatements(
  caller: TokenPayload,
  access: DossierAccess,
  query: QueryTask,
  bounds: TimelinessBounds,
): { page: Prisma.Sql; total: Prisma.Sql } {
  const sql = Prisma.sql;
  const where = Prisma.join(
    [
      ...sqlOfferedTo(caller, query),
      sql`t."dossierId" IS NOT NULL`,
      sqlWorksNow(access, {
        id: sql`t."dossierId"`,
        agencyId: sql`t."dossierAgencyId"`,
        procedureId: sql`t."dossierProcedureId"`,
      }),
      ...(query.procedureCode
        ? [
            sql`t."dossierProcedureId" = ANY(ARRAY(SELECT p.id FROM "Procedure" p WHERE p.code = ${query.procedureCode}))`,
          ]
        : []),
      ...(query.dossierCode ? [sql`t."dossierCode" LIKE ${`${query.dossierCode}%`}`] : []),
      ...(query.timeliness
        ? [
            timelinessCondition(query.timeliness, bounds, {
              status: sql`t."dossierStatus"`,
              dueAt: sql`t."dossierDueAt"`,
              finishedAt: sql`t."dossierFinishedAt"`,
            }),
          ]
        : []),
    ],
    ' AND ',
  );
  const order = query.order === 'desc' ? sql`DESC` : sql`ASC`;
  const sorted = sql`ORDER BY ${query.sort === 'created' ? sql`t.created` : sql`t.due`} ${order}, t.id ${order}`;
  return {
    page: sql`
      SELECT ${WORK_LIST_ROW}
      FROM (SELECT t.id, t.name, t."taskDefinitionKey", t."processDefinitionId", t.assignee, t.created, t.due, t."dossierId"
            FROM "OpenTask" t WHERE ${where} ${sorted}
            LIMIT ${query.perPage} OFFSET ${(query.page - 1) * query.perPage}) t
      JOIN "Dossier" d ON d.id = t."dossierId"
      JOIN "Procedure" p ON p.id = d."procedureId"
      JOIN "ProcedureVersion" v ON v.id = d."procedureVersionId"
      ${sorted}`,
    total: sql`SELECT COUNT(*)::int AS total FROM "OpenTask" t WHERE ${where}`,
  };
}

/**
 * What a page and its total answered, to compare the forms of the statements; the total as the API
 * answers it, counted up to TASK_LIST_TOTAL_CAP (the form before the offers counted every task).
 */
async function answerOf(client: pg.Client, statements: { page: Prisma.Sql; total: Prisma.Sql }): Promise<string> {
  const page = await client.query(statements.page.text, statements.page.values);
  const total = await client.query<{ total: number }>(statements.total.text, statements.total.values);
  return JSON.stringify([Math.min(total.rows[0]!.total, TASK_LIST_TOTAL_CAP + 1), page.rows]);
}

interface Case {
  name: string;
  caller: TokenPayload;
  query: Partial<QueryTask>;
}

async function main(): Promise<void> {
  const started = Date.now();
  const databaseUrl = await workListProvince({ dossiers: DOSSIERS, tasks: TASKS, reseed: args.has('reseed') });
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  const db = createDb(databaseUrl, { max: 2 });
  try {
    await client.connect();
    const counts = (
      await client.query<{ dossiers: number; open: number; tasks: number; busiest: number }>(
        `SELECT (SELECT count(*) FROM "Dossier")::int AS dossiers,
                (SELECT count(*) FROM "Dossier" WHERE "finishedAt" IS NULL)::int AS open,
                (SELECT count(*) FROM "OpenTask")::int AS tasks,
                (SELECT count(*) FROM "OpenTask" WHERE 'specialist:000.00.01.H41' = ANY("candidateGroups"))::int AS busiest`,
      )
    ).rows[0]!;
    console.log(
      `seeded ${counts.dossiers} dossiers, ${counts.open} open, ${counts.tasks} open tasks ` +
        `(${counts.busiest} offered to the busiest district's specialists), ready in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );

    // the caller's access as the server computes it per request (a leader sees the agencies below)
    const officer = async (
      role: Role | Role[],
      code: string,
    ): Promise<{ caller: TokenPayload; access: DossierAccess }> => {
      const roles = [role].flat();
      return {
        caller: { sub: roles[0]!, roles, agencyCode: code } as TokenPayload,
        access: await dossierAccessOf(db, { agencyCode: code, roles }),
      };
    };
    const busiest = await officer('specialist', '000.00.01.H41');
    const leader = await officer('leader', '000.00.01.H41');
    const commune = await officer('specialist', '011.01.01.H41');
    // two roles, two groups: the page is the union of two ranges
    const both = await officer(['specialist', 'leader'], '000.00.01.H41');
    const codePrefix = (
      await client.query<{ code: string }>(
        `SELECT left(d.code, 20) AS code FROM "OpenTask" t JOIN "Dossier" d ON d."processInstanceId" = t."processInstanceId"
         WHERE 'specialist:000.00.01.H41' = ANY(t."candidateGroups") LIMIT 1`,
      )
    ).rows[0]!.code;
    const now = new Date();
    const bounds = { now, nearlyDueUntil: new Date(now.getTime() + 2 * 86_400_000) };
    const base: QueryTask = { page: 1, perPage: 25, sort: 'due', order: 'asc' };
    const cases: (Case & { who: typeof busiest })[] = [
      { name: 'first page, by due date', who: busiest, caller: busiest.caller, query: {} },
      {
        name: 'first page, newest first',
        who: busiest,
        caller: busiest.caller,
        query: { sort: 'created', order: 'desc' },
      },
      { name: 'page 40', who: busiest, caller: busiest.caller, query: { page: 40 } },
      { name: 'overdue', who: busiest, caller: busiest.caller, query: { timeliness: 'overdue' } },
      { name: 'nearly due', who: busiest, caller: busiest.caller, query: { timeliness: 'nearly_due' } },
      {
        name: 'one procedure',
        who: busiest,
        caller: busiest.caller,
        query: { procedureCode: '2.000720-000.00.01.H41' },
      },
      { name: 'dossier code prefix', who: busiest, caller: busiest.caller, query: { dossierCode: codePrefix } },
      { name: 'mine only', who: busiest, caller: busiest.caller, query: { assignment: 'mine' } },
      { name: 'leader, claimable only', who: leader, caller: leader.caller, query: { assignment: 'claimable' } },
      { name: 'not yet due', who: busiest, caller: busiest.caller, query: { timeliness: 'not_due' } },
      { name: 'leader, first page', who: leader, caller: leader.caller, query: {} },
      { name: 'commune specialist, first page', who: commune, caller: commune.caller, query: {} },
      { name: 'specialist and leader, first page', who: both, caller: both.caller, query: {} },
      { name: 'specialist and leader, overdue', who: both, caller: both.caller, query: { timeliness: 'overdue' } },
    ];
    const pointRead: Statement = { text: 'SELECT * FROM "OpenTask" WHERE id = $1', values: ['task-1'] };
    const baseline = await timeStatement(client, RUNS, pointRead);
    const lines = [
      `Work list SQL at ${counts.dossiers} dossiers / ${counts.tasks} open tasks, median of ${RUNS} EXPLAIN ANALYZE runs (planning + execution).`,
      `Baseline in the same run: a primary-key read of one task, ${baseline.ms.toFixed(2)} ms.`,
      '',
      '| request | page (ms) | total (ms) | page + total (ms) | × baseline | before the offers: page + total (ms) | joined page + total (ms) | tasks counted | same answer |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ];
    const plans: string[] = [];
    for (const testCase of cases) {
      const query = { ...base, ...testCase.query };
      const statements = workListStatements(testCase.caller, testCase.who.access, query, bounds);
      const joined = joinedWorkListStatements(testCase.caller, testCase.who.access, query, bounds);
      const copies = copiesWorkListStatements(testCase.caller, testCase.who.access, query, bounds);
      const page: Timed = await timeStatement(client, RUNS, fromPrisma(statements.page));
      const total: Timed = await timeStatement(client, RUNS, fromPrisma(statements.total));
      const copiesPage: Timed = await timeStatement(client, RUNS, fromPrisma(copies.page));
      const copiesTotal: Timed = await timeStatement(client, RUNS, fromPrisma(copies.total));
      const joinedPage: Timed = await timeStatement(client, RUNS, fromPrisma(joined.page));
      const joinedTotal: Timed = await timeStatement(client, RUNS, fromPrisma(joined.total));
      // every task the request matches, counted by the form before the offers (the API counts up to its cap)
      const counted = (await client.query<{ total: number }>(copies.total.text, copies.total.values)).rows[0]!.total;
      const answer = await answerOf(client, statements);
      const same = answer === (await answerOf(client, joined)) && answer === (await answerOf(client, copies));
      const sum = page.ms + total.ms;
      lines.push(
        `| ${testCase.name} | ${page.ms.toFixed(1)} | ${total.ms.toFixed(1)} | ${sum.toFixed(1)} | ${(sum / baseline.ms).toFixed(0)} | ` +
          `${(copiesPage.ms + copiesTotal.ms).toFixed(1)} | ${(joinedPage.ms + joinedTotal.ms).toFixed(1)} | ${counted} | ${same ? 'yes' : 'NO'} |`,
      );
      plans.push(
        `── ${testCase.name}: page\n${page.plan}\n── ${testCase.name}: total\n${total.plan}\n` +
          `── ${testCase.name}: page before the offers\n${copiesPage.plan}\n── ${testCase.name}: total before the offers\n${copiesTotal.plan}\n` +
          `── ${testCase.name}: joined page (before)\n${joinedPage.plan}\n── ${testCase.name}: joined total (before)\n${joinedTotal.plan}\n`,
      );
    }
    console.log(lines.join('\n'));
    await mkdir(join(OUT, '..'), { recursive: true });
    await writeFile(OUT, `${lines.join('\n')}\n\n${plans.join('\n')}`);
    console.log(`plans: ${OUT}`);
  } finally {
    await db.$disconnect();
    await client.end().catch(() => undefined);
  }
}

await main();
