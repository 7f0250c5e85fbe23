/**
 * Measures `npm start`: from a fresh clone (npm ci, Prisma generate, tsc, engine and UI builds, then
 * start-up) and from the same clone again (warm: start-up only), the resident memory of each process
 * once the system is up, and how long a Ctrl-C takes to stop everything (checking nothing is left).
 * Prints the numbers; record them in docs/benchmarks.md with the machine they came from.
 *
 *   node bench/startup.mjs [--warm-runs=N] [--cold-npm-cache] [--overlay=path,path] [--keep]
 *
 * --warm-runs       warm starts after the fresh one (default 2)
 * --cold-npm-cache  the fresh clone's npm ci uses an empty npm cache (downloads from the registry)
 * --overlay         copy these paths from this working tree into the clone, to measure uncommitted
 *                   changes to them (the clone itself has only what is committed)
 * --keep            leave the clone in place for inspection
 * Runs on its own ports (engine 28080, server 23000, embedded database 25432), loopback only.
 */
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PORTS = { ENGINE_PORT: '28080', PORT: '23000', EMBEDDED_DB_PORT: '25432' };
const option = (name) => process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1];
const warmRuns = Number(option('warm-runs') ?? 2);
const coldNpmCache = process.argv.includes('--cold-npm-cache');

const root = fileURLToPath(new URL('../', import.meta.url));
const clone = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
execFileSync('git', ['clone', '-q', root, clone]);
for (const path of (option('overlay') ?? '').split(',').filter(Boolean)) {
  cpSync(join(root, path), join(clone, path), { recursive: true });
}
const npmCache = coldNpmCache ? mkdtempSync(join(tmpdir(), 'motcua-bench-npm-cache-')) : undefined;

/** Every process (pid → ppid) of the machine, from /proc. */
function processTable() {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return parents;
}

/** Resident memory (MiB) of `pid` and each of its descendants, named by what it is. */
function residentMemoryTree(pid) {
  const parents = processTable();
  const rows = [];
  const measure = (p) => {
    try {
      const cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      rows.push({ pid: p, what: describe(cmdline), rssMiB: Math.round(rss) });
    } catch {
      // ended
    }
  };
  const visit = (p) => {
    for (const [child, parent] of parents) {
      if (parent !== p) continue;
      measure(child);
      visit(child);
    }
  };
  measure(pid);
  visit(pid);
  return rows.filter((r) => r.rssMiB > 0);
}

function describe(cmdline) {
  const joined = cmdline.join(' ');
  if (joined.includes('motcua-engine.jar')) return 'engine (java)';
  if (joined.includes('server/dist/server.js')) return 'API server';
  if (joined.includes('workers/dist/index.js')) return 'workers';
  if (joined.includes('embedded-postgres')) return 'embedded PostgreSQL (PGlite)';
  if (/(^|\/)(sh|dash|bash)$/.test(cmdline[0] ?? '')) return 'sh (runs the npm script)';
  if (joined.includes('scripts/start.mjs')) return 'start.mjs (orchestrator)';
  if (/^npm\b/.test(joined) || joined.includes('npm-cli.js')) return 'npm';
  return joined.slice(0, 40);
}

/** Processes whose working directory is the clone: what a stop must leave none of. */
function leftovers() {
  const found = [];
  for (const pid of processTable().keys()) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cwd === clone || cwd.startsWith(`${clone}/`)) found.push(pid);
    } catch {
      // ended, or not ours to read
    }
  }
  return found;
}

const listening = (port) =>
  new Promise((resolve) => {
    const socket = createConnection({ port: Number(port), host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function api(path, init = {}) {
  const response = await fetch(`http://127.0.0.1:${PORTS.PORT}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** One dossier through the API, so the memory figures include a warmed-up request path. */
async function exercise() {
  const { token } = await api('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username: 'receptionist', password: 'demo' }),
  });
  const dossier = await api('/api/dossiers', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({
      procedureCode: '1.009994',
      applicant: { fullName: 'Nguyễn Văn Bình', idNumber: '079123456789', phone: '0912345678', address: 'Duy Xuyên' },
    }),
  });
  for (let i = 0; i < 50; i++) {
    const lookup = await api(`/api/public/dossiers/${dossier.code}`);
    if (lookup.dueAt) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`dossier ${dossier.code} got no due date from the workers`);
}

/** Runs `npm start` in the clone until it is up, measures, then stops it as Ctrl-C in a terminal would. */
function startOnce(label, env = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // Its own process group, like a terminal's foreground job, so the Ctrl-C below reaches npm and the script.
    const child = spawn('npm', ['start'], {
      cwd: clone,
      env: { ...process.env, ...PORTS, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    let up = false;
    /** When each step line ("• …") of start.mjs appeared, in seconds since the start. */
    const steps = [];
    child.stderr.on('data', (d) => (output += d));
    child.stdout.on('data', async (d) => {
      for (const line of String(d).split('\n')) {
        if (line.startsWith('• ')) steps.push({ step: line.slice(2), at: (Date.now() - started) / 1000 });
      }
      output += d;
      if (up || !output.includes('Một Cửa is up')) return;
      up = true;
      const seconds = (Date.now() - started) / 1000;
      const load = loadavg()[0];
      const memoryAtUp = residentMemoryTree(child.pid);
      let memoryAfterUse;
      let failure;
      try {
        await exercise();
        await new Promise((r) => setTimeout(r, 5000));
        memoryAfterUse = residentMemoryTree(child.pid);
      } catch (error) {
        failure = error;
      }
      const stopStarted = Date.now();
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGINT');
      await exited;
      const stopSeconds = (Date.now() - stopStarted) / 1000;
      await new Promise((r) => setTimeout(r, 500));
      const left = leftovers();
      const openPorts = [];
      for (const port of Object.values(PORTS)) if (await listening(port)) openPorts.push(port);
      if (failure) reject(failure);
      else resolve({ label, seconds, steps, load, memoryAtUp, memoryAfterUse, stopSeconds, left, openPorts });
    });
    child.once('exit', (code) => {
      if (!up) reject(new Error(`${label}: npm start exited with ${code}\n${output.slice(-3000)}`));
    });
  });
}

function printMemory(title, rows) {
  console.log(title);
  let total = 0;
  for (const row of rows) {
    total += row.rssMiB;
    console.log(`  ${row.what.padEnd(30)} ${String(row.rssMiB).padStart(6)} MiB`);
  }
  console.log(`  ${'all of the above'.padEnd(30)} ${String(total).padStart(6)} MiB`);
}

try {
  for (const port of Object.values(PORTS)) {
    if (await listening(port)) throw new Error(`port ${port} is in use: the benchmark needs it free`);
  }
  const runs = [await startOnce('fresh clone', npmCache ? { npm_config_cache: npmCache } : {})];
  for (let i = 1; i <= warmRuns; i++) runs.push(await startOnce(`warm clone #${i}`));

  console.log(
    `\nMachine: ${cpus().length} cores (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const commit = execFileSync('git', ['-C', clone, 'log', '-1', '--format=%h %cI'], { encoding: 'utf8' }).trim();
  console.log(`Commit: ${commit}${option('overlay') ? `, with this working tree's ${option('overlay')}` : ''}`);
  console.log(`Fresh clone's npm cache: ${npmCache ? 'empty (downloaded from the registry)' : "the machine's (warm)"}`);
  for (const run of runs) {
    console.log(
      `npm start, ${run.label}: up in ${run.seconds.toFixed(1)} s (1-min load ${run.load.toFixed(2)} when up); ` +
        `Ctrl-C stopped everything in ${run.stopSeconds.toFixed(1)} s; ` +
        `left behind: ${run.left.length ? `processes ${run.left.join(', ')}` : 'no process'}, ` +
        `${run.openPorts.length ? `ports ${run.openPorts.join(', ')} still open` : 'no port open'}`,
    );
  }
  const reported = [...new Set([runs[0], runs.at(-1)])];
  for (const run of reported) {
    console.log(`Steps of npm start, ${run.label} (seconds since the start; how long until the next step):`);
    run.steps.forEach(({ step, at }, i) => {
      const until = i + 1 < run.steps.length ? run.steps[i + 1].at : run.seconds;
      console.log(`  ${at.toFixed(1).padStart(6)} s ${(until - at).toFixed(1).padStart(6)} s  ${step}`);
    });
  }
  for (const run of reported) {
    printMemory(`Resident memory when up (${run.label}):`, run.memoryAtUp);
    printMemory(`Resident memory after one dossier and 5 s (${run.label}):`, run.memoryAfterUse);
  }
  if (runs.some((r) => r.left.length || r.openPorts.length)) process.exitCode = 1;
} finally {
  if (npmCache) rmSync(npmCache, { recursive: true, force: true });
  if (!process.argv.includes('--keep')) rmSync(clone, { recursive: true, force: true });
  else if (existsSync(clone)) console.log(`clone kept in ${clone}`);
}
