/**
 * The child processes a script starts: each is spawned with its output in a log file, and all are
 * stopped by their own PID (SIGTERM, then SIGKILL after a grace period) in reverse start order.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export class Children {
  /** @param {string} logDir */
  constructor(logDir) {
    this.logDir = logDir;
    mkdirSync(logDir, { recursive: true });
    /** @type {{ name: string, child: import('node:child_process').ChildProcess, logFile: string }[]} */
    this.running = [];
  }

  /**
   * @param {string} name
   * @param {string} command
   * @param {string[]} args
   * @param {{ env?: Record<string, string | undefined>, cwd?: string }} [options]
   */
  start(name, command, args, options = {}) {
    const logFile = join(this.logDir, `${name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const entry = { name, child, logFile };
    this.running.push(entry);
    child.once('exit', (code, signal) => {
      if (!this.stopping) console.error(`  ${name} exited (${signal ?? code}); see ${logFile}`);
    });
    return entry;
  }

  /** The last lines of a child's log, for error messages. */
  tail(name, lines = 40) {
    const entry = this.running.find((e) => e.name === name);
    if (!entry) return '';
    try {
      return readFileSync(entry.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  async stopAll() {
    this.stopping = true;
    for (const { child } of [...this.running].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    this.running = [];
  }
}

/**
 * Waits until `check` resolves true, failing early if the watched child exits.
 * @param {string} what
 * @param {() => Promise<boolean>} check
 * @param {{ timeoutMs?: number, child?: import('node:child_process').ChildProcess, tail?: () => string }} [options]
 */
export async function waitUntil(what, check, options = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (options.child && (options.child.exitCode !== null || options.child.signalCode !== null)) {
      throw new Error(`${what}: the process exited before it was ready\n${options.tail?.() ?? ''}`);
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready in time\n${options.tail?.() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

/** True when GET url answers 2xx. */
export async function answers(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/**
 * Runs a command to completion with inherited output; rejects on a non-zero exit.
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
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.slice(-4000)}`)),
    );
  });
}
