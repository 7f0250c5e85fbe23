/**
 * The child processes a script starts. Long-running ones (`Children`) each get their output in a log
 * file, are started again with a backoff when they die once `supervise()` was called, and are stopped
 * by their own PID (SIGTERM, then SIGKILL after a grace period) in reverse start order; one-shot
 * commands (`run`) run to completion. Nothing is left behind when the script ends: see
 * `Children.start` for how each way of ending is covered.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** How much of a child's latest output is kept in memory for error messages. */
const RECENT_OUTPUT_BYTES = 64 * 1024;
const STOP_GRACE_MS = 15_000;
/** Restart delays: 1 s after the first crash, doubling with each crash in a row, at most 30 s. */
const RESTART_FIRST_DELAY_MS = 1_000;
const RESTART_MAX_DELAY_MS = 30_000;
/** A child that ran this long before it crashed was up, not failing to start: its delays start over. */
const RESTART_STABLE_AFTER_MS = 60_000;

/** Every child process still running, long-running or one-shot, for the exit handler below. */
const alive = new Set();
// On a normal exit, process.exit() or an uncaught exception nothing can be awaited any more, but
// signals can still be sent: whatever was not stopped in order gets SIGTERM now.
process.once('exit', () => {
  for (const child of alive) child.kill('SIGTERM');
});

/** True when `setpriv --pdeathsig` exists (Linux util-linux ≥ 2.33); checked once. */
let pdeathsigSupport;
function canSetParentDeathSignal() {
  if (pdeathsigSupport === undefined) {
    const help = process.platform === 'linux' ? spawnSync('setpriv', ['--help'], { encoding: 'utf8' }) : undefined;
    pdeathsigSupport = help?.status === 0 && help.stdout.includes('--pdeathsig');
  }
  return pdeathsigSupport;
}

export class Children {
  /** @param {string} logDir */
  constructor(logDir) {
    this.logDir = logDir;
    mkdirSync(logDir, { recursive: true });
    /** @type {Entry[]} */
    this.running = [];
    this.stopping = false;
    /** @type {((line: string) => void) | undefined} set by supervise() */
    this.report = undefined;
  }

  /**
   * Starts a long-running child. It gets its own process group, so a Ctrl-C in the terminal reaches
   * only the script, which then stops the children in order (the API server before the database it
   * still writes to). Should the script itself die without that (SIGKILL, a crash), the kernel sends
   * the child SIGTERM (Linux: `setpriv --pdeathsig`, which execs the command under the same PID).
   * The entry's `env` is used again for a restart, and may be changed for it.
   * @param {string} name
   * @param {string} command
   * @param {string[]} args
   * @param {{ env?: Record<string, string | undefined>, cwd?: string }} [options]
   * @returns {Entry}
   */
  start(name, command, args, options = {}) {
    /** @type {Entry} */
    const entry = {
      name,
      command,
      args,
      cwd: options.cwd,
      env: { ...options.env },
      logFile: join(this.logDir, `${name}.log`),
      recent: '',
      child: undefined,
      startedAt: 0,
      crashesInARow: 0,
      restartTimer: undefined,
    };
    this.running.push(entry);
    this.#spawn(entry);
    return entry;
  }

  /** @param {Entry} entry */
  #spawn(entry) {
    const log = createWriteStream(entry.logFile, { flags: 'a' });
    log.write(`---- ${new Date().toISOString()} ${entry.command} ${entry.args.join(' ')}\n`);
    const [file, argv] = canSetParentDeathSignal()
      ? ['setpriv', ['--pdeathsig', 'TERM', entry.command, ...entry.args]]
      : [entry.command, entry.args];
    const child = spawn(file, argv, {
      cwd: entry.cwd,
      env: { ...process.env, ...entry.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    entry.child = child;
    entry.startedAt = Date.now();
    const keep = (chunk) => {
      entry.recent = (entry.recent + chunk).slice(-RECENT_OUTPUT_BYTES);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    alive.add(child);
    let ended = false;
    const onEnd = (how) => {
      alive.delete(child);
      if (ended || this.stopping) return;
      ended = true;
      if (this.report) this.#restartLater(entry, how);
      else console.error(`  ${entry.name} exited (${how}); see ${entry.logFile}`);
    };
    child.once('error', (error) => {
      keep(`could not start ${entry.command}: ${error.message}\n`);
      onEnd(error.message);
    });
    child.once('exit', (code, signal) => onEnd(String(signal ?? code)));
    child.once('close', () => log.end());
  }

  /**
   * From now on, a child that dies is started again after a delay that grows while it keeps dying,
   * and each restart is reported as one line. Only stopAll() or killAll() end them for good.
   * @param {(line: string) => void} [report]
   */
  supervise(report = (line) => console.error(line)) {
    this.report = report;
  }

  /** @param {Entry} entry @param {string} how */
  #restartLater(entry, how) {
    if (Date.now() - entry.startedAt >= RESTART_STABLE_AFTER_MS) entry.crashesInARow = 0;
    const delay = Math.min(RESTART_FIRST_DELAY_MS * 2 ** entry.crashesInARow, RESTART_MAX_DELAY_MS);
    entry.crashesInARow += 1;
    this.report?.(`  ${entry.name} exited (${how}); restarting it in ${delay / 1000} s (see ${entry.logFile})`);
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = undefined;
      if (this.stopping) return;
      this.#spawn(entry);
      this.report?.(`  ${entry.name} restarted (PID ${entry.child.pid})`);
    }, delay);
  }

  /** The last lines a child wrote (stdout and stderr), for error messages. */
  tail(name, lines = 40) {
    const entry = this.running.find((e) => e.name === name);
    if (!entry) return '';
    const text = entry.recent.trimEnd().split('\n').slice(-lines).join('\n');
    return `---- last lines of ${entry.logFile} ----\n${text}`;
  }

  /** Stops the children, last started first, each by its PID; waits until each has exited. */
  async stopAll() {
    this.stopping = true;
    for (const entry of this.running) clearTimeout(entry.restartTimer);
    for (const { child } of [...this.running].reverse()) {
      if (!isRunning(child)) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    this.running = [];
  }

  /** Ends the children at once (a second Ctrl-C while stopping). */
  killAll() {
    this.stopping = true;
    for (const { child, restartTimer } of this.running) {
      clearTimeout(restartTimer);
      if (isRunning(child)) child.kill('SIGKILL');
    }
  }
}

/**
 * A long-running child: how to start it again, and the process now running.
 * @typedef {{
 *   name: string, command: string, args: string[], cwd?: string, env: Record<string, string | undefined>,
 *   logFile: string, recent: string, child: import('node:child_process').ChildProcess,
 *   startedAt: number, crashesInARow: number, restartTimer?: NodeJS.Timeout,
 * }} Entry
 */

/** @param {import('node:child_process').ChildProcess} child */
export const isRunning = (child) => child.pid !== undefined && child.exitCode === null && child.signalCode === null;

/**
 * Waits until `check` resolves true, failing early if the watched child exits.
 * @param {string} what
 * @param {() => Promise<boolean>} check
 * @param {{ timeoutMs?: number, child?: import('node:child_process').ChildProcess, tail?: () => string }} [options]
 */
export async function waitUntil(what, check, options = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (options.child && !isRunning(options.child)) {
      // let the last output arrive before quoting it
      await new Promise((resolve) => setTimeout(resolve, 200));
      throw new Error(`${what}: the process exited before it was ready\n${options.tail?.() ?? ''}`);
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`${what}: not ready after ${(options.timeoutMs ?? 120_000) / 1000} s\n${options.tail?.() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** True when GET url answers 2xx. */
export async function answers(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  // Read to the end: a connection whose body was left unread (or cancelled) does not count as idle,
  // and the server's shutdown would wait for it until its keep-alive timeout (72 s for Fastify).
  await response.arrayBuffer();
  return response.ok;
}

/** Fails, naming the setting, when something already listens on 127.0.0.1:port. */
export function assertPortFree(port, setting) {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use on 127.0.0.1: stop what listens there or choose another port with ${setting}=<port>`
            : `port ${port} (${setting}) cannot be used: ${error.message}`,
        ),
      ),
    );
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * Runs a command to completion with inherited output (or captured when `quiet`); rejects on a
 * non-zero exit, quoting the end of the captured output.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string | undefined>, cwd?: string, quiet?: boolean }} [options]
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    alive.add(child);
    let output = '';
    child.stdout?.on('data', (d) => (output = (output + d).slice(-RECENT_OUTPUT_BYTES)));
    child.stderr?.on('data', (d) => (output = (output + d).slice(-RECENT_OUTPUT_BYTES)));
    child.once('error', (error) => {
      alive.delete(child);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      alive.delete(child);
      const settle = () => {
        if (code === 0) resolve(output);
        else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}\n${output.slice(-4000)}`));
      };
      // The last output may still be on its way; a grandchild holding the pipe must not hold us up.
      if (!options.quiet) return settle();
      const timer = setTimeout(settle, 500);
      child.once('close', () => {
        clearTimeout(timer);
        settle();
      });
    });
  });
}
