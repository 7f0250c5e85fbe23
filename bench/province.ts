/**
 * `npm run bench`: the system at province scale (issue 8). Seeds the machine's PostgreSQL with a
 * province's history and open work (1 000 000 dossiers, 100 000 open tasks by default; kept between
 * runs), starts the engine, the workers, the API server and a bare Fastify + pg read app, checks the
 * fast path of the seed against the real paths, and measures each path with a fixed number of
 * concurrent clients beside its baseline and the target of issue 8. Paths that miss their target are
 * run again under a profiler. Prints one table; `--record` also writes it into docs/benchmarks.md.
 *
 *   npm run bench [-- --record] [-- --reseed] [-- --no-profile] [-- --only=intake,list-admin-q]
 *
 * Environment: BENCH_DOSSIERS (1000000), BENCH_OPEN_TASKS (100000), BENCH_CLIENTS (8),
 * BENCH_SECONDS per path (20), BENCH_PG_URL (the machine's PostgreSQL as superuser, default
 * postgresql://postgres@127.0.0.1:5432/postgres), BENCH_DB (motcua_bench), BENCH_ENGINE_DB
 * (motcua_bench_engine), BENCH_DATA_DIR (data/bench: logs, reports, the engine's files). Loopback only;
 * every process it starts is stopped by its PID at the end.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { legalClockFromEnv, type LegalClockSetup } from '@motcua/common/calendar';
import { freePort } from '@motcua/common/testing';
import { applyMigrations, createDb, loadCalendarDays, seed } from '@motcua/db';
import { deployProcesses } from '@motcua/processes';
import { createAtRiskScan } from '../workers/src/scans/at-risk.js';
import { createCpuMeter } from './province/cpu.js';
import { backlog, BASELINE_KEY, deployBaseline, engineCall, engineClient } from './province/engine.js';
import { provinceAgencies } from './province/model.js';
import {
  autoExplain,
  countingProxy,
  explainedSince,
  logOffset,
  summariseCpuProfile,
  type ExplainedStatement,
  type ProfileSummary,
} from './province/profile.js';
import { measure, scenarios, type Measured, type Scenario, type ScenarioContext } from './province/scenarios.js';
import { loadCatalogue, officersOf, readMarker, SEED_VERSION, seedProvince, writeMarker, type Scale } from './province/seed.js';
import { selfCheck } from './province/self-check.js';
import { createStack, ROOT, type EngineAccess } from './province/stack.js';

const flag = (name: string) => process.argv.includes(`--${name}`);
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const scale: Scale = { dossiers: count('BENCH_DOSSIERS', 1_000_000), openTasks: count('BENCH_OPEN_TASKS', 100_000) };
const clients = count('BENCH_CLIENTS', 8);
const seconds = count('BENCH_SECONDS', 20);
const only = option('only')?.split(',');
const adminUrl = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const appDb = process.env.BENCH_DB ?? 'motcua_bench';
const engineDb = process.env.BENCH_ENGINE_DB ?? 'motcua_bench_engine';
/** The citizen page the messages link to: fixed, so seeded and new messages read the same. */
const PUBLIC_BASE_URL = 'https://motcua.example.vn';

const urlOf = (database: string) => Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const admin = new URL(adminUrl);
const jdbcUrl = `jdbc:postgresql://${admin.hostname}:${admin.port || 5432}/${engineDb}`;
const dataDir = process.env.BENCH_DATA_DIR ?? join(ROOT, 'data', 'bench');
const logDir = join(dataDir, 'logs', new Date().toISOString().replace(/[:.]/g, '-'));
mkdirSync(logDir, { recursive: true });
const log = (line: string) => console.log(line);
const since = (began: number) => `${((Date.now() - began) / 1000).toFixed(1)} s`;

async function adminQuery(sql: string, url = adminUrl): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Both databases as the seed left them when their markers agree with this run; otherwise empty ones. */
async function prepareDatabases(): Promise<{ seeded: boolean; age: string }> {
  const [app, engine] = await Promise.all([readMarker(urlOf(appDb)), readMarker(urlOf(engineDb))]);
  const reusable =
    !flag('reseed') &&
    app !== null &&
    engine !== null &&
    app.id === engine.id &&
    app.version === SEED_VERSION &&
    app.dossiers === scale.dossiers &&
    app.openTasks === scale.openTasks;
  if (reusable) {
    const hours = (Date.now() - app.seededAt.getTime()) / 3_600_000;
    return { seeded: true, age: `seeded ${hours.toFixed(1)} h ago in ${Math.round(app.seconds)} s` };
  }
  for (const database of [appDb, engineDb]) {
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${database}"`);
  }
  return { seeded: false, age: 'seeded now' };
}

/** What the machine and the tree are, for the record. */
function machine(postgresVersion: string) {
  const git = (...args: string[]) => execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain').length > 0;
  return {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    postgres: postgresVersion,
    commit: `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`,
  };
}

/**
 * The paths profiled when they miss their target (each costs a server start and 10 s): one of each
 * kind of work, and the list filters whose plans differ. `--profile-all` profiles every path.
 */
const PROFILED = [
  'intake',
  'public-lookup',
  'officer-read',
  'tasks-first-page',
  'tasks-overdue',
  'list-admin-first',
  'list-admin-timeliness',
  'list-admin-q',
  'list-specialist-status',
  'register-month-province-alone',
];

const ms = (value: number) => (Number.isNaN(value) ? '—' : value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** Whether a measured path meets its target, and its ratio to its baseline. */
function verdict(entry: Measured, all: Measured[]): { ratio: number | null; target: string; met: boolean | null } {
  const { scenario, result } = entry;
  const baseline = all.find((other) => other.scenario.id === scenario.baseline)?.result;
  const ratio = result && baseline ? result.perSecond / baseline.perSecond : null;
  const target = scenario.target;
  if (!target) return { ratio, target: '—', met: null };
  // a path whose every request failed misses its target
  const failed = !result && entry.skipped?.startsWith('failed') ? false : null;
  if (target.kind === 'rate') {
    return { ratio, target: `≥ ${target.ofBaseline} × baseline`, met: ratio === null ? failed : ratio >= target.ofBaseline };
  }
  return { ratio, target: `p95 ≤ ${target.ms} ms`, met: result ? result.p95 <= target.ms : failed };
}

function table(measured: Measured[]): string {
  const lines = [
    '| path | who | req/s | p50 ms | p95 ms | p99 ms | n | × baseline | target | met |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const entry of measured) {
    const { ratio, target, met } = verdict(entry, measured);
    const r = entry.result;
    if (!r) {
      lines.push(`| ${entry.scenario.label} | ${entry.scenario.who} | — | — | — | — | — | — | ${target} | ${entry.skipped ?? 'not run'} |`);
      continue;
    }
    const refused = r.refused > 0 ? ` (${r.refused} refused, 503)` : '';
    const errors = r.errors > 0 ? ` (${r.errors} failed: ${r.firstError?.slice(0, 80)})` : '';
    lines.push(
      `| ${entry.scenario.label} | ${entry.scenario.who} | ${r.perSecond.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.requests}${refused}${errors} | ` +
        `${ratio === null ? '—' : ratio.toFixed(2)} | ${target} | ${met === null ? '—' : met ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Where the CPU went per operation of each path (bench/province/cpu.ts): on a machine whose cores are
 * all busy, a path's rate is bounded by the CPU time one operation costs, and this says who spends it.
 */
function cpuTable(measured: Measured[]): string {
  const names = ['engine', 'server', 'workers', 'postgres', 'bare read', 'load generator'];
  const lines = [
    `| path | machine busy | CPU ms per operation: ${names.join(' | ')} | other | all |`,
    `| --- | ---: | ${names.map(() => '---:').join(' | ')} | ---: | ---: |`,
  ];
  for (const { scenario, result, cpu } of measured) {
    if (!result || !cpu || result.requests === 0) continue;
    const per = (ms: number) => (ms / result.requests).toFixed(2);
    const all = Object.values(cpu.byName).reduce((sum, ms) => sum + ms, 0) + cpu.otherMs;
    lines.push(
      `| ${scenario.id} | ${(cpu.machineBusy * 100).toFixed(0)} % | ${names.map((name) => per(cpu.byName[name] ?? 0)).join(' | ')} | ${per(cpu.otherMs)} | ${per(all)} |`,
    );
  }
  return lines.join('\n');
}

interface Profiled {
  scenario: Scenario;
  requests: number;
  cpu: ProfileSummary | null;
  engineCalls: EngineCalls;
  /** The workers' engine calls in the same time, per request of the path (their own proxy). */
  workerEngineCalls: EngineCalls;
  statements: ExplainedStatement[];
}

type EngineCalls = { call: string; perRequest: number; msPerCall: number }[];

const engineCallsLine = (who: string, calls: EngineCalls) =>
  calls.length === 0
    ? `Engine calls per request, ${who}: none.`
    : `Engine calls per request, ${who}: ` +
      calls.map((call) => `\`${call.call}\` × ${call.perRequest.toFixed(2)} (${call.msPerCall.toFixed(1)} ms each)`).join(', ') +
      '.';

/** What a counting proxy saw, per request of a profiled path. */
const perRequest = (byCall: Map<string, { count: number; ms: number }>, requests: number): EngineCalls =>
  [...byCall].map(([call, stats]) => ({
    call,
    perRequest: stats.count / Math.max(requests, 1),
    msPerCall: stats.ms / stats.count,
  }));

function profileMarkdown(profiles: Profiled[]): string {
  return profiles
    .map((profile) => {
      const cpu = profile.cpu;
      const lines = [`#### ${profile.scenario.label} (${profile.scenario.who}), ${profile.requests} requests profiled`, ''];
      if (cpu) {
        lines.push(
          `Server CPU (self time, ${cpu.totalMs.toFixed(0)} ms in all, ${(cpu.totalMs / Math.max(profile.requests, 1)).toFixed(1)} ms per request): ` +
            cpu.byPackage.slice(0, 8).map((entry) => `${entry.name} ${(entry.share * 100).toFixed(0)} %`).join(', ') + '.',
          '',
          'Hottest functions: ' + cpu.byFunction.slice(0, 6).map((entry) => `\`${entry.name}\` ${(entry.share * 100).toFixed(1)} %`).join(', ') + '.',
          '',
        );
      }
      lines.push(engineCallsLine('server', profile.engineCalls), '', engineCallsLine('workers', profile.workerEngineCalls), '');
      for (const statement of profile.statements.slice(0, 3)) {
        lines.push(
          `Slowest ${statement.database === engineDb ? 'engine' : 'server'} statement seen (${statement.ms.toFixed(1)} ms), auto_explain (ANALYZE, BUFFERS):`,
          '',
          '```',
          statement.text.length > 600 ? `${statement.text.slice(0, 600)} …` : statement.text,
          statement.plan.split('\n').slice(0, 40).join('\n'),
          '```',
          '',
        );
      }
      return lines.join('\n');
    })
    .join('\n');
}

/** Waits until no other session runs a statement in the database for 5 s in a row (sampled every 250 ms). */
async function quietDatabase(database: pg.Pool): Promise<void> {
  let quietSamples = 0;
  while (quietSamples < 20) {
    const { rows } = await database.query(
      `SELECT count(*)::int AS active FROM pg_stat_activity
        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    quietSamples = rows[0].active === 0 ? quietSamples + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const began = Date.now();
const stack = createStack(logDir);
const pool = new pg.Pool({ connectionString: urlOf(appDb), max: 10 });
let baselineDeployed = false;
let explaining = false;
let engineAccess: EngineAccess | undefined;
// Ctrl-C or a stop: what was started is stopped and the databases' settings restored before leaving
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping what the benchmark started…`);
    void Promise.allSettled([explaining ? autoExplain(adminUrl, [appDb, engineDb], null) : null, stack.stopAll()]).then(() =>
      process.exit(130),
    );
  });
}
try {
  const postgresVersion = String((await adminQuery('SHOW server_version')).rows[0].server_version);
  const host = machine(postgresVersion);
  log(`Một Cửa at province scale: ${scale.dossiers} dossiers, ${scale.openTasks} open tasks, ${clients} clients, ${seconds} s per path`);
  log(`Machine: ${host.cpus}, ${host.memory}, Node ${host.node}, PostgreSQL ${host.postgres}; commit ${host.commit}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  log(`Logs: ${logDir}`);

  const databases = await prepareDatabases();
  const access: EngineAccess = { url: '', user: 'bench', password: randomBytes(18).toString('base64url') };
  const enginePort = await freePort();
  access.url = `http://127.0.0.1:${enginePort}/engine-rest`;
  engineAccess = access;
  let clock: LegalClockSetup;
  const engineOptions = { port: enginePort, jdbcUrl, dataDir: join(dataDir, 'engine'), access };
  let step = Date.now();
  let engineProcess = await stack.engine(engineOptions);
  log(`• engine up on PostgreSQL (${engineDb}) in ${since(step)}`);

  step = Date.now();
  await applyMigrations(urlOf(appDb));
  const db = createDb(urlOf(appDb), { max: 2 });
  const atRiskScan = createAtRiskScan({
    db,
    engine: engineClient(access),
    clock: () => clock,
    now: () => new Date(),
    // one line per flagged dossier is the workers' log, not the benchmark's
    logger: { info: () => {}, warn: (fields, message) => console.error(message, fields), error: (fields, message) => console.error(message, fields) },
    intervalMs: 3_600_000,
  });
  let scanSeconds = 0;
  try {
    await seed(db, { demo: true });
    await deployProcesses(engineClient(access));
    clock = legalClockFromEnv(process.env, await loadCalendarDays(db));

    if (!databases.seeded) {
      log(`• seeding ${scale.dossiers} dossiers, ${scale.openTasks} open (fast path, bench/README.md)…`);
      const seedBegan = Date.now();
      await seedProvince({ databaseUrl: urlOf(appDb), engine: access, setup: clock, scale, publicBaseUrl: PUBLIC_BASE_URL, log });
      // the engine's tables grew by the seed in minutes, not over months: its planner needs their statistics now
      await adminQuery('ANALYZE', urlOf(engineDb));
      const marker = { id: randomUUID(), version: SEED_VERSION, ...scale, seededAt: new Date(), seconds: (Date.now() - seedBegan) / 1000 };
      await Promise.all([writeMarker(urlOf(appDb), marker), writeMarker(urlOf(engineDb), marker)]);
      databases.age = `seeded now in ${marker.seconds.toFixed(0)} s`;
    }
    log(`• databases ready (${databases.age}) in ${since(step)}`);

    // what the workers' periodic scan would do first, timed here, so it does not run during the measurements
    step = Date.now();
    const flagged = await atRiskScan.scanOnce();
    scanSeconds = (Date.now() - step) / 1000;
    log(`• at-risk scan (workers/src/scans/at-risk.ts) flagged ${flagged.length} more dossiers in ${since(step)}`);
  } catch (error) {
    await db.$disconnect();
    throw error;
  }

  const jwtSecret = randomBytes(48).toString('hex');
  const serverPort = await freePort();
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const workerEnv = {
    DATABASE_URL: urlOf(appDb),
    ENGINE_URL: access.url,
    ENGINE_USER: access.user,
    ENGINE_PASSWORD: access.password,
    PUBLIC_BASE_URL,
    NOTIFICATION_LOG: join(dataDir, 'notifications.log'),
    // the scan ran above; at the default (5 min) it would run again in the middle of the measurements
    AT_RISK_SCAN_INTERVAL_MS: '3600000',
  };
  const serverEnv = (engineUrl: string) => ({
    DATABASE_URL: urlOf(appDb),
    ENGINE_URL: engineUrl,
    ENGINE_USER: access.user,
    ENGINE_PASSWORD: access.password,
    JWT_SECRET: jwtSecret,
    TOKEN_TTL: '12h',
    PUBLIC_BASE_URL,
    RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE: '1000000',
  });
  step = Date.now();
  let workers = await stack.workers({ env: workerEnv });
  let server = await stack.server({ port: serverPort, env: serverEnv(access.url) });
  const barePort = await freePort();
  const bareRead = await stack.bareRead({ port: barePort, databaseUrl: urlOf(appDb) });
  log(`• workers, API server and bare read app up in ${since(step)}`);
  const cpu = createCpuMeter(
    { engine: () => engineProcess.pid, server: () => server.pid, workers: () => workers.pid, 'bare read': () => bareRead.pid },
    pool,
    [appDb, engineDb],
  );

  // timers of steps that fell due since the seed fire now; the workers write their reminders
  step = Date.now();
  for (;;) {
    const waiting = await backlog(access, 'remind-step-overdue');
    if (waiting.dueTimers === 0 && waiting.externalTasks === 0) break;
    if (Date.now() - step > 3_600_000) throw new Error(`the engine's backlog did not drain: ${JSON.stringify(waiting)}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  log(`• overdue-step reminders caught up in ${since(step)}`);
  // the work list reads the workers' projection of the engine's open tasks (domain/src/open-tasks.ts):
  // on a database seeded by the fast path, their first sweep projects every open task, timed here
  step = Date.now();
  for (;;) {
    const [{ count: engineOpen }, { rows: [projected] }] = await Promise.all([
      engineCall<{ count: number }>(access, 'GET', '/task/count'),
      pool.query('SELECT count(*)::int AS count FROM "OpenTask"'),
    ]);
    if (projected.count >= engineOpen) {
      log(`• the work list's projection holds the engine's ${engineOpen} open tasks (${since(step)})`);
      break;
    }
    if (Date.now() - step > 3_600_000) throw new Error(`the projection of open tasks did not catch up: ${projected.count} of ${engineOpen}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  // the workers' own at-risk scan runs once when they start (their interval counts from its end)
  step = Date.now();
  await quietDatabase(pool);
  log(`• the workers' first at-risk scan is over: no statement running in ${appDb} for 5 s (${since(step)})`);

  const { rows: agencyRows } = await pool.query('SELECT code FROM "Agency"');
  const agencies = provinceAgencies().filter((agency) => agencyRows.some((row) => row.code === agency.code));
  const district = agencies.find((agency) => agency.demo && agency.level === 'district')!;
  const commune = agencies.find((agency) => agency.demo && agency.level === 'commune')!;
  const catalogue = await loadCatalogue(pool, access);
  const intakeProcedure = catalogue.get(commune.procedures[0]!.code)!;

  if (!flag('no-self-check')) {
    step = Date.now();
    for (const line of await selfCheck({
      serverUrl,
      engine: access,
      pool,
      clock: clock.clock,
      publicBaseUrl: PUBLIC_BASE_URL,
      procedure: intakeProcedure,
      officers: officersOf(commune),
      // at province scale one scan takes minutes (see above): compared only when it is quick
      ...(scanSeconds < 60 ? { scan: () => atRiskScan.scanOnce() } : {}),
    })) {
      log(`• ${line} (${since(step)})`);
    }
  }
  await db.$disconnect();

  const login = async (username: string) => {
    const response = await fetch(`${serverUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo' }),
    });
    if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  };
  const sample = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows.map((row) => String(row.value));
  const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 2, 1));
  const monthEnd = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 0));
  const yearStart = new Date(Date.UTC(monthEnd.getUTCFullYear() - 1, monthEnd.getUTCMonth(), monthEnd.getUTCDate() + 1));
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const context: ScenarioContext = {
    serverUrl,
    bareUrl: `http://127.0.0.1:${barePort}`,
    engine: access,
    pool,
    tokens: {
      intake: await login(officersOf(commune).receptionist),
      specialist: await login('specialist'),
      leader: await login('leader'),
      admin: await login('admin'),
    },
    // the dossiers the district's specialist may read: received by the district or of its procedures
    // (its communes' own dossiers answer 404 to a specialist who does not oversee them)
    districtCodes: await sample(
      `SELECT d.code AS value FROM "Dossier" d TABLESAMPLE SYSTEM (10)
       JOIN "Procedure" p ON p.id = d."procedureId" JOIN "Agency" a ON a.code = $1
       WHERE d."agencyId" = a.id OR p."agencyId" = a.id LIMIT 2000`,
      [district.code],
    ),
    provinceCodes: await sample('SELECT code AS value FROM "Dossier" TABLESAMPLE SYSTEM (1) LIMIT 2000'),
    searches: [
      ...(await sample('SELECT "applicantName" AS value FROM "Dossier" TABLESAMPLE SYSTEM (1) LIMIT 50')),
      ...(await sample('SELECT "applicantIdNumber" AS value FROM "Dossier" TABLESAMPLE SYSTEM (1) LIMIT 50')),
    ],
    intake: {
      procedureCode: intakeProcedure.code,
      agencyCode: intakeProcedure.agency.code,
      processingDays: intakeProcedure.version.processingDays,
      version: intakeProcedure.version,
      place: commune.name.replace(/^UBND /, ''),
    },
    month: { from: day(monthStart), to: day(monthEnd) },
    year: { from: day(yearStart), to: day(monthEnd) },
    intakeTimeoutMs: 60_000,
  };
  await deployBaseline(engineClient(access), intakeProcedure.version.processKey);
  baselineDeployed = true;

  const chosen = scenarios(context).filter(
    (scenario, _i, all) =>
      !only || only.includes(scenario.id) || all.some((other) => only.includes(other.id) && other.baseline === scenario.id),
  );
  const measured: Measured[] = [];
  for (const scenario of chosen) {
    const result = await measure(scenario, { clients, seconds, cpu });
    measured.push(result);
    const r = result.result;
    log(
      r
        ? `  ${scenario.id.padEnd(26)} ${r.perSecond.toFixed(1).padStart(8)} req/s  p50 ${ms(r.p50).padStart(6)}  p95 ${ms(r.p95).padStart(6)}  p99 ${ms(r.p99).padStart(6)} ms  n ${r.requests}${r.refused ? `  ${r.refused} refused (503)` : ''}${r.errors ? `  ${r.errors} failed: ${r.firstError}` : ''}`
        : `  ${scenario.id.padEnd(26)} ${result.skipped}`,
    );
  }
  const summary = `${table(measured)}\n\n${cpuTable(measured)}`;
  log(`\n${summary}\n`);

  // the paths that missed their target, again under the profilers
  const profiles: Profiled[] = [];
  const missed = measured.filter(
    (entry) =>
      (verdict(entry, measured).met === false && (PROFILED.includes(entry.scenario.id) || flag('profile-all'))) ||
      (flag('profile-all') && entry.result),
  );
  if (missed.length > 0 && !flag('no-profile')) {
    log(`• profiling ${missed.length} paths that missed their target…`);
    explaining = true;
    await autoExplain(adminUrl, [appDb, engineDb], 20);
    // new connections only: the engine and the workers are started again to get them
    await workers.stop();
    await server.stop();
    await engineProcess.stop();
    engineProcess = await stack.engine(engineOptions);
    const proxy = await countingProxy(access.url, await freePort());
    const workerProxy = await countingProxy(access.url, await freePort());
    workers = await stack.workers({ env: { ...workerEnv, ENGINE_URL: workerProxy.url } });
    try {
      for (const entry of missed) {
        const profileDir = join(logDir, `cpu-${entry.scenario.id}`);
        mkdirSync(profileDir, { recursive: true });
        try {
          server = await stack.server({
            port: serverPort,
            env: serverEnv(proxy.url),
            nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
          });
          const profileSeconds = Math.min(seconds, 10);
          const offset = logOffset();
          const run = await measure(entry.scenario, { clients, seconds: 1 });
          proxy.reset();
          workerProxy.reset();
          const measuredRun = await measure(entry.scenario, { clients, seconds: profileSeconds });
          await server.stop();
          const requests = (measuredRun.result?.requests ?? 0) + clients + 1;
          profiles.push({
            scenario: entry.scenario,
            requests,
            cpu: summariseCpuProfile(profileDir, profileSeconds + 1),
            engineCalls: perRequest(proxy.byCall, requests),
            workerEngineCalls: perRequest(workerProxy.byCall, requests),
            statements: [...explainedSince(offset, appDb), ...explainedSince(offset, engineDb)].sort((a, b) => b.ms - a.ms),
          });
          log(`  profiled ${entry.scenario.id} (${run.result?.requests ?? 0} warm-up and ${requests} profiled requests)`);
        } catch (error) {
          log(`  could not profile ${entry.scenario.id}: ${error instanceof Error ? error.message : String(error)}`);
          await server.stop();
        }
      }
    } finally {
      await proxy.close();
      await workerProxy.close();
    }
  }
  const profileText = profileMarkdown(profiles);
  if (profileText) log(profileText);

  const record = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` ` +
      `(${scale.dossiers} dossiers, ${scale.openTasks} open tasks, ${clients} clients, ${seconds} s per path; databases ${databases.age}).`,
    '',
    `Machine: ${host.cpus}, ${host.memory}, Node ${host.node}, PostgreSQL ${host.postgres} (the machine's, shared with the engine); ` +
      `commit ${host.commit}; 1-minute load average ${loadavg()[0]!.toFixed(1)} at the end.`,
    '',
    summary,
    '',
    ...(profileText ? ['### Where the time goes (profiled again, server started with --cpu-prof, auto_explain ≥ 20 ms)', '', profileText] : []),
  ].join('\n');
  writeFileSync(join(dataDir, 'province-scale.md'), `${record}\n`);
  // the same, for a program: each path's figures, or why it was not measured, and what was profiled
  const report = {
    scale,
    clients,
    seconds,
    commit: host.commit,
    paths: measured.map(({ scenario, result, skipped }) => ({ id: scenario.id, label: scenario.label, who: scenario.who, result, skipped })),
    profiled: profiles.map((profile) => ({ id: profile.scenario.id, requests: profile.requests, cpuMs: profile.cpu?.totalMs ?? null })),
  };
  writeFileSync(join(dataDir, 'province-scale.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (flag('record')) {
    const docs = join(ROOT, 'docs', 'benchmarks.md');
    const text = readFileSync(docs, 'utf8');
    const begin = '<!-- province-scale:measured -->';
    const end = '<!-- /province-scale:measured -->';
    const block = `${begin}\n${record}\n${end}`;
    writeFileSync(
      docs,
      text.includes(begin) ? text.replace(new RegExp(`${begin}[\\s\\S]*${end}`), () => block) : `${text.trimEnd()}\n\n## Province scale\n\n${block}\n`,
    );
    log(`recorded in docs/benchmarks.md`);
  }
  log(`done in ${since(began)}; the report is in ${join(dataDir, 'province-scale.md')} (and .json)`);
} finally {
  if (explaining) await autoExplain(adminUrl, [appDb, engineDb], null).catch((error: unknown) => console.error(error));
  if (baselineDeployed && engineAccess) {
    // the baseline's instances wait at a task no worker takes: removed with their deployment
    const access = engineAccess;
    await engineCall<{ id: string }[]>(access, 'GET', '/deployment?name=bench-baseline')
      .then((deployments) => Promise.all(deployments.map((d) => engineCall(access, 'DELETE', `/deployment/${d.id}?cascade=true`))))
      .catch((error: unknown) => console.error(`could not remove the ${BASELINE_KEY} deployment:`, error));
  }
  await pool.end();
  await stack.stopAll();
}
