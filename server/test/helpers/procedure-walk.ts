import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import {
  readProcessSteps,
  RequiredDocumentSchema,
  ROLES,
  type Dossier,
  type ProcessStep,
  type Role,
  type Task,
  USER_TASKS,
} from '@motcua/common';
import { createDb, DEMO_ACCOUNTS, type Db } from '@motcua/db';
import { PROCESSES_DIR } from '@motcua/processes';
import { ensureAccount, ensureOtherDistrict } from './accounts.js';
import { build } from './build.js';
import { testEngine } from './engine.js';
import { authHeader, mandatoryDocuments, type Username } from './requests.js';
import { startTestWorkers } from './workers.js';

/**
 * The shipped procedures as data, for tests that walk every one of them: the catalogue's
 * procedures whose current version runs a diagram of processes/, with that diagram's steps, and
 * the officers each step is offered to. A new diagram or procedure is walked without a test change.
 */
export interface ShippedProcedure {
  code: string;
  name: string;
  /** The agency that handles its dossiers: its officers' groups are the tasks' candidate groups. */
  agencyCode: string;
  processKey: string;
  steps: ProcessStep[];
  /** What a complete reception hands in: every mandatory document. */
  documents: ReturnType<typeof mandatoryDocuments>;
}

const WAIT_MS = 60_000;
const POLL_MS = 250;

/** Every procedure of the catalogue running a diagram of processes/, in procedure code order. */
export async function shippedProcedures(db: Db): Promise<ShippedProcedure[]> {
  const files = (await readdir(PROCESSES_DIR)).filter((name) => name.endsWith('.bpmn')).sort();
  const diagrams = new Map(
    await Promise.all(
      files.map(async (file) => {
        const processKey = path.basename(file, '.bpmn');
        const xml = await readFile(path.join(PROCESSES_DIR, file), 'utf8');
        return [processKey, readProcessSteps(xml, processKey)] as const;
      }),
    ),
  );
  const procedures = await db.procedure.findMany({
    where: { active: true },
    include: { agency: true, versions: { orderBy: { version: 'desc' }, take: 1 } },
    orderBy: { code: 'asc' },
  });
  return procedures.flatMap((procedure) => {
    const [version] = procedure.versions;
    const steps = version ? diagrams.get(version.processKey) : undefined;
    if (!version || !steps) return [];
    const required = RequiredDocumentSchema.array().parse(version.requiredDocuments);
    return [
      {
        code: procedure.code,
        name: version.name,
        agencyCode: procedure.agency.code,
        processKey: version.processKey,
        steps,
        documents: mandatoryDocuments(required),
      },
    ];
  });
}

/**
 * The app and the real workers for a test file, with the second district the tests compare
 * against; `stop` ends both.
 */
export async function startStack(): Promise<{ app: FastifyInstance; stop(): Promise<void> }> {
  const app = await build();
  const workers = startTestWorkers();
  await ensureOtherDistrict(app.db);
  return {
    app,
    async stop() {
      await workers.stop();
      await app.close();
    },
  };
}

/** The shipped procedures of the test database, for a test file to read before its tests are collected. */
export async function loadShippedProcedures(): Promise<ShippedProcedure[]> {
  const db = createDb(inject('databaseUrl'), { max: 1 });
  try {
    return await shippedProcedures(db);
  } finally {
    await db.$disconnect();
  }
}

/** POST /api/tasks/{id}/{action} as the officer, with the completion's body; the answer as it came. */
export async function postTaskAction(
  app: FastifyInstance,
  username: Username,
  taskId: string,
  action: 'claim' | 'unclaim' | 'complete',
  payload: object = {},
) {
  return app.inject({
    method: 'POST',
    url: `/api/tasks/${taskId}/${action}`,
    headers: await authHeader(app, username),
    ...(action === 'complete' ? { payload } : {}),
  });
}

/** A result handed over by post, with its tracking reference. */
export const RETURN_BY_POST = { returnMethod: 'post', postalTrackingRef: 'EB123456789VN' } as const;

/** What completes a task on the way forward: the first outcome it offers, and how a result is returned. */
export function forward(task: Task): object {
  return {
    ...(task.outcomes[0] ? { outcome: task.outcomes[0] } : {}),
    ...(task.taskDefinitionKey === USER_TASKS.returnResult ? RETURN_BY_POST : {}),
  };
}

/** The role a user-task step is offered to: the role of its candidate group `<role>:${…}`. */
export function roleOf(step: ProcessStep): Role {
  const role = step.candidateGroups?.split(':')[0];
  const known = ROLES.find((candidate) => candidate === role);
  if (!known) throw new Error(`step ${step.activityId} has no candidate group of a role: ${step.candidateGroups}`);
  return known;
}

/**
 * An active officer with the role in the agency, who signs in with the password `demo`: the demo
 * account of that role and agency, or one made for the tests. Not just any account of the role: other
 * tests make officers with passwords of their own.
 */
export async function officerOf(app: FastifyInstance, role: Role, agencyCode: string): Promise<Username> {
  const demo = DEMO_ACCOUNTS.find(
    (account) => account.agencyCode === agencyCode && account.roles.length === 1 && account.roles[0] === role,
  );
  const unchanged = { active: true, roles: { equals: [role] }, agency: { code: agencyCode } };
  if (demo && (await app.db.account.findFirst({ where: { username: demo.username, ...unchanged } }))) {
    return demo.username;
  }
  const username = `${role}.${agencyCode}`;
  await ensureAccount(app.db, { username, fullName: 'Nguyễn Văn Thử', roles: [role], agencyCode });
  return username;
}

/** The step of the diagram a task is. */
export function stepOf(procedure: ShippedProcedure, task: Pick<Task, 'taskDefinitionKey'>): ProcessStep {
  const step = procedure.steps.find((candidate) => candidate.activityId === task.taskDefinitionKey);
  if (!step) throw new Error(`${procedure.processKey} has no step ${task.taskDefinitionKey}`);
  return step;
}

/** The first user task of the diagram: where every received dossier waits first. */
export function firstTaskStep(procedure: ShippedProcedure): ProcessStep {
  const step = procedure.steps.find((candidate) => candidate.kind === 'userTask');
  if (!step) throw new Error(`${procedure.processKey} has no user task step`);
  return step;
}

/** Receives a complete dossier of the procedure at the counter of its agency; returns its code. */
export async function receiveFor(
  app: FastifyInstance,
  procedure: ShippedProcedure,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const receptionist = await officerOf(app, 'receptionist', procedure.agencyCode);
  const response = await app.inject({
    method: 'POST',
    url: '/api/dossiers',
    headers: await authHeader(app, receptionist),
    payload: {
      procedureCode: procedure.code,
      applicant: {
        fullName: 'Võ Văn Tám',
        idNumber: '049190001234',
        phone: '0905123456',
        address: '12 Hùng Vương, thị trấn Nam Phước, huyện Duy Xuyên, Quảng Nam',
      },
      channel: 'counter',
      documents: procedure.documents,
      ...overrides,
    },
  });
  if (response.statusCode !== 201) {
    throw new Error(`receiving ${procedure.code} failed: ${response.statusCode} ${response.body}`);
  }
  return response.json<Dossier>().code;
}

/** GET /api/tasks as the officer with the query; the answer must be 200. */
export async function taskPage(app: FastifyInstance, username: Username, query: Record<string, string | number> = {}) {
  const search = new URLSearchParams(
    Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
  );
  const response = await app.inject({
    method: 'GET',
    url: `/api/tasks?${search.toString()}`,
    headers: await authHeader(app, username),
  });
  if (response.statusCode !== 200) {
    throw new Error(`GET /api/tasks?${search.toString()} as ${username}: ${response.statusCode} ${response.body}`);
  }
  return response.json<{
    data: Task[];
    total: number;
    page: number;
    perPage: number;
    problems: { processDefinitionId: string; message: string; taskIds: string[] }[];
  }>();
}

/** Polls until `probe` finds something, or fails after a minute saying what was missing. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what} within ${WAIT_MS / 1000} s`);
}

/** Waits for the workers to bring the dossier to the task, as the officer's work list shows it. */
export function waitForTaskOf(
  app: FastifyInstance,
  username: Username,
  dossierCode: string,
  taskDefinitionKey: string,
): Promise<Task> {
  return until(`no ${taskDefinitionKey} task of ${dossierCode} for ${username}`, async () =>
    (await taskPage(app, username, { dossierCode })).data.find((task) => task.taskDefinitionKey === taskDefinitionKey),
  );
}

/** An officer a task is offered to: of the role and agency of one of its candidate groups `<role>:<agency code>`. */
export async function officerFor(app: FastifyInstance, taskId: string): Promise<Username> {
  const links = await testEngine().taskIdentityLinks(taskId);
  for (const link of links) {
    const [role, agencyCode] = link.type === 'candidate' && link.groupId ? link.groupId.split(':') : [];
    const known = ROLES.find((candidate) => candidate === role);
    if (known && agencyCode) return officerOf(app, known, agencyCode);
  }
  throw new Error(`task ${taskId} is offered to no group of a role`);
}

/**
 * The dossier's next task, once the workers have brought its process to one, as an officer it is
 * offered to sees it in their work list; undefined once the process has ended.
 */
export async function nextTask(
  app: FastifyInstance,
  dossierCode: string,
): Promise<{ task: Task; officer: Username } | undefined> {
  const { processInstanceId } = await app.db.dossier.findUniqueOrThrow({ where: { code: dossierCode } });
  if (!processInstanceId) throw new Error(`dossier ${dossierCode} has no process`);
  const engine = testEngine();
  const open = await until(`no task and no end for dossier ${dossierCode}`, async () => {
    const [task] = await engine.queryTasks({ processInstanceId });
    if (task) return task;
    return (await engine.runningProcessInstance(processInstanceId)) === null ? null : undefined;
  });
  if (open === null) return undefined;
  const officer = await officerFor(app, open.id);
  return { task: await waitForTaskOf(app, officer, dossierCode, open.taskDefinitionKey), officer };
}
