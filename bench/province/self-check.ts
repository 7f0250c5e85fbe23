/**
 * The fast path's self-check: dossiers go through the real paths (the API, the engine, the workers)
 * and the fast path builds the rows of the same dossiers from the same inputs; the two are compared
 * column by column, event by event, message by message, and for an open dossier the engine's
 * variables, task, candidate groups and timer too. What the fast path cannot know (ids the database
 * or the engine hands out, instants a worker's clock stamps) is left out, by name, below.
 */
import { Agent } from 'node:http';
import type pg from 'pg';
import type { LegalClock } from '@motcua/common/calendar';
import { applicant, randomFrom } from './model.js';
import {
  atRiskEvent,
  handedIn,
  receivedAndPlanned,
  receptionWithoutProcess,
  returnedDossier,
  type DossierInput,
  type DossierRows,
} from './rows.js';
import { engineCall, plannedVariables, startAt } from './engine.js';
import type { CatalogueProcedure } from './seed.js';
import { send } from './load.js';
import type { EngineAccess } from './stack.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** JSON with object keys in order (jsonb keeps its own order), bigints as text. */
function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return String(value);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedJson((value as Record<string, unknown>)[key])]));
  }
  return value ?? null;
}

/** A value as it compares: dates as ISO text, JSON with sorted keys, engine ids masked. */
function canonical(value: unknown): string {
  return JSON.stringify(sortedJson(value)).replace(UUID, '<id>');
}

/**
 * Instants stamped by another clock than the input's (the database's now() for the event
 * notification_queued, a worker's clock for record-returned) count as equal within this margin.
 */
const STAMP_MARGIN_MS = 5_000;

/** Differences between two records, on every field of `expected` except `skip`. */
function differences(what: string, expected: object, actual: Record<string, unknown>, skip: readonly string[]): string[] {
  return Object.entries(expected)
    .filter(([field]) => !skip.includes(field))
    .flatMap(([field, value]) => {
      const got = actual[field];
      if (value instanceof Date && got instanceof Date && Math.abs(value.getTime() - got.getTime()) <= STAMP_MARGIN_MS) return [];
      const want = canonical(value);
      return want === canonical(got) ? [] : [`${what}.${field}: fast path ${want}, real path ${canonical(got)}`];
    });
}

function compareRows(label: string, fast: DossierRows, real: { dossier: Record<string, unknown>; events: Record<string, unknown>[]; notifications: Record<string, unknown>[] }): { compared: number; problems: string[] } {
  const problems = differences(`${label} dossier`, fast.dossier, real.dossier, ['id', 'processInstanceId', 'createdAt', 'updatedAt']);
  let compared = Object.keys(fast.dossier).length - 4;
  if (fast.events.length !== real.events.length) {
    problems.push(
      `${label}: fast path ${fast.events.length} events (${fast.events.map((e) => e.type).join(', ')}), ` +
        `real path ${real.events.length} (${real.events.map((e) => String(e.type)).join(', ')})`,
    );
  }
  fast.events.forEach((event, i) => {
    problems.push(...differences(`${label} event ${i + 1} (${event.type})`, event, real.events[i] ?? {}, ['dossierId']));
    compared += Object.keys(event).length - 1;
  });
  const byKey = new Map(real.notifications.map((row) => [String(row.dedupeKey), row]));
  if (fast.notifications.length !== real.notifications.length) {
    problems.push(`${label}: fast path ${fast.notifications.length} messages, real path ${real.notifications.length}`);
  }
  for (const message of fast.notifications) {
    problems.push(
      ...differences(`${label} message ${message.dedupeKey}`, message, byKey.get(message.dedupeKey) ?? {}, [
        'dossierId',
        'createdAt',
        'nextAttemptAt',
        'sentAt',
        'providerRef',
      ]),
    );
    compared += Object.keys(message).length - 5;
  }
  return { compared, problems };
}

export interface CheckContext {
  serverUrl: string;
  engine: EngineAccess;
  pool: pg.Pool;
  clock: LegalClock;
  publicBaseUrl: string;
  /** The commune's birth registration and its officers (the demo accounts, password demo). */
  procedure: CatalogueProcedure;
  officers: { receptionist: string; specialist: string; leader: string };
  /** The workers' at-risk scan (workers/src/scans/at-risk.ts), run once more to flag the open dossier; absent: not compared. */
  scan?: () => Promise<unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`self-check: ${what} did not happen within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/**
 * The rows of a dossier as they are in the database: events in the order the history shows them (by
 * when they happened: an officer's completion is timed before its engine call, and the workers' reaction
 * to it may be written first), messages in the order written.
 */
async function readRows(pool: pg.Pool, code: string) {
  const { rows: dossiers } = await pool.query('SELECT * FROM "Dossier" WHERE code = $1', [code]);
  const dossier = dossiers[0] as Record<string, unknown>;
  const { rows: events } = await pool.query('SELECT * FROM "DossierEvent" WHERE "dossierId" = $1 ORDER BY "occurredAt", id', [dossier.id]);
  const { rows: notifications } = await pool.query('SELECT * FROM "Notification" WHERE "dossierId" = $1 ORDER BY id', [dossier.id]);
  return { dossier, events: events as Record<string, unknown>[], notifications: notifications as Record<string, unknown>[] };
}

/** Runs the check; returns the lines to print, and throws listing every difference found. */
export async function selfCheck(context: CheckContext): Promise<string[]> {
  const agent = new Agent({ keepAlive: true });
  const api = async (method: string, path: string, token: string | null, body?: unknown) => {
    const answer = await send(agent, `${context.serverUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (answer.status >= 300) throw new Error(`self-check: ${method} ${path} → ${answer.status}: ${answer.body.slice(0, 300)}`);
    return answer.body ? (JSON.parse(answer.body) as Record<string, unknown>) : {};
  };
  const login = async (username: string) => String((await api('POST', '/api/auth/login', null, { username, password: 'demo' })).token);
  try {
    const { procedure, officers, pool, publicBaseUrl } = context;
    const tokens = {
      receptionist: await login(officers.receptionist),
      specialist: await login(officers.specialist),
      leader: await login(officers.leader),
    };
    const random = randomFrom(Date.now() % 100_000);
    const place = procedure.agency.name.replace(/^UBND /, '');
    const problems: string[] = [];
    let compared = 0;

    /** Receives one dossier through the API and the fast path's input for the same dossier. */
    async function receive(extra: Record<string, unknown>) {
      const person = applicant(random, place);
      const answer = await api('POST', '/api/dossiers', tokens.receptionist, {
        procedureCode: procedure.code,
        applicant: person,
        documents: handedIn(procedure.version),
        ...extra,
      });
      const { rows } = await pool.query('SELECT id, "receivedAt" FROM "Dossier" WHERE code = $1', [answer.code]);
      const input: DossierInput = {
        id: rows[0].id,
        code: String(answer.code),
        agency: { id: procedure.agency.id, name: procedure.agency.name },
        procedure: { id: procedure.id, code: procedure.code },
        version: procedure.version,
        applicant: person,
        receivedAt: rows[0].receivedAt,
        receivedBy: officers.receptionist,
      };
      return input;
    }
    const sentAll = (code: string, count: number) =>
      until(`the messages of ${code} sent`, async () => {
        const { rows } = await pool.query(
          `SELECT count(*)::int AS n FROM "Notification" n JOIN "Dossier" d ON d.id = n."dossierId" WHERE d.code = $1 AND n.status = 'sent'`,
          [code],
        );
        return rows[0].n >= count;
      });

    // incomplete and refused at the counter: the server alone
    for (const outcome of [
      { kind: 'incomplete' as const, missingItems: ['Giấy chứng sinh (bản chính)'] },
      { kind: 'refused' as const, reason: 'Không thuộc thẩm quyền giải quyết của xã' },
    ]) {
      const input = await receive(
        outcome.kind === 'incomplete'
          ? { outcome: 'incomplete', missingItems: outcome.missingItems }
          : { outcome: 'refused', refusalReason: outcome.reason },
      );
      const fast = receptionWithoutProcess(input, outcome, publicBaseUrl);
      await sentAll(input.code, fast.notifications.length);
      const result = compareRows(outcome.kind, fast, await readRows(pool, input.code));
      problems.push(...result.problems);
      compared += result.compared;
    }

    // complete: reception, then compute-appointment in the workers
    const input = await receive({});
    const planned = await until('compute-appointment', async () => {
      const { rows } = await pool.query(
        `SELECT d."processInstanceId", d."processDefinitionId", e."occurredAt", e."dedupeKey"
           FROM "Dossier" d JOIN "DossierEvent" e ON e."dossierId" = d.id AND e.type = 'appointment_computed' WHERE d.code = $1`,
        [input.code],
      );
      return rows[0];
    });
    const instance = { processInstanceId: planned.processInstanceId, processDefinitionId: planned.processDefinitionId };
    const appointment = {
      dueAt: plannedVariables(context.clock, procedure.steps, input.receivedAt, procedure.version.processingDays).dueAt,
      steps: procedure.steps.length,
      at: planned.occurredAt as Date,
      activityInstanceId: String(planned.dedupeKey).replace(/^compute-appointment:/, ''),
    };
    const open = receivedAndPlanned(input, instance, appointment, publicBaseUrl);
    await sentAll(input.code, open.notifications.length);
    const openResult = compareRows('open', open, await readRows(pool, input.code));
    problems.push(...openResult.problems);
    compared += openResult.compared;
    problems.push(...(await compareEngine(context, input, instance.processInstanceId)));
    const flag = context.scan ? await compareAtRisk(context, input, instance.processInstanceId, appointment.dueAt) : null;
    if (flag) {
      problems.push(...flag.problems);
      compared += 8;
    }

    // the whole way: each step claimed and completed through /api/tasks, the workers record the result and the return
    const steps = [
      { activityId: 'appraisal', token: tokens.specialist, officer: officers.specialist, body: { outcome: 'approve' } },
      { activityId: 'leader-approval', token: tokens.leader, officer: officers.leader, body: { outcome: 'approve' } },
      { activityId: 'return-result', token: tokens.receptionist, officer: officers.receptionist, body: { returnMethod: 'counter' } },
    ];
    const taskIds: string[] = [];
    for (const step of steps) {
      const task = await until(`task ${step.activityId} of ${input.code}`, async () => {
        const list = await api('GET', `/api/tasks?dossierCode=${encodeURIComponent(input.code)}`, step.token);
        return (list.data as { id: string; taskDefinitionKey: string }[]).find((entry) => entry.taskDefinitionKey === step.activityId);
      });
      await api('POST', `/api/tasks/${task.id}/claim`, step.token);
      await api('POST', `/api/tasks/${task.id}/complete`, step.token, step.body);
      taskIds.push(task.id);
    }
    await until(`the return of ${input.code}`, async () => {
      const { rows } = await pool.query(`SELECT status FROM "Dossier" WHERE code = $1`, [input.code]);
      return rows[0].status === 'returned';
    });
    const real = await readRows(pool, input.code);
    const eventOf = (type: string, activityId: string | null) =>
      real.events.find((event) => event.type === type && (activityId === null || event.activityId === activityId))!;
    const processing = {
      tasks: steps.map((step, i) => ({
        taskId: taskIds[i]!,
        activityId: step.activityId,
        officer: step.officer,
        claimedAt: eventOf('task_claimed', step.activityId).occurredAt as Date,
        completedAt: eventOf('task_completed', step.activityId).occurredAt as Date,
        data: step.activityId === 'return-result' ? { outcome: null, returnMethod: 'counter' } : { outcome: 'approve' },
      })),
      resultReady: {
        at: eventOf('result_ready', null).occurredAt as Date,
        activityInstanceId: String(eventOf('result_ready', null).dedupeKey).replace(/^record-result-ready:/, ''),
      },
      returned: {
        at: real.dossier.finishedAt as Date,
        activityInstanceId: String(eventOf('returned', null).dedupeKey).replace(/^record-returned:/, ''),
      },
    };
    const returned = returnedDossier(input, instance, appointment, processing, publicBaseUrl);
    if (flag) returned.events.splice(3, 0, flag.event);
    await sentAll(input.code, returned.notifications.length);
    const returnedResult = compareRows('returned', returned, await readRows(pool, input.code));
    problems.push(...returnedResult.problems);
    compared += returnedResult.compared;

    if (problems.length > 0) {
      throw new Error(`self-check: the fast path differs from the real path:\n  ${problems.join('\n  ')}`);
    }
    return [
      `self-check: fast path = real path on ${compared} fields of 4 dossiers (incomplete, refused, open, returned), ` +
        `the open process’s variables, task, candidate groups and timer${flag ? ', and the at-risk flag' : ' (the at-risk flag not compared)'}`,
    ];
  } finally {
    agent.destroy();
  }
}

/**
 * Runs the workers' at-risk scan and compares the flag it wrote for the open dossier with the fast
 * path's (the remaining working minutes are computed at the instant the flag was written).
 */
async function compareAtRisk(context: CheckContext, input: DossierInput, processInstanceId: string, dueAt: Date) {
  await context.scan!();
  const { rows } = await context.pool.query(`SELECT * FROM "DossierEvent" WHERE "dossierId" = $1 AND type = 'at_risk'`, [input.id]);
  const real = rows[0] as Record<string, unknown> | undefined;
  if (!real) return null;
  const [task] = await engineCall<{ id: string; taskDefinitionKey: string }[]>(context.engine, 'GET', `/task?processInstanceId=${processInstanceId}`);
  const event = atRiskEvent(input.id, {
    dueAt,
    remainingWorkingMinutes: context.clock.remainingAt(dueAt, real.occurredAt as Date),
    task: { id: task!.id, activityId: task!.taskDefinitionKey, candidateGroups: [`specialist:${context.procedure.agency.code}`] },
    at: real.occurredAt as Date,
  });
  // the scan reads its clock once before its loop, the event is stamped at its insert
  const data = event.data as { remainingWorkingMinutes: number };
  const realMinutes = (real.data as { remainingWorkingMinutes: number }).remainingWorkingMinutes;
  if (Math.abs(data.remainingWorkingMinutes - realMinutes) <= 5) data.remainingWorkingMinutes = realMinutes;
  return { event, problems: differences('at-risk event', event, real, ['dossierId']) };
}

/**
 * Starts the fast path's process for the dossier next to the one the reception started and compares
 * what the engine holds: variables (name, type, value), the open task, its candidate groups and its
 * timer. The fast path's process is deleted afterwards.
 */
async function compareEngine(context: CheckContext, input: DossierInput, realInstanceId: string): Promise<string[]> {
  const { procedure, engine } = context;
  const { variables } = plannedVariables(context.clock, procedure.steps, input.receivedAt, procedure.version.processingDays);
  const fast = await startAt(engine, procedure.version.processKey, 'appraisal', input.code, {
    dossierCode: input.code,
    procedureCode: procedure.code,
    agencyCode: procedure.agency.code,
    receivedAt: input.receivedAt,
    processingDays: procedure.version.processingDays,
    ...variables,
  });
  try {
    const state = async (id: string) => {
      await until(`the open task of process ${id}`, async () =>
        (await engineCall<unknown[]>(engine, 'GET', `/task?processInstanceId=${id}`)).length > 0,
      );
      const vars = await engineCall<Record<string, { type: string; value: unknown }>>(
        engine,
        'GET',
        `/process-instance/${id}/variables?deserializeValues=false`,
      );
      const [task] = await engineCall<Record<string, unknown>[]>(engine, 'GET', `/task?processInstanceId=${id}`);
      const links = await engineCall<{ type: string; groupId: string | null }[]>(engine, 'GET', `/task/${String(task!.id)}/identity-links`);
      const jobs = await engineCall<{ dueDate: string | null }[]>(engine, 'GET', `/job?processInstanceId=${id}&timers=true`);
      return {
        ...Object.fromEntries(Object.entries(vars).map(([name, v]) => [`variable ${name}`, { type: v.type, value: v.value }])),
        'task name': task!.name,
        'task key': task!.taskDefinitionKey,
        'task due': task!.due,
        'task assignee': task!.assignee,
        'candidate groups': links.filter((link) => link.type === 'candidate').map((link) => link.groupId).sort(),
        'timer due dates': jobs.map((job) => job.dueDate).sort(),
      } as Record<string, unknown>;
    };
    const [fastState, realState] = await Promise.all([state(fast.id), state(realInstanceId)]);
    const names = new Set([...Object.keys(fastState), ...Object.keys(realState)]);
    return [...names].flatMap((name) =>
      canonical(fastState[name]) === canonical(realState[name])
        ? []
        : [`engine ${name}: fast path ${canonical(fastState[name])}, real path ${canonical(realState[name])}`],
    );
  } finally {
    await engineCall(engine, 'DELETE', `/process-instance/${fast.id}?skipCustomListeners=true&skipIoMappings=true`);
  }
}
