/**
 * Where the machine's CPU goes during one measured path: the CPU time of each process the benchmark
 * started (with its descendants: the engine runs as a JVM under its start script), of the PostgreSQL
 * backends serving the benchmark's two databases, and of the load generator itself, beside how busy
 * the whole machine was. Divided by the operations of the path, it tells which process bounds a
 * path's rate: on a machine whose cores are all busy, the rate is the cores over the CPU time of one
 * operation, whoever spends it.
 *
 * Linux only (/proc). A PostgreSQL backend that ends during a path takes its CPU time with it; the
 * pools the benchmark's processes keep make that rare, and the machine's busy time shows the total.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type pg from 'pg';

/** The kernel's clock ticks per second, the unit of /proc's CPU times. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const msOfTicks = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;

interface ProcessTimes {
  parent: number;
  /** User and system time, in ms. */
  cpuMs: number;
}

/** Every live process's parent and CPU time, from /proc/<pid>/stat. */
function processTable(): Map<number, ProcessTimes> {
  const table = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // the command name, in parentheses, may hold spaces: the fields count from its closing one
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), { parent: Number(fields[1]), cpuMs: msOfTicks(Number(fields[11]) + Number(fields[12])) });
    } catch {
      // the process ended while the table was read
    }
  }
  return table;
}

/** The CPU time of `root` and every live descendant of it. */
function treeCpuMs(table: Map<number, ProcessTimes>, root: number): number {
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total += table.get(pid)?.cpuMs ?? 0;
    for (const [child, times] of table) if (times.parent === pid) pending.push(child);
  }
  return total;
}

/** Busy and total CPU time of the whole machine, in ms summed over its cores (/proc/stat). */
function machineTimes(): { busyMs: number; totalMs: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const ticks = values.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle and iowait
  const total = ticks.reduce((sum, value) => sum + value, 0);
  return { busyMs: msOfTicks(total - idle), totalMs: msOfTicks(total) };
}

/** The named processes to account for: a name and how to find its current PID (they are restarted). */
export type CpuSources = Record<string, () => number>;

export interface CpuSnapshot {
  at: number;
  machine: { busyMs: number; totalMs: number };
  byName: Record<string, number>;
  postgresByPid: Map<number, number>;
}

/** How the CPU was spent between two snapshots, in ms. */
export interface CpuUse {
  /** Share of the machine's cores that were busy, 0–1. */
  machineBusy: number;
  /** CPU ms of each named source, of PostgreSQL (`postgres`) and of this process (`load generator`). */
  byName: Record<string, number>;
  /** CPU ms of the machine that none of the above spent (other users, the kernel's own threads). */
  otherMs: number;
}

export function createCpuMeter(sources: CpuSources, pool: pg.Pool, databases: readonly string[]) {
  async function postgresBackends(): Promise<number[]> {
    const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = ANY($1)', [
      databases,
    ]);
    return rows.map((row) => row.pid);
  }

  return {
    async snapshot(): Promise<CpuSnapshot> {
      const backends = await postgresBackends();
      const table = processTable();
      const byName = Object.fromEntries(Object.entries(sources).map(([name, pid]) => [name, treeCpuMs(table, pid())]));
      const usage = process.cpuUsage();
      byName['load generator'] = (usage.user + usage.system) / 1000;
      return {
        at: Date.now(),
        machine: machineTimes(),
        byName,
        postgresByPid: new Map(backends.map((pid) => [pid, table.get(pid)?.cpuMs ?? 0])),
      };
    },

    /** The CPU spent from `before` to `after`; a source restarted in between counts from zero. */
    between(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
      const byName: Record<string, number> = {};
      for (const [name, ms] of Object.entries(after.byName)) {
        const earlier = before.byName[name] ?? 0;
        byName[name] = ms >= earlier ? ms - earlier : ms;
      }
      let postgres = 0;
      for (const [pid, ms] of after.postgresByPid) postgres += ms - (before.postgresByPid.get(pid) ?? 0);
      byName.postgres = postgres;
      const busyMs = after.machine.busyMs - before.machine.busyMs;
      const totalMs = after.machine.totalMs - before.machine.totalMs;
      const accounted = Object.values(byName).reduce((sum, ms) => sum + ms, 0);
      return { machineBusy: totalMs > 0 ? busyMs / totalMs : 0, byName, otherMs: Math.max(0, busyMs - accounted) };
    },
  };
}
export type CpuMeter = ReturnType<typeof createCpuMeter>;
