/**
 * The work list through the API at province scale (issue 8, target: an officer's first task page p95
 * ≤ 50 ms at 100 000 open tasks, 8 clients at once), beside the bare Fastify + pg read of one dossier
 * row (bench/province/bare-read.ts), the least a Node server on this machine can answer, in one run.
 *
 *   node --conditions=@motcua/source --import tsx bench/work-list-api.ts [--dossiers=1000000] [--tasks=100000]
 *        [--clients=8] [--seconds=20] [--reseed]
 *
 * It reads the database bench/work-list-province.ts keeps on the machine's PostgreSQL (BENCH_PG_URL),
 * seeded in plain SQL unless it already has these sizes (--reseed seeds it again). It
 * starts the API server and the bare read app as their own processes, as `npm run bench` does (no
 * engine: the work list reads the projection of open tasks, not the engine), and measures each
 * request shape with a closed loop of `--clients`, with the CPU each process spent per request.
 * Why not `npm run bench`: its seed of 100 000 open tasks in the engine takes 40 minutes; this one
 * takes a few, and the work list reads only our database.
 */
import { mkdtemp } from 'node:fs/promises';
import type { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '@motcua/common/testing';
import { benchArguments } from './arguments.js';
import { createCpuMeter, type CpuUse } from './province/cpu.js';
import { runLoad, send, type LoadResult } from './province/load.js';
import { createStack } from './province/stack.js';
import { DISTRICT, OFFICERS, PASSWORD, workListProvince, type Officer } from './work-list-province.js';

const args = benchArguments();
const DOSSIERS = Number(args.get('dossiers') ?? 1_000_000);
const TASKS = Number(args.get('tasks') ?? 100_000);
const CLIENTS = Number(args.get('clients') ?? 8);
const SECONDS = Number(args.get('seconds') ?? 20);
interface Shape {
  label: string;
  officer: Officer | null;
  path: string;
  /** p95 target in ms, or null for the baseline. */
  target: number | null;
}

async function main(): Promise<void> {
  const databaseUrl = await workListProvince({ dossiers: DOSSIERS, tasks: TASKS, reseed: args.has('reseed') });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const logDir = await mkdtemp(join(tmpdir(), 'motcua-worklist-'));
  const stack = createStack(logDir);
  try {
    const sample = await pool.query<{ code: string; procedure: string }>(
      `SELECT d.code, p.code AS procedure FROM "OpenTaskOffer" o JOIN "Dossier" d ON d.id = o."dossierId"
       JOIN "Procedure" p ON p.id = d."procedureId" WHERE o."group" = $1 ORDER BY o.due LIMIT 1`,
      [`specialist:${DISTRICT}`],
    );
    const { code, procedure } = sample.rows[0]!;
    const offered = await pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "OpenTaskOffer" WHERE "group" = $1`,
      [`specialist:${DISTRICT}`],
    );

    const serverPort = await freePort();
    const server = await stack.server({
      port: serverPort,
      env: {
        DATABASE_URL: databaseUrl,
        // the work list never calls the engine; nothing listens there
        ENGINE_URL: `http://127.0.0.1:${await freePort()}/engine-rest`,
        ENGINE_USER: 'bench',
        ENGINE_PASSWORD: 'bench-not-used',
        JWT_SECRET: `bench-${process.pid}-${Date.now()}-worklist-secret-of-some-length`,
        TOKEN_TTL: '12h',
        PUBLIC_BASE_URL: 'http://127.0.0.1',
        RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
        RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
        RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE: '1000000',
        AT_RISK_SCAN_INTERVAL_MS: '3600000',
      },
    });
    const barePort = await freePort();
    const bare = await stack.bareRead({ port: barePort, databaseUrl });
    const serverUrl = `http://127.0.0.1:${serverPort}`;
    const tokens = new Map<Officer, string>();
    for (const officer of OFFICERS) {
      const response = await fetch(`${serverUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: officer.username, password: PASSWORD }),
      });
      if (!response.ok) throw new Error(`login ${officer.username}: ${response.status} ${await response.text()}`);
      tokens.set(officer.username, ((await response.json()) as { token: string }).token);
    }
    const cpu = createCpuMeter({ server: () => server.pid, 'bare read': () => bare.pid }, pool, [
      new URL(databaseUrl).pathname.slice(1),
    ]);

    const shapes: Shape[] = [
      {
        label: 'baseline: bare Fastify + pg read of one dossier row',
        officer: null,
        path: `/dossiers/${code}`,
        target: null,
      },
      { label: 'first page GET /api/tasks', officer: 'specialist', path: '/api/tasks', target: 50 },
      {
        label: 'newest first ?sort=created&order=desc',
        officer: 'specialist',
        path: '/api/tasks?sort=created&order=desc',
        target: 50,
      },
      {
        label: 'filtered by procedure',
        officer: 'specialist',
        path: `/api/tasks?procedureCode=${procedure}`,
        target: 50,
      },
      {
        label: 'filtered by timeliness ?timeliness=overdue',
        officer: 'specialist',
        path: '/api/tasks?timeliness=overdue',
        target: 50,
      },
      {
        label: 'dossier code prefix',
        officer: 'specialist',
        path: `/api/tasks?dossierCode=${code.slice(0, 20)}`,
        target: 50,
      },
      { label: 'mine only ?assignment=mine', officer: 'specialist', path: '/api/tasks?assignment=mine', target: 50 },
      { label: 'leader, first page', officer: 'bench.leader', path: '/api/tasks', target: 50 },
      {
        label: 'specialist and leader (two groups), first page',
        officer: 'bench.specialist.leader',
        path: '/api/tasks',
        target: 50,
      },
      { label: 'page 40', officer: 'specialist', path: '/api/tasks?page=40', target: null },
    ];
    const rows: { shape: Shape; result: LoadResult; use: CpuUse }[] = [];
    for (const shape of shapes) {
      const url = shape.officer ? `${serverUrl}${shape.path}` : `http://127.0.0.1:${barePort}${shape.path}`;
      const headers: Record<string, string> = shape.officer
        ? { authorization: `Bearer ${tokens.get(shape.officer)}` }
        : {};
      let before = await cpu.snapshot();
      let use: CpuUse | null = null;
      const result = await runLoad({
        clients: CLIENTS,
        seconds: SECONDS,
        warmup: 5,
        operation: async (_client: number, agent: Agent) => {
          const answer = await send(agent, url, { headers });
          if (answer.status !== 200) throw new Error(`${shape.path} → ${answer.status}: ${answer.body.slice(0, 200)}`);
        },
        onMeasuredPhase: {
          begin: async () => {
            before = await cpu.snapshot();
          },
          end: async () => {
            use = cpu.between(before, await cpu.snapshot());
          },
        },
      });
      rows.push({ shape, result, use: use! });
      console.log(`  ${shape.label}: ${result.perSecond.toFixed(1)} req/s, p95 ${result.p95.toFixed(1)} ms`);
    }

    const baseline = rows[0]!.result.perSecond;
    const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
    const lines = [
      `Work list through the API: ${DOSSIERS} dossiers, ${TASKS} open tasks (${offered.rows[0]!.count} offered to the ` +
        `district's specialists), ${CLIENTS} clients, ${SECONDS} s per shape; node ${process.version}.`,
      '',
      '| request | req/s | p50 ms | p95 ms | p99 ms | n | × bare read | target | met | CPU ms per request: server | postgres | machine busy |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |',
      ...rows.map(({ shape, result, use }) => {
        const perRequest = (name: string) => (result.requests > 0 ? (use.byName[name] ?? 0) / result.requests : NaN);
        const met = shape.target === null ? '—' : result.p95 <= shape.target && result.errors === 0 ? 'yes' : '**no**';
        return (
          `| ${shape.label} | ${result.perSecond.toFixed(1)} | ${ms(result.p50)} | ${ms(result.p95)} | ${ms(result.p99)} | ` +
          `${result.requests}${result.errors ? ` (${result.errors} failed: ${result.firstError})` : ''} | ` +
          `${shape.officer ? (result.perSecond / baseline).toFixed(2) : '—'} | ${shape.target === null ? '—' : `p95 ≤ ${shape.target} ms`} | ${met} | ` +
          `${perRequest(shape.officer ? 'server' : 'bare read').toFixed(2)} | ${perRequest('postgres').toFixed(2)} | ${(use.machineBusy * 100).toFixed(0)} % |`
        );
      }),
    ];
    console.log(`\n${lines.join('\n')}`);
  } finally {
    await stack.stopAll();
    await pool.end();
  }
}

await main();
