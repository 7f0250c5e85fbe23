/**
 * Where the time of a slow request goes: the server's CPU profile (node --cpu-prof) summarised by
 * package and function, the engine calls each request makes (a counting proxy between the server and
 * the engine), and the plans of the slow SQL statements (PostgreSQL's auto_explain, for the
 * benchmark's own databases only, read back from the server log).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package (or our workspace) a script belongs to. */
function packageOf(url: string): string {
  if (!url) return '(native / idle)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  // compiled (dist/, as the benchmark runs them) or a source (src/), in any clone
  const workspace = /\/(server|workers|common|domain|prisma|processes)\/(?:dist|src|generated)\//.exec(url);
  if (workspace) return `ours: ${workspace[1]}`;
  if (url.startsWith('node:')) return 'node core';
  // the only WebAssembly in the server is Prisma 7's query compiler
  if (url.startsWith('wasm')) return 'Prisma query compiler (wasm)';
  return url.split('/').slice(-2).join('/');
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: { name: string; ms: number; share: number }[];
  byFunction: { name: string; ms: number; share: number }[];
}

/**
 * Self time by package and by function in the last `windowSeconds` of the main thread's profile in
 * `dir` (a worker thread writes its own; the server's start-up comes before the window).
 */
export function summariseCpuProfile(dir: string, windowSeconds: number, top = 12): ProfileSummary | null {
  const files = readdirSync(dir)
    // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main thread
    .filter((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name))
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) return null;
  const profile = JSON.parse(readFileSync(files[0]!, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  const from = profile.endTime - windowSeconds * 1_000_000;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from) self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
    total += ms;
    const pkg = frame.functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(frame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: total > 0 ? ms / total : 0 }));
  return { totalMs: total, byPackage: ranked(packages), byFunction: ranked(functions) };
}

/** Engine calls seen by the proxy: count and time, by method and path shape. */
export interface EngineCalls {
  byCall: Map<string, { count: number; ms: number }>;
  reset(): void;
  close(): Promise<void>;
  url: string;
}

/** A pass-through HTTP proxy in front of the engine that counts and times each call. */
export async function countingProxy(engineUrl: string, port: number): Promise<EngineCalls> {
  const target = new URL(engineUrl);
  const byCall = new Map<string, { count: number; ms: number }>();
  const server: Server = createServer((req, res) => {
    const began = performance.now();
    const shape = `${req.method} ${(req.url ?? '').split('?')[0]!.replace(/\/engine-rest/, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}').replace(/\/key\/[^/]+/, '/key/{key}')}`;
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => {
          const entry = byCall.get(shape) ?? { count: 0, ms: 0 };
          entry.count += 1;
          entry.ms += performance.now() - began;
          byCall.set(shape, entry);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    byCall,
    reset: () => byCall.clear(),
    // the workers' long polls keep their connections open: closed here, or close() would wait for them
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    url: `http://127.0.0.1:${port}${target.pathname}`,
  };
}

/** The machine's PostgreSQL log, where auto_explain writes (Debian's default place for version 15). */
export const POSTGRES_LOG = process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';

/**
 * Turns auto_explain on (or off) for new sessions of the databases: plans with actual times and
 * buffers of every statement slower than `minMs`. Existing connections keep their settings, so the
 * processes using the databases are restarted after.
 */
export async function autoExplain(adminUrl: string, databases: readonly string[], minMs: number | null): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const database of databases) {
      if (minMs === null) {
        for (const setting of ['session_preload_libraries', 'auto_explain.log_min_duration', 'auto_explain.log_analyze', 'auto_explain.log_buffers']) {
          await client.query(`ALTER DATABASE "${database}" RESET ${setting}`);
        }
      } else {
        await client.query(`ALTER DATABASE "${database}" SET session_preload_libraries = 'auto_explain'`);
        await client.query(`ALTER DATABASE "${database}" SET auto_explain.log_min_duration = '${minMs}ms'`);
        await client.query(`ALTER DATABASE "${database}" SET auto_explain.log_analyze = on`);
        await client.query(`ALTER DATABASE "${database}" SET auto_explain.log_buffers = on`);
      }
    }
  } finally {
    await client.end();
  }
}

/** The size of the PostgreSQL log now, to read what is written after. */
export function logOffset(): number {
  try {
    return statSync(POSTGRES_LOG).size;
  } catch {
    return 0;
  }
}

export interface ExplainedStatement {
  database: string;
  ms: number;
  text: string;
  plan: string;
}

/** The auto_explain entries of `database` written to the PostgreSQL log since `offset`, slowest first per statement. */
export function explainedSince(offset: number, database: string): ExplainedStatement[] {
  let log: string;
  try {
    log = readFileSync(POSTGRES_LOG, 'utf8').slice(offset);
  } catch {
    return [];
  }
  const entries = log.split(/\n(?=\d{4}-\d{2}-\d{2} )/);
  const slowest = new Map<string, ExplainedStatement>();
  for (const entry of entries) {
    const head = /@(\S+) LOG:\s+duration: ([\d.]+) ms\s+plan:\n([\s\S]*)/.exec(entry);
    if (!head || head[1] !== database) continue;
    const body = head[3]!.replace(/^\t/gm, '');
    // the statement's text (over many lines), then the plan, whose first line is its top node
    const planAt = body.search(/^\S.*\(cost=/m);
    const text = body.slice(0, planAt < 0 ? undefined : planAt).replace(/^Query Text: /, '').replace(/\s+/g, ' ').trim();
    const plan = planAt < 0 ? '' : body.slice(planAt).trim();
    const ms = Number(head[2]);
    const key = text.replace(/\$\d+/g, '?').slice(0, 400);
    const known = slowest.get(key);
    if (!known || known.ms < ms) slowest.set(key, { database, ms, text, plan });
  }
  return [...slowest.values()].sort((a, b) => b.ms - a.ms);
}
