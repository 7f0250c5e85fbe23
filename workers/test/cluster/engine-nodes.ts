/**
 * Two engine nodes started at the same moment from the one jar on one fresh PostgreSQL database, as
 * docker-compose.yml runs engine-1 and engine-2. Each node is a JVM this test process started
 * (startTestEngine), found by its PID so that the test can freeze it and kill it with SIGKILL.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { createTestDatabase, startTestEngine, type TestDatabase, type TestEngine } from '@motcua/common/testing';

export interface EngineNode extends TestEngine {
  /** The engine's `hostname`, which it writes into every job log entry (ACT_HI_JOB_LOG.HOSTNAME_). */
  name: string;
  /** The JVM's process id: a child of this process. */
  pid: number;
}

export interface EngineCluster {
  /** The node the test kills: its job executor locks jobs for a short time only. */
  doomed: EngineNode;
  survivor: EngineNode;
  /** The engine's database, for what its REST API does not show (who holds a job's lock). */
  database: TestDatabase;
  stop(): Promise<void>;
}

/** How long the doomed node locks a job it acquired: a job it held when it died is free again after this. */
export const DOOMED_LOCK_MS = 10_000;
/**
 * The survivor keeps Camunda's default lock time (five minutes), written out so that a change of the
 * shipped default cannot make the two nodes' locks alike: a lock that ends within a minute of now is
 * the doomed node's.
 */
const SURVIVOR_LOCK_MS = 300_000;

/** The JVM among this process's children that listens on `port` (start.sh exports ENGINE_PORT, then execs java). */
function jvmListeningOn(port: number): number {
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const environment = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environment.includes(`ENGINE_PORT=${port}`)) return Number(entry);
    } catch {
      // a process that ended meanwhile, or one that is not ours to read
    }
  }
  throw new Error(`no engine process of ours listens on port ${port}`);
}

/**
 * Starts both nodes at once on an empty database: ClusterBootstrapLock must let one create the schema
 * while the other waits. Both share the service account, as in compose.
 */
export async function startEngineCluster(): Promise<EngineCluster> {
  const database = await createTestDatabase(pg, 'motcua_cluster_engine');
  const url = new URL(database.url);
  const shared = {
    ENGINE_DB_URL: `jdbc:postgresql://${url.host}${url.pathname}`,
    ENGINE_DB_USER: decodeURIComponent(url.username),
    ENGINE_DB_PASSWORD: decodeURIComponent(url.password),
    ENGINE_ADMIN_USER: `cluster${randomBytes(4).toString('hex')}`,
    ENGINE_ADMIN_PASSWORD: randomBytes(24).toString('base64url'),
    // Spring Boot's relaxed binding, so the shipped jar runs unchanged. An idle job executor looks for
    // due jobs at least every 5 s (instead of backing off to a minute), so the survivor finds the jobs
    // whose lock the dead node left to expire within the test's time.
    CAMUNDA_BPM_JOBEXECUTION_MAXWAIT: '5000',
    // start.sh's flags plus C1 only: two JVMs starting together on a busy machine spend less of
    // startTestEngine's 180 s compiling (the README's measurements name the flag)
    JAVA_OPTS:
      '-Xms32m -Xmx384m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m ' +
      '-XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1',
  };
  const node = (name: string, lockMs: number) => ({
    ...shared,
    CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME: name,
    CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS: String(lockMs),
  });
  const starts = await Promise.allSettled([
    startTestEngine({ env: node('node-a', DOOMED_LOCK_MS) }),
    startTestEngine({ env: node('node-b', SURVIVOR_LOCK_MS) }),
  ]);
  const started = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  const failed = starts.find((start) => start.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((engine) => engine.stop()));
    await database.drop();
    throw failed.reason;
  }
  const [a, b] = started as [TestEngine, TestEngine];
  const withPid = (engine: TestEngine, name: string): EngineNode =>
    Object.assign(engine, { name, pid: jvmListeningOn(Number(new URL(engine.url).port)) });
  const doomed = withPid(a, 'node-a');
  const survivor = withPid(b, 'node-b');
  return {
    doomed,
    survivor,
    database,
    async stop() {
      // a node left frozen by a failed test must be able to take its SIGTERM
      if (isAlive(doomed.pid)) process.kill(doomed.pid, 'SIGCONT');
      await Promise.all([doomed.stop(), survivor.stop()]);
      await database.drop();
    },
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The state letter of /proc/<pid>/stat: `T` once a SIGSTOP has taken effect. */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** Stops the node's every thread (SIGSTOP) and returns once the kernel says it is stopped. */
export async function freeze(node: EngineNode): Promise<void> {
  process.kill(node.pid, 'SIGSTOP');
  for (let state = processState(node.pid); state !== 'T'; state = processState(node.pid)) {
    if (state === undefined || state === 'Z') throw new Error(`${node.name} died before it could be frozen`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

export function thaw(node: EngineNode): void {
  process.kill(node.pid, 'SIGCONT');
}

/** kill -9, then waits until the process is gone (reaped by this process, its parent). */
export async function killHard(node: EngineNode): Promise<void> {
  process.kill(node.pid, 'SIGKILL');
  while (isAlive(node.pid)) await new Promise((resolve) => setTimeout(resolve, 20));
}
