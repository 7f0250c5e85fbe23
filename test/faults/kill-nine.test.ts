import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient, type EngineClient } from '@motcua/common/engine';
import { createDb, DEMO_PROCEDURES, type Db } from '@motcua/db';
import { compiledRuntime } from '../../scripts/lib/prepare.mjs';
import { startEmbeddedStack, type EmbeddedStack, type Stack } from '../support/embedded-stack.js';

/**
 * kill -9 of each part of the stack (the API server, the workers, the BPMN engine and the embedded
 * database), one after the other, while receptionists of two agencies keep receiving dossiers. The
 * stack runs as `npm start` runs it (scripts/lib/stack.mjs, compiled entry points, embedded
 * database), and its supervisor (Children.supervise) starts each killed part again. When the load
 * is done and the stack has caught up, it proves what a crash must never cost: no dossier answered
 * 201 is lost, no code of an agency's day is duplicated or skipped, every notification went out
 * exactly once, every dossier reached the state its reception leads to, and no process is left
 * without a dossier once the reconciler has run.
 *
 * Three settings are shortened for the children (they read the environment of this process), only
 * so the test ends within minutes: a claim or lock a dead process leaves is held 20 s instead of
 * 60 s or 120 s (a kill of the engine or the database can strand one in a live worker), and the
 * reconciler's grace period is its minimum, 30 s.
 */

/** Receptions answered 201 the load waits for, over both agencies. */
const RECEPTIONS = 40;
/** Receptions in flight at once. */
const CLIENTS = 4;
/** The parts killed, in this order: the server first, so the orphan it may leave ages past the grace period. */
const VICTIMS = ['server', 'workers', 'engine', 'embedded-postgres'] as const;
/** Generous waits for a part to come back and for the stack to catch up, on a loaded 2-core machine. */
const RECOVERY_MS = 240_000;
const CATCH_UP_MS = 240_000;
const RECONCILE_GRACE_MS = 30_000;

const SHORTENED = {
  WORKER_LOCK_DURATION_MS: '20000',
  NOTIFICATION_LOCK_MS: '20000',
  RECONCILE_GRACE_MS: String(RECONCILE_GRACE_MS),
};

let stack: Stack;
let dataDir: string;
let embedded: EmbeddedStack | undefined;
let db: Db;
let engine: EngineClient;
const supervisorSaid: string[] = [];
const previousEnv = Object.fromEntries(Object.keys(SHORTENED).map((name) => [name, process.env[name]]));

beforeAll(async () => {
  await compiledRuntime();
  Object.assign(process.env, SHORTENED);
  embedded = await startEmbeddedStack('faults');
  ({ stack, dataDir } = embedded);
  const { account } = embedded;
  stack.children.supervise((line) => supervisorSaid.push(line));
  db = createDb(stack.databaseUrl, { max: 2 });
  engine = createEngineClient({ baseUrl: stack.engineUrl, ...account });
}, 600_000);

afterAll(async () => {
  await db?.$disconnect();
  await embedded?.stop();
  for (const [name, value] of Object.entries(previousEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}, 120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something, or fails naming `what` after `timeoutMs`: a wait, not a timing assertion. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(500);
  }
}

/** The PID of the process now running as the stack's child `name`. */
function pidOf(name: string): number | undefined {
  return stack.children.running.find((entry) => entry.name === name)?.child.pid;
}

const ok = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(5_000) })).ok || undefined;

/** Whether the part answers again, each in its own way. */
const HEALTHY: Record<(typeof VICTIMS)[number], () => Promise<true | undefined>> = {
  server: () => ok(`${stack.serverUrl}/api/docs/json`),
  engine: () => ok(`${new URL(stack.engineUrl).origin}/actuator/health`),
  'embedded-postgres': async () => ((await db.$queryRaw`SELECT 1`) ? true : undefined),
  // a restarted workers process says so in its log once it has released what its predecessor held
  workers: async () => (workersStarted() > startsBeforeKill ? true : undefined),
};
let startsBeforeKill = 0;

/** How many times the workers have said they started, in the log file every incarnation appends to. */
function workersStarted(): number {
  const entry = stack.children.running.find((candidate) => candidate.name === 'workers');
  return readFileSync(entry!.logFile, 'utf8').split('"msg":"workers started"').length - 1;
}

async function login(username: string): Promise<string> {
  const response = await fetch(`${stack.serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** The two counters of the load: the district's (construction permit) and the commune's (birth registration). */
const COUNTERS = [
  { username: 'receptionist', procedure: DEMO_PROCEDURES.houseConstructionPermit },
  { username: 'xa.receptionist', procedure: DEMO_PROCEDURES.birthRegistration },
] as const;

interface Answered {
  id: string;
  code: string;
  processInstanceId: string;
}

function receptionBody(procedure: (typeof COUNTERS)[number]['procedure'], index: number) {
  return {
    procedureCode: procedure.code,
    applicant: {
      fullName: `Người Nộp Thử ${index}`,
      idNumber: String(49_190_000_000 + index).padStart(12, '0'),
      phone: '0905123456',
      address: 'Thôn Mỹ Hòa, xã Duy Phước, huyện Duy Xuyên',
      // every other applicant gives an e-mail address: a receipt by SMS only, and by SMS and e-mail
      ...(index % 2 === 0 ? { email: `nguoi.nop.${index}@example.vn` } : {}),
    },
    channel: 'counter',
    documents: procedure.requiredDocuments
      .filter((document) => document.mandatory)
      .map((document) => ({ name: document.name, originals: document.originals, copies: document.copies })),
  };
}

describe('kill -9 of each part of the stack during receptions', () => {
  const answered: Answered[] = [];
  const refused: string[] = [];

  it('loses no dossier, skips no code, sends every notification once and brings every dossier to in_progress', async () => {
    // Given receptionists of two agencies receiving dossiers, CLIENTS at a time
    const tokens = await Promise.all(COUNTERS.map((counter) => login(counter.username)));
    let next = 0;
    let killing = true;
    async function receptionist(client: number): Promise<void> {
      while (killing || answered.length < RECEPTIONS) {
        const index = next++;
        const counter = COUNTERS[(client + index) % COUNTERS.length]!;
        const response = await fetch(`${stack.serverUrl}/api/dossiers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[COUNTERS.indexOf(counter)]}`, 'content-type': 'application/json' },
          body: JSON.stringify(receptionBody(counter.procedure, index)),
          signal: AbortSignal.timeout(60_000),
        }).catch((error: unknown) => error as Error);
        if (!(response instanceof Error) && response.status === 201) {
          answered.push((await response.json()) as Answered);
        } else {
          // the part that died answers 500, 502 or 503, or not at all; the receptionist tries again
          refused.push(response instanceof Error ? response.name : String(response.status));
          if (!(response instanceof Error)) await response.arrayBuffer();
          await sleep(300);
        }
      }
    }
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, client) => receptionist(client)));

    // When each part is killed with SIGKILL while receptions are in flight, and comes back
    try {
      for (const [round, victim] of VICTIMS.entries()) {
        await until(
          'receptions before the next kill',
          async () => answered.length >= ((round + 1) * RECEPTIONS) / 5 || undefined,
          RECOVERY_MS,
        );
        startsBeforeKill = workersStarted();
        const killed = pidOf(victim);
        process.kill(killed!, 'SIGKILL');
        await until(`${victim} to be restarted`, async () => pidOf(victim) !== killed || undefined, RECOVERY_MS);
        await until(`${victim} to answer again`, HEALTHY[victim], RECOVERY_MS);
      }
    } finally {
      killing = false;
    }
    await load;
    expect(supervisorSaid.filter((line) => line.includes('exited (SIGKILL)'))).toHaveLength(VICTIMS.length);

    // Then the stack catches up: the wait ends when every dossier is planned and every message sent,
    // or at its bound; whatever is still out of step then is named by the assertions that follow
    const settled = async () => {
      const unplanned = await db.dossier.count({
        where: { OR: [{ status: { not: 'in_progress' } }, { dueAt: null }] },
      });
      const unsent = await db.notification.count({ where: { status: { not: 'sent' } } });
      return unplanned + unsent === 0 || undefined;
    };
    await until('the stack to catch up', settled, CATCH_UP_MS).catch(() => undefined);
    const dossiers = await db.dossier.findMany({ orderBy: { code: 'asc' } });

    // and no dossier answered 201 is lost: each has its row, and the process it runs on runs
    const byCode = new Map(dossiers.map((row) => [row.code, row]));
    expect(answered.filter((dossier) => byCode.get(dossier.code)?.id !== dossier.id)).toEqual([]);
    const processes = await engine.historicProcessInstances(
      { processInstanceIds: dossiers.map((row) => row.processInstanceId!) },
      { maxResults: dossiers.length },
    );
    const stateOf = new Map(processes.map((process) => [process.id, process.state]));
    const notRunning = dossiers
      .map((row) => ({ code: row.code, state: stateOf.get(row.processInstanceId!) ?? 'unknown to the engine' }))
      .filter((dossier) => dossier.state !== 'ACTIVE');
    expect(notRunning).toEqual([]);

    // and each agency's codes of the day run 1..n, none twice, none skipped, as its sequence says
    const sequences = await db.dossierSequence.findMany({ include: { agency: true } });
    for (const sequence of sequences) {
      const taken = dossiers
        .filter((row) => row.agencyId === sequence.agencyId && row.code.includes(`-${sequence.day}-`))
        .map((row) => Number(row.code.split('-').at(-1)))
        .sort((a, b) => a - b);
      expect(taken, sequence.agency.code).toEqual(Array.from({ length: sequence.lastValue }, (_, i) => i + 1));
    }
    expect(sequences.reduce((sum, sequence) => sum + sequence.lastValue, 0)).toBe(dossiers.length);

    // and every dossier is in progress with its appointment planned, and every message was sent
    const unplanned = dossiers.filter((row) => row.status !== 'in_progress' || row.dueAt === null);
    expect(unplanned.map((row) => ({ code: row.code, status: row.status, dueAt: row.dueAt }))).toEqual([]);
    const unsent = await db.notification.findMany({
      where: { status: { not: 'sent' } },
      select: { dedupeKey: true, status: true, attempts: true, lockedUntil: true, lastError: true },
    });
    expect(unsent).toEqual([]);

    // and the notification log has one line per message of the outbox, none twice
    const outbox = await db.notification.findMany({ select: { dedupeKey: true, providerRef: true } });
    const lines = readFileSync(join(dataDir, 'notifications.log'), 'utf8').trimEnd().split('\n');
    const logged = lines.map((line) => JSON.parse(line) as { idempotencyKey: string; providerRef: string });
    expect(logged.map((entry) => entry.idempotencyKey).sort()).toEqual(outbox.map((row) => row.dedupeKey).sort());
    expect(new Set(logged.map((entry) => entry.providerRef))).toEqual(new Set(outbox.map((row) => row.providerRef)));
    expect(outbox.length).toBeGreaterThanOrEqual(dossiers.length);
  }, 1_200_000);

  it('leaves no process without a dossier once the reconciler has run', async () => {
    // Given the processes a killed server or database may have left without their dossier, older than the grace period
    await sleep(RECONCILE_GRACE_MS);
    // When an admin of the province runs a reconciliation
    const response = await fetch(`${stack.serverUrl}/api/reconciliation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await login('admin')}` },
    });
    expect(response.status).toBe(200);
    // Then every running process of a procedure is one a dossier stores
    const keys = Object.values(DEMO_PROCEDURES).map((procedure) => procedure.processKey);
    await until(
      'the orphan processes to be deleted',
      async () => {
        const running = await engine.historicProcessInstances({ processDefinitionKeyIn: keys, unfinished: true });
        const stored = await db.dossier.count({
          where: { processInstanceId: { in: running.map((process) => process.id) } },
        });
        return stored === running.length ? true : undefined;
      },
      CATCH_UP_MS,
    );
    // and what the reconciler found was only such orphans, which it deleted
    const findings = await db.reconciliationFinding.findMany({ select: { kind: true, repair: true, detail: true } });
    expect(
      findings.filter((finding) => finding.kind !== 'orphan_process' || finding.repair !== 'process deleted'),
    ).toEqual([]);
  }, 600_000);
});
