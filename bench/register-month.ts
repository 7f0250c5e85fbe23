/**
 * A province's month of the tracking register at 1 000 000 dossiers (issue 8, target ≤ 1 s), the way
 * the register was read before beside the way it is read now, in one run on the same rows.
 *
 *   node --conditions=@motcua/source --import tsx bench/register-month.ts [--dossiers=1000000] [--runs=7] [--reseed]
 *
 * On the machine's PostgreSQL (BENCH_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
 * it keeps a database, `motcua_bench_register`, filled in plain SQL with bench/province-sql.ts's
 * province (bench/kept-database.ts: a second run of the same size reuses it, --reseed makes it
 * again; seeding 1 000 000 dossiers took 196 s here). It builds the API server in this process against that database (no engine: the
 * register does not call it), signs a token for an admin of the province's root agency, and times,
 * each the median and p95 of --runs after one warm-up:
 *   - the register's statements alone, as before and as now (EXPLAIN ANALYZE), with the server's
 *     work_mem and with the one the register's read sets, taken in turn;
 *   - GET /api/reports/register for the last whole month, over HTTP from curl (a process of its own):
 *     auth, access, the read, the answer written;
 *   - the same month read as before (Prisma's $queryRaw of registerStatement, the rows mapped to
 *     entries and written by the route's serializer), on a route the benchmark adds with the same
 *     schema and the same checks of the token, so only the read and the writing differ;
 *   - GET /api/reports/register.pdf for the same month: what the admin UI downloads.
 * Beside each request's wall time, the CPU it took in this process and in the database's backends
 * (from /proc): on a machine whose cores others share, the CPU says what the request costs.
 * It checks that both give the same answer, byte for byte, prints the table, and keeps the database.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Prisma } from '@motcua/db';
import Fastify, { type FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Register } from '@motcua/common';
import app, { serverOptions } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import {
  REGISTER_WORK_MEM,
  registerEntriesStatement,
  registerStatement,
  type RegisterDossier,
} from '../server/src/repositories/report-repository.js';
import { periodBounds } from '../server/src/services/register-service.js';
import { RegisterQuerySchema, RegisterSchema } from '../server/src/schemas/reports.js';
import { benchArguments } from './arguments.js';
import { databaseUrlOf, keptDatabase } from './kept-database.js';
import { SEED, type Statement } from './province-sql.js';

const args = benchArguments();
const DOSSIERS = Number(args.get('dossiers') ?? 1_000_000);
const RUNS = Number(args.get('runs') ?? 7);
const RESEED = args.has('reseed');
const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'motcua_bench_register';
const databaseUrl = databaseUrlOf(ADMIN_URL, DATABASE);
const ROOT_AGENCY = '000.00.00.H41';
const ADMIN = 'bench.register.admin';
pg.defaults.parseInputDatesAsUTC = true;

const execFileAsync = promisify(execFile);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** bench/province-sql.ts's province and an admin of its root, seeding the kept database. */
async function seedProvince(client: pg.Client): Promise<void> {
  await client.query(SEED(DOSSIERS));
  await client.query(`INSERT INTO "Account" (id, username, "passwordHash", "fullName", roles, "agencyId")
    SELECT gen_random_uuid(), '${ADMIN}', 'not-a-hash', 'Quản trị tỉnh', ARRAY['admin']::"Role"[], id
    FROM "Agency" WHERE code = '${ROOT_AGENCY}'`);
}

/** The last whole calendar month before today, as the register's query (YYYY-MM-DD). */
function lastWholeMonth(now = new Date()): { from: string; to: string } {
  const firstOfThisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const lastOfPrevious = new Date(firstOfThisMonth - 86_400_000);
  const firstOfPrevious = new Date(Date.UTC(lastOfPrevious.getUTCFullYear(), lastOfPrevious.getUTCMonth(), 1));
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return { from: day(firstOfPrevious), to: day(lastOfPrevious) };
}

/**
 * The register as it was read before (commit 5bc1f06): Prisma's $queryRaw and its row mapping, every
 * column of the statement, the entries mapped from the rows. Mounted beside the real route, behind
 * the same auth checks and response schema.
 */
const registerBefore: FastifyPluginAsyncZod = async (fastify) => {
  // the API's auth hook is inside its own plugin: the same checks, here
  fastify.addHook('onRequest', async (request) => {
    await request.jwtVerify();
    if (
      !(await fastify.accounts.tokenIsCurrent(request.user)) ||
      (await fastify.accounts.mustChangePassword(request.user))
    )
      throw new Error('the benchmark token is not current');
  });
  fastify.get(
    '/register-before',
    {
      schema: { querystring: RegisterQuerySchema, response: { 200: RegisterSchema } },
    },
    async (request): Promise<Register> => {
      const access = await fastify.dossiers.accessOf(request.user);
      const agency = (await fastify.db.agency.findUnique({ where: { code: request.user.agencyCode } }))!;
      const bounds = periodBounds(request.query);
      const dossiers = await fastify.db.$queryRaw<RegisterDossier[]>(
        registerStatement(
          { agencyIds: access.agencyIds, ...(access.seesEveryAgency ? { seesEveryAgency: true } : {}) },
          bounds.from,
          bounds.to,
        ),
      );
      return {
        agency: { code: agency.code, name: agency.name },
        from: request.query.from,
        to: request.query.to,
        // the serializer writes the schema's properties only, returnedVia left out
        entries: dossiers.map((dossier, index) => ({
          ...dossier,
          index: index + 1,
          receivedAt: dossier.receivedAt.toISOString(),
          originalDueAt: dossier.originalDueAt?.toISOString() ?? null,
          dueAt: dossier.dueAt?.toISOString() ?? null,
          finishedAt: dossier.finishedAt?.toISOString() ?? null,
          resultDelivery: dossier.returnedVia ?? dossier.resultDelivery,
        })),
      };
    },
  );
};

async function buildServer(): Promise<FastifyInstance> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    ENGINE_URL: 'http://127.0.0.1:9/engine-rest',
    ENGINE_USER: 'bench',
    ENGINE_PASSWORD: 'bench',
    JWT_SECRET: 'bench-secret-for-the-register-benchmark-0123456789',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
  });
  const server = Fastify(serverOptions(config));
  await server.register(app, { config });
  await server.register(registerBefore, { prefix: '/api/bench' });
  await server.ready();
  return server;
}

interface Timing {
  p50: number;
  p95: number;
  /** CPU per request, the median: of this process (the server) and of the database's backends. */
  serverCpu: number;
  databaseCpu: number;
  bytes: number;
  body: Buffer;
}

const CLOCK_TICKS_PER_MS = 100 / 1000;

/**
 * The CPU time of every backend connected to the benchmark's database, in ms, from /proc (the
 * PostgreSQL server is on this machine): the others' load on the shared cores lengthens the wall time
 * of a request but hardly its CPU time.
 */
async function databaseCpu(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // a backend that ended in between: its last request was counted before
    }
  }
  return ticks / CLOCK_TICKS_PER_MS;
}

/**
 * Each statement's execution time under each work_mem, the median of RUNS (EXPLAIN ANALYZE without
 * per-node timing), the settings taken in turn so that the machine's load falls on them alike.
 */
async function timeStatements(
  client: pg.Client,
  statements: [name: string, statement: Statement][],
  workMems: string[],
): Promise<{ label: string; ms: number; rows: number }[]> {
  const timed = new Map<string, { ms: number[]; rows: number; sort: string }>();
  for (let run = 0; run < RUNS; run++) {
    for (const [name, statement] of statements) {
      for (const workMem of workMems) {
        await client.query(`SET work_mem = '${workMem}'`);
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, TIMING OFF) ${statement.text}`,
          statement.values,
        );
        const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
        const key = `statement, ${name}, work_mem ${workMem}`;
        const entry = timed.get(key) ?? { ms: [], rows: 0, sort: '' };
        entry.ms.push(Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? Number.NaN));
        entry.rows = Number(/actual rows=(\d+)/.exec(rows[0]?.['QUERY PLAN'] ?? '')?.[1] ?? 0);
        entry.sort = /Sort Method: (.*)/.exec(plan)?.[1]?.trim() ?? 'no sort';
        timed.set(key, entry);
      }
    }
  }
  await client.query('RESET work_mem');
  return [...timed].map(([key, { ms, rows, sort }]) => ({ label: `${key} (${sort})`, ms: median(ms), rows }));
}

/**
 * One request by curl, a process of its own, so that this process's CPU is the server's alone (a
 * client here would read the 17 MB answer on the server's thread).
 */
async function fetchWithCurl(url: string, token: string): Promise<{ status: number; body: () => Buffer }> {
  const file = join(tmpdir(), `motcua-register-${process.pid}.json`);
  const { stdout } = await execFileAsync('curl', [
    '-s',
    '-H',
    `Authorization: Bearer ${token}`,
    '-o',
    file,
    '-w',
    '%{http_code}',
    url,
  ]);
  return { status: Number(stdout), body: () => readFileSync(file) };
}

/**
 * The median and p95 of RUNS requests to each URL after one warm-up each, the URLs taken in turn so
 * that the load of the shared machine falls on them alike (p95 of 7 is the slowest but none), with
 * the CPU each request took.
 */
async function timeRequests(baseUrl: string, client: pg.Client, paths: string[], token: string): Promise<Timing[]> {
  const measured = paths.map(() => ({
    times: [] as number[],
    serverCpu: [] as number[],
    databaseCpu: [] as number[],
    body: Buffer.alloc(0) as Buffer,
  }));
  for (let run = 0; run <= RUNS; run++) {
    for (const [which, path] of paths.entries()) {
      const databaseBefore = await databaseCpu(client);
      const serverBefore = process.cpuUsage();
      const started = performance.now();
      const response = await fetchWithCurl(`${baseUrl}${path}`, token);
      const elapsed = performance.now() - started;
      const serverUsed = process.cpuUsage(serverBefore);
      const databaseUsed = (await databaseCpu(client)) - databaseBefore;
      if (response.status !== 200) {
        throw new Error(`${path}: ${response.status} ${response.body().toString('utf8').slice(0, 300)}`);
      }
      const into = measured[which]!;
      into.body = response.body();
      if (run === 0) continue;
      into.times.push(elapsed);
      into.serverCpu.push((serverUsed.user + serverUsed.system) / 1000);
      into.databaseCpu.push(databaseUsed);
    }
  }
  return measured.map(({ times, serverCpu, databaseCpu: database, body }) => {
    times.sort((a, b) => a - b);
    const at = (share: number) => times[Math.min(times.length - 1, Math.ceil(share * times.length) - 1)]!;
    return {
      p50: at(0.5),
      p95: at(0.95),
      serverCpu: median(serverCpu),
      databaseCpu: median(database),
      bytes: body.length,
      body,
    };
  });
}

async function main() {
  const preparing = Date.now();
  await keptDatabase({
    adminUrl: ADMIN_URL,
    name: DATABASE,
    sizes: `${DOSSIERS} dossiers`,
    reseed: RESEED,
    seed: seedProvince,
  });
  console.log(`database ready in ${seconds(preparing)}`);
  const server = await buildServer();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const month = lastWholeMonth();
    const token = server.jwt.sign({
      sub: ADMIN,
      roles: ['admin'],
      agencyCode: ROOT_AGENCY,
      fullName: 'Quản trị tỉnh',
      ver: 0,
    });
    const access = await server.dossiers.accessOf(server.jwt.decode(token)!);
    const registerAccess = {
      agencyIds: access.agencyIds,
      ...(access.seesEveryAgency ? { seesEveryAgency: true } : {}),
    };
    const bounds = periodBounds(month);
    // as node-postgres sends them from the pool: UTC instants
    const plain = (sql: Prisma.Sql) => ({
      text: sql.text,
      values: sql.values.map((value) => (value instanceof Date ? value.toISOString() : value)),
    });
    const serverWorkMem = (await client.query<{ work_mem: string }>('SHOW work_mem')).rows[0]!.work_mem;
    const statements = await timeStatements(
      client,
      [
        ['rows (before)', plain(registerStatement(registerAccess, bounds.from, bounds.to))],
        ['JSON entries (now)', plain(registerEntriesStatement(registerAccess, bounds.from, bounds.to))],
      ],
      [serverWorkMem, REGISTER_WORK_MEM],
    );

    const query = `from=${month.from}&to=${month.to}`;
    await server.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.server.address() as AddressInfo;
    const [before, after, pdf] = await timeRequests(
      `http://127.0.0.1:${port}`,
      client,
      [`/api/bench/register-before?${query}`, `/api/reports/register?${query}`, `/api/reports/register.pdf?${query}`],
      token,
    );
    const same = before!.body.equals(after!.body);

    const entries = (JSON.parse(after!.body.toString('utf8')) as Register).entries.length;
    const ms = (value: number) => value.toFixed(0);
    console.log(`\nA province admin's register, ${month.from}…${month.to}: ${entries} dossiers of ${DOSSIERS}`);
    console.log(`| path | p50 ms | p95 ms | CPU ms: server | CPU ms: PostgreSQL | answer |`);
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
    for (const { label, ms: executed, rows } of statements) {
      console.log(`| ${label} | ${ms(executed)} | — | — | — | ${rows} rows |`);
    }
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    for (const [label, timing] of [
      ['route, as before', before!],
      ['route, now', after!],
      // what the admin UI downloads (register.pdf): the same rows, printed on A4
      ['the PDF, now', pdf!],
    ] as const) {
      console.log(
        `| ${label} | ${ms(timing.p50)} | ${ms(timing.p95)} | ${ms(timing.serverCpu)} | ${ms(timing.databaseCpu)} | ` +
          `${mb(timing.bytes)} |`,
      );
    }
    console.log(`the same answer both ways, byte for byte: ${same}`);
    if (!same) process.exitCode = 1;
  } finally {
    await client.end();
    await server.close();
  }
}

await main();
