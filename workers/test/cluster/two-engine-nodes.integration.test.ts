/**
 * Issue 8 (E): the scale-out path of docker-compose.yml, running for real. Two engine nodes from the
 * one jar share a fresh PostgreSQL database; the server talks to node B, the workers to node A
 * through a failover proxy (nginx's part in compose: node A while it accepts connections, node B
 * after). A bounded load of back-entered dossiers runs with every step's overdue timer due, and node
 * A is killed with SIGKILL while its job executor holds timer jobs. The engine's history and our
 * database then show that no timer fired twice, no task was lost or done twice, and node B finished
 * the work.
 *
 * Why back-entry: a dossier entered after an outage (regulation Art. 7.2) keeps its original receipt
 * time, here more working days ago than the longest procedure takes, so compute-appointment plans
 * every step deadline (`due_<step>`) in the past and each step's non-interrupting overdue timer is due
 * the moment the step opens. So the timers fire while the test runs, whatever the hour, through the
 * shipped diagrams, workers and server (a live reception's deadlines lie hours or days ahead in
 * working time); each step is completed only once its reminder has been recorded, so that no timer
 * is cancelled unfired.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient } from '@motcua/common/engine';
import { deployProcesses } from '@motcua/processes';
import { USER_TASKS } from '@motcua/common';
import type { LegalClock } from '@motcua/common/calendar';
import { loadConfig } from '../../src/config.js';
import { createProcessDefinitions } from '../../src/engine/process-definitions.js';
import type { TaskClient } from '../../src/engine/task-client.js';
import type { Logger } from '../../src/logger.js';
import { startWorkers } from '../../src/start-workers.js';
import { createSeededDatabase, type SeededDatabase } from '../support/database.js';
import { legalClockOf } from '../support/environment.js';
import { crashWhileHoldingTimerJobs, type Crash } from './crash.js';
import { isAlive, startEngineCluster, type EngineCluster } from './engine-nodes.js';
import { startFailoverProxy, type FailoverProxy } from './failover-proxy.js';
import { countBy, instantOf, notExactly, readHistory, type EngineHistory } from './history.js';
import { officersAt, shippedProcedures, type ReceivedDossier } from './officers.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** Dossiers of each shipped procedure: 24 in all with the three shipped diagrams. */
const DOSSIERS_PER_PROCEDURE = 8;

let cluster: EngineCluster | undefined;
let ours: SeededDatabase | undefined;
let engineDb: pg.Client | undefined;
let proxy: FailoverProxy | undefined;
let server: Promise<ServerProcess> | undefined;
let workers: TaskClient | undefined;

/** Facts gathered while the nodes started and the load ran, asserted one property per test below. */
let bootstrap: { schemaLog: number; accounts: string[]; deployed: string[]; seenByNodes: string[][] };
let crash: Crash;
let dossiers: ReceivedDossier[];
let history: EngineHistory;
let proxyAtCrash: Record<string, number>;
let proxyAtEnd: Record<string, number>;
let deadNodeAnswers: boolean;
const workerErrors: string[] = [];

/** Worker errors are expected around the kill (calls cut by it); they are kept, not printed. */
const keepErrors: Logger = {
  info: () => undefined,
  warn: (fields, message) => workerErrors.push(`${message} ${JSON.stringify(fields)}`.slice(0, 600)),
  error: (fields, message) => workerErrors.push(`${message} ${JSON.stringify(fields)}`.slice(0, 600)),
};

/** The engine's service account, as the server and the workers read it from their environment. */
function engineAccount(node: { user: string; password: string }) {
  return { ENGINE_USER: node.user, ENGINE_PASSWORD: node.password };
}

/** What an event is about besides its type and activity: the step it reminds of, the message it queued. */
function about(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const { step, kind } = data as { step?: unknown; kind?: unknown };
  return String(step ?? kind ?? '');
}

/** Runs `work` on every item, at most `width` at a time; the results in the items' order. */
async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!);
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

/** The system as compose runs it, with the clients' view of it for the load. */
interface Running {
  officers: ReturnType<typeof officersAt>;
  clock: LegalClock;
}

/**
 * Given: two nodes started at once on an empty engine database, our database migrated and seeded,
 * the shipped processes deployed once, the server on node B, the workers on node A through the proxy.
 */
async function startTheSystem(): Promise<Running> {
  const [clusterStart, oursStart] = await Promise.allSettled([startEngineCluster(), createSeededDatabase()]);
  cluster = clusterStart.status === 'fulfilled' ? clusterStart.value : undefined;
  ours = oursStart.status === 'fulfilled' ? oursStart.value : undefined;
  if (clusterStart.status === 'rejected') throw clusterStart.reason;
  if (oursStart.status === 'rejected') throw oursStart.reason;
  const { doomed, survivor } = cluster!;
  const database = ours!;
  const access = { user: survivor.user, password: survivor.password };
  // a cold engine on a busy machine answers its first calls slowly
  const patient = (node: { url: string }) => createEngineClient({ baseUrl: node.url, ...access, timeoutMs: 120_000 });
  engineDb = new pg.Client({ connectionString: cluster!.database.url });
  await engineDb.connect();

  server = startServerProcess({ DATABASE_URL: database.url, ENGINE_URL: survivor.url, ...engineAccount(survivor) });
  const deployed = Object.values((await deployProcesses(patient(survivor))).deployedProcessDefinitions ?? {});
  bootstrap = {
    schemaLog: (await engineDb.query('SELECT 1 FROM act_ge_schema_log')).rowCount ?? 0,
    accounts: (await engineDb.query<{ id_: string }>('SELECT id_ FROM act_id_user')).rows.map(({ id_ }) => id_),
    deployed: deployed.map(({ id }) => id),
    seenByNodes: await Promise.all(
      [doomed, survivor].map((node) =>
        Promise.all(deployed.map(async ({ key }) => (await patient(node).latestDefinition(key)).id)),
      ),
    ),
  };
  proxy = await startFailoverProxy([doomed, survivor]);
  const serverUrl = (await server).url;
  const workersEngine = createEngineClient({ baseUrl: proxy.url, ...access });
  const { clock } = await legalClockOf(database.db);
  workers = startWorkers({
    config: loadConfig({
      DATABASE_URL: database.url,
      ENGINE_URL: proxy.url,
      ...engineAccount(survivor),
      WORKER_ID: `motcua-worker-cluster-test-${process.pid}`,
      WORKER_POLL_TIMEOUT_MS: '1000',
      WORKER_RETRY_TIMEOUT_MS: '500',
      // on a machine busy with other suites a task may fail a few times (pool or engine too slow)
      // before it runs through: that must not end in an incident that stops the load
      WORKER_RETRIES: '10',
      // a task whose fetch the dead node committed but never answered is handed out again after this
      WORKER_LOCK_DURATION_MS: '20000',
    }),
    deps: {
      db: database.db,
      engine: workersEngine,
      definitions: createProcessDefinitions(workersEngine),
      clock: () => clock,
      now: () => new Date(),
      publicBaseUrl: serverUrl,
    },
    logger: keepErrors,
  });
  return { officers: officersAt(serverUrl, database.db, survivor), clock };
}

/**
 * When: the dossiers are back-entered and carried to their last step while node A is watched and
 * killed holding timer jobs; then, node A dead, the results are handed over and the processes end.
 */
async function runTheLoad({ officers, clock }: Running): Promise<void> {
  const { doomed, survivor } = cluster!;
  const watch = crashWhileHoldingTimerJobs(doomed, engineDb!);
  const atCrash = watch.crashed.then((crashed) => ({ crashed, answered: proxy!.answered() }));
  atCrash.catch(() => undefined);
  const procedures = await shippedProcedures(ours!.db);
  const longest = Math.max(...procedures.map((procedure) => procedure.processingDays));
  const receivedAt = clock.addWorkingMinutes(new Date(), -(longest + 1) * clock.minutesPerDay);
  const plan = procedures.flatMap((procedure) => Array.from({ length: DOSSIERS_PER_PROCEDURE }, () => procedure));
  try {
    dossiers = await inParallel(plan, 6, (procedure) => officers.backEnter(procedure, receivedAt));
    await inParallel(dossiers, 8, (dossier) => officers.carryThrough(dossier, USER_TASKS.returnResult));
  } finally {
    // node A has fired the timers the workers' completions created (appraisal, return-result): it
    // has been caught holding some by now, or it never will be
    watch.cancel();
  }
  ({ crashed: crash, answered: proxyAtCrash } = await atCrash);

  await inParallel(dossiers, 8, (dossier) => officers.carryThrough(dossier));
  proxyAtEnd = proxy!.answered();
  deadNodeAnswers = await fetch(doomed.url.replace('/engine-rest', '/actuator/health')).then(
    () => true,
    () => false,
  );
  history = await readHistory(survivor);
}

beforeAll(async () => {
  const running = await startTheSystem();
  try {
    await runTheLoad(running);
  } catch (error) {
    // what the workers and the server met says most about a dossier that did not move on
    const incidents = await engineDb!.query('SELECT incident_type_, activity_id_, incident_msg_ FROM act_ru_incident');
    const serverLog = await server!.then((started) => started.logTail());
    throw new Error(
      [
        String(error),
        `incidents: ${JSON.stringify(incidents.rows)}`,
        `worker errors:\n${workerErrors.join('\n')}`,
        `server log:\n${serverLog}`,
      ].join('\n'),
      { cause: error },
    );
  }
}, 600_000);

afterAll(async () => {
  await workers?.stop();
  await server?.then((started) => started.stop()).catch(() => undefined);
  await proxy?.close();
  await engineDb?.end();
  await cluster?.stop();
  await ours?.drop();
}, 120_000);

describe('two engine nodes on one PostgreSQL, one killed under load', () => {
  it('start together on an empty database, create one schema and one service account, and share the deployment', () => {
    expect(bootstrap.schemaLog).toBe(1);
    expect(bootstrap.accounts).toEqual([cluster!.survivor.user]);
    expect(bootstrap.deployed.length).toBeGreaterThan(0);
    expect(bootstrap.seenByNodes).toEqual([bootstrap.deployed, bootstrap.deployed]);
  });

  it('lose the killed node with timer jobs under its lock, and the survivor fires each of them once', () => {
    const { doomed, survivor } = cluster!;
    expect(isAlive(doomed.pid)).toBe(false);
    expect(deadNodeAnswers).toBe(false);
    expect(crash.heldTimerJobs.length).toBeGreaterThan(0);
    for (const jobId of crash.heldTimerJobs) {
      const executions = history.jobLog.filter((entry) => entry.jobId === jobId && entry.successLog);
      expect(
        executions.map((entry) => entry.hostname),
        `timer job ${jobId}`,
      ).toEqual([survivor.name]);
    }
  });

  it('fire every step’s overdue timer exactly once', () => {
    const timers = history.jobLog.filter((entry) => entry.jobDefinitionType.startsWith('timer'));
    const created = timers.filter((entry) => entry.creationLog);
    const fired = timers.filter((entry) => entry.successLog);
    // each timer job created fired once and none was deleted unfired: every step was past its deadline
    expect(
      notExactly(
        countBy(fired, (entry) => entry.jobId),
        1,
      ),
    ).toEqual([]);
    expect(new Set(fired.map((entry) => entry.jobId))).toEqual(new Set(created.map((entry) => entry.jobId)));
    expect(timers.filter((entry) => entry.deletionLog)).toEqual([]);
    // once per process and boundary event, and one for every step a dossier went through
    const boundaries = history.activities.filter((activity) => activity.activityType === 'boundaryTimer');
    expect(
      notExactly(
        countBy(boundaries, (activity) => `${activity.processInstanceId} ${activity.activityId}`),
        1,
      ),
    ).toEqual([]);
    expect(countBy(boundaries, (activity) => activity.processInstanceId)).toEqual(
      countBy(history.tasks, (task) => task.processInstanceId),
    );
    expect(countBy(history.tasks, (task) => task.processInstanceId).size).toBe(dossiers.length);
  });

  it('complete every user task and every external task exactly once', () => {
    expect(
      notExactly(
        countBy(history.tasks, (task) => `${task.processInstanceId} ${task.taskDefinitionKey}`),
        1,
      ),
    ).toEqual([]);
    expect(history.tasks.filter((task) => task.deleteReason !== 'completed' || task.endTime === null)).toEqual([]);
    const log = history.externalTaskLog;
    const done = log.filter((entry) => entry.successLog);
    expect(
      notExactly(
        countBy(done, (entry) => entry.externalTaskId),
        1,
      ),
    ).toEqual([]);
    expect(new Set(done.map((entry) => entry.externalTaskId))).toEqual(
      new Set(log.filter((entry) => entry.creationLog).map((entry) => entry.externalTaskId)),
    );
    expect(log.filter((entry) => entry.deletionLog)).toEqual([]);
  });

  it('finish the work on the surviving node', async () => {
    const { doomed, survivor } = cluster!;
    // every process ended, after node A was gone (the results were handed over then)
    expect(history.processes).toHaveLength(dossiers.length);
    for (const instance of history.processes) {
      expect(instance.state, instance.businessKey).toBe('COMPLETED');
      expect(instantOf(instance.endTime)).toBeGreaterThan(crash.frozenAt.getTime());
    }
    // node A executed no job after it was frozen; node B did all the rest
    const executedByA = history.jobLog.filter((entry) => entry.successLog && entry.hostname === doomed.name);
    expect(executedByA.filter((entry) => instantOf(entry.timestamp) > crash.frozenAt.getTime())).toEqual([]);
    expect(
      history.jobLog.filter((entry) => entry.hostname !== doomed.name && entry.hostname !== survivor.name),
    ).toEqual([]);
    // the workers reached node B once node A refused connections
    expect(proxyAtEnd[doomed.name]).toBe(proxyAtCrash[doomed.name]);
    expect(proxyAtEnd[survivor.name]!).toBeGreaterThan(proxyAtCrash[survivor.name]!);
    const unfinished = await ours!.db.dossier.findMany({
      where: { code: { in: dossiers.map((dossier) => dossier.code) }, status: { not: 'returned' } },
      select: { code: true, status: true },
    });
    expect(unfinished).toEqual([]);
  });

  it('write no dossier event twice', async () => {
    const events = await ours!.db.dossierEvent.findMany({
      where: { dossier: { code: { in: dossiers.map((dossier) => dossier.code) } } },
      select: { dossierId: true, type: true, activityId: true, dedupeKey: true, data: true },
    });
    const fact = ({ dossierId, type, activityId, data }: (typeof events)[number]) =>
      `${dossierId} ${type} ${activityId} ${about(data)}`;
    expect(notExactly(countBy(events, fact), 1)).toEqual([]);
    // one reminder per step of every dossier, as the engine fired them
    expect(events.filter((event) => event.type === 'step_overdue')).toHaveLength(history.tasks.length);
  });
});
