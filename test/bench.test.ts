import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run bench` as a user runs it, at a small scale on the machine's PostgreSQL: it must prepare what
 * it needs, seed both databases through its fast path, pass its self-check against the real paths,
 * start the stack as production runs it, measure every path it defines beside its baseline, profile a
 * path again, write its report and leave no process behind. The figures themselves are not asserted
 * (benchmarks print numbers; docs/benchmarks.md records them): what is checked is that every path
 * was measured and every request answered. The paths come from the benchmark's own report, so a path
 * added to bench/province/scenarios.ts is checked without editing this test.
 */

const ROOT = join(import.meta.dirname, '..');
const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const APP_DB = `motcua_benchcheck_${process.pid}`;
const ENGINE_DB = `${APP_DB}_engine`;
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-benchcheck-'));

interface Report {
  scale: { dossiers: number; openTasks: number };
  paths: {
    id: string;
    label: string;
    result: { requests: number; errors: number; firstError: string | null } | null;
    skipped?: string;
  }[];
  profiled: { id: string; requests: number; cpuMs: number | null }[];
}

/** Runs `npm run bench -- …args` to its end; its output is kept to explain a failure. */
function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'bench', '--', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        BENCH_PG_URL: ADMIN_URL,
        BENCH_DB: APP_DB,
        BENCH_ENGINE_DB: ENGINE_DB,
        BENCH_DATA_DIR: dataDir,
        BENCH_DOSSIERS: '3000',
        BENCH_OPEN_TASKS: '300',
        BENCH_CLIENTS: '2',
        BENCH_SECONDS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Processes still running with this run's data folder in their environment: the benchmark's children. */
function leftBehind(): number[] {
  const marker = `BENCH_DATA_DIR=${dataDir}\0`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker);
      } catch {
        return false; // gone, or not ours to read
      }
    })
    .map(Number);
}

const readReport = () => JSON.parse(readFileSync(join(dataDir, 'province-scale.json'), 'utf8')) as Report;

afterAll(async () => {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  for (const database of [APP_DB, ENGINE_DB]) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await client.end();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('npm run bench', () => {
  it('seeds, checks itself, measures every path it defines with every request answered, and stops what it started', async () => {
    const { code, output } = await runBench(['--no-profile']);
    expect(code, output.slice(-4000)).toBe(0);
    expect(output).toContain('seeding 3000 dossiers, 300 open');
    expect(output).toContain('self-check: fast path = real path');

    const report = readReport();
    expect(report.scale).toEqual({ dossiers: 3000, openTasks: 300 });
    expect(report.paths.length).toBeGreaterThan(0);
    expect(new Set(report.paths.map((path) => path.id)).size).toBe(report.paths.length);
    for (const path of report.paths) {
      expect(path.skipped, path.id).toBeUndefined();
      expect(path.result?.requests, path.id).toBeGreaterThan(0);
      expect(path.result?.errors, `${path.id}: ${path.result?.firstError}`).toBe(0);
    }
    // the markdown report has a row for each path, as --record writes it into docs/benchmarks.md
    const table = readFileSync(join(dataDir, 'province-scale.md'), 'utf8');
    for (const path of report.paths) expect(table, path.id).toContain(`| ${path.label} |`);
    expect(leftBehind()).toEqual([]);
  }, 900_000);

  it('reuses the seeded databases and profiles a path again under the profilers', async () => {
    const { paths } = readReport();
    const path = paths.find((candidate) => candidate.id === 'officer-read') ?? paths[0]!;
    const { code, output } = await runBench(['--profile-all', `--only=${path.id}`]);
    expect(code, output.slice(-4000)).toBe(0);
    expect(output).not.toContain('seeding');

    const report = readReport();
    const profiled = report.profiled.find((entry) => entry.id === path.id);
    expect(profiled, output.slice(-4000)).toBeDefined();
    expect(profiled!.requests).toBeGreaterThan(0);
    expect(profiled!.cpuMs).toBeGreaterThan(0);
    expect(leftBehind()).toEqual([]);
  }, 600_000);
});
