/**
 * The processes the province-scale benchmark runs, started as `npm start` starts them
 * (scripts/lib/stack.mjs): the engine jar on PostgreSQL, the API server and the workers as their
 * compiled dist/ (ENTRY_POINTS) on the maintained Node.js (compiledRuntime), as in production, however
 * the benchmark was started, plus the bare Fastify + pg read app that is the point reads' baseline, on
 * the same Node.js from its TypeScript source (benchmark code, never compiled). Each is
 * a child of scripts/lib/children.mjs (own process group, log file, stopped by its PID, SIGTERM to
 * whatever is left when the benchmark exits), on a free port of 127.0.0.1.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENGINE_START = join(ROOT, 'engine', 'start.sh');

/** What the benchmark uses of scripts/lib/children.mjs (plain JavaScript, so typed here). */
interface ChildEntry {
  child: ChildProcess;
  logFile: string;
}
interface Children {
  start(name: string, command: string, args: string[], options?: { env?: Record<string, string>; cwd?: string }): ChildEntry;
  tail(name: string, lines?: number): string;
  stopAll(): Promise<void>;
}
interface ChildrenModule {
  Children: new (logDir: string) => Children;
  waitUntil(
    what: string,
    check: () => Promise<boolean>,
    options?: { timeoutMs?: number; child?: ChildProcess; tail?: () => string },
  ): Promise<void>;
  answers(url: string): Promise<boolean>;
}
// Non-literal specifiers: the modules are JavaScript without declarations, typed here.
const childrenModule = join(ROOT, 'scripts', 'lib', 'children.mjs');
const { Children, waitUntil, answers } = (await import(childrenModule)) as ChildrenModule;
const stackModule = join(ROOT, 'scripts', 'lib', 'stack.mjs');
const { ENTRY_POINTS } = (await import(stackModule)) as { ENTRY_POINTS: { server: string; workers: string } };
const prepareModule = join(ROOT, 'scripts', 'lib', 'prepare.mjs');
const { compiledRuntime } = (await import(prepareModule)) as { compiledRuntime(): Promise<string> };

let productionRuntime: Promise<string> | undefined;
/**
 * The maintained Node.js that production runs on, once the dist/ it will run is compiled from the
 * sources as they are (nothing when up to date), so that a focused benchmark started with tsx on any
 * Node.js measures what `npm run bench` and production run.
 */
function production(): Promise<string> {
  productionRuntime ??= compiledRuntime();
  return productionRuntime;
}

/** A compiled entry point of a workspace, as `npm start` runs it. */
const compiledEntry = (entry: string, nodeFlags: string[] = []) => [...nodeFlags, join(ROOT, entry)];

/** A TypeScript source of the benchmark itself (the `dev` scripts' condition). */
const tsEntry = (entry: string) => [
  '--conditions=@motcua/source',
  '--import',
  'tsx',
  join(ROOT, entry),
];

export interface EngineAccess {
  url: string;
  user: string;
  password: string;
}

/** One long-running child and how to stop it alone (the others keep running). */
export interface Started {
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

async function stopOne(entry: ChildEntry): Promise<void> {
  const { child } = entry;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** The children of one benchmark run, all stopped by PID at the end. */
export function createStack(logDir: string) {
  const children = new Children(logDir);
  let serial = 0;

  function started(entry: ChildEntry): Started {
    return { pid: entry.child.pid!, logFile: entry.logFile, stop: () => stopOne(entry) };
  }

  return {
    /** The engine jar with its database on PostgreSQL (ENGINE_DB_URL); waits for its health check. */
    async engine(options: { port: number; jdbcUrl: string; dataDir: string; access: EngineAccess }): Promise<Started> {
      const name = `engine-${++serial}`;
      const entry = children.start(name, 'bash', [ENGINE_START, '--foreground'], {
        cwd: ROOT,
        env: {
          ENGINE_PORT: String(options.port),
          ENGINE_DATA_DIR: options.dataDir,
          ENGINE_DB_URL: options.jdbcUrl,
          ENGINE_DB_USER: 'postgres',
          ENGINE_ADMIN_USER: options.access.user,
          ENGINE_ADMIN_PASSWORD: options.access.password,
        },
      });
      await waitUntil('BPMN engine', () => answers(`http://127.0.0.1:${options.port}/actuator/health`), {
        timeoutMs: 300_000,
        child: entry.child,
        tail: () => children.tail(name),
      });
      return started(entry);
    },

    /** The API server; `nodeFlags` e.g. --cpu-prof. Waits until it serves its OpenAPI document. */
    async server(options: { port: number; env: Record<string, string>; nodeFlags?: string[] }): Promise<Started> {
      const name = `server-${++serial}`;
      const entry = children.start(name, await production(), compiledEntry(ENTRY_POINTS.server, options.nodeFlags), {
        cwd: ROOT,
        env: { ...options.env, HOST: '127.0.0.1', PORT: String(options.port) },
      });
      await waitUntil('API server', () => answers(`http://127.0.0.1:${options.port}/api/docs/json`), {
        child: entry.child,
        tail: () => children.tail(name),
      });
      return started(entry);
    },

    /** The workers; they have no port, so they count as started once they log that they are. */
    async workers(options: { env: Record<string, string> }): Promise<Started> {
      const name = `workers-${++serial}`;
      const entry = children.start(name, await production(), compiledEntry(ENTRY_POINTS.workers), {
        cwd: ROOT,
        env: options.env,
      });
      await waitUntil('workers', async () => children.tail(name).includes('workers started'), {
        child: entry.child,
        tail: () => children.tail(name),
      });
      return started(entry);
    },

    /** The bare Fastify + pg read of a dossier row (bench/province/bare-read.ts). */
    async bareRead(options: { port: number; databaseUrl: string }): Promise<Started> {
      const name = `bare-read-${++serial}`;
      const entry = children.start(name, await production(), tsEntry('bench/province/bare-read.ts'), {
        cwd: ROOT,
        env: { DATABASE_URL: options.databaseUrl, PORT: String(options.port) },
      });
      await waitUntil('bare read app', () => answers(`http://127.0.0.1:${options.port}/health`), {
        child: entry.child,
        tail: () => children.tail(name),
      });
      return started(entry);
    },

    tail: (name: string) => children.tail(name),
    /** Stops every child still running, last started first, each by its PID. */
    stopAll: () => children.stopAll(),
  };
}
export type Stack = ReturnType<typeof createStack>;
