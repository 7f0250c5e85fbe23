import type { FastifyInstance } from 'fastify';
import type { Dossier, Task } from '@motcua/common';
import { postTaskAction } from './procedure-walk.js';
import { authHeader, type Username } from './requests.js';

/**
 * Carrying a dossier through its process over the API, as officers do, while the real workers (see
 * workers.ts) run the system steps in between: wait for a task, claim it, complete it.
 */
const WAIT_MS = 30_000;
const POLL_MS = 250;

async function poll<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = await attempt();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The officer's work list: its first page, or the tasks of one dossier (the list is paged). */
export async function tasksOf(app: FastifyInstance, username: Username, dossierCode?: string): Promise<Task[]> {
  const url = dossierCode ? `/api/tasks?dossierCode=${encodeURIComponent(dossierCode)}` : '/api/tasks';
  const response = await app.inject({ method: 'GET', url, headers: await authHeader(app, username) });
  if (response.statusCode !== 200)
    throw new Error(`GET /api/tasks as ${username}: ${response.statusCode} ${response.body}`);
  return response.json<{ data: Task[] }>().data;
}

/** Waits until `username` sees the dossier's task `taskDefinitionKey` (the workers may still be busy). */
export function waitForTask(app: FastifyInstance, username: Username, code: string, taskDefinitionKey: string) {
  return poll(`task ${taskDefinitionKey} of ${code} for ${username}`, async () =>
    (await tasksOf(app, username, code)).find(
      (task) => task.dossierCode === code && task.taskDefinitionKey === taskDefinitionKey,
    ),
  );
}

export async function taskAction(
  app: FastifyInstance,
  username: Username,
  taskId: string,
  action: 'claim' | 'unclaim' | 'complete',
  payload: object = {},
) {
  const response = await postTaskAction(app, username, taskId, action, payload);
  if (response.statusCode >= 300)
    throw new Error(`${action} ${taskId} as ${username}: ${response.statusCode} ${response.body}`);
}

/** Waits for the task, claims it as `username`; returns it. */
export async function claimTask(app: FastifyInstance, username: Username, code: string, taskDefinitionKey: string) {
  const task = await waitForTask(app, username, code, taskDefinitionKey);
  await taskAction(app, username, task.id, 'claim');
  return task;
}

/** Waits for the task, claims and completes it as `username` with `payload` (outcome and its data). */
export async function workTask(
  app: FastifyInstance,
  username: Username,
  code: string,
  taskDefinitionKey: string,
  payload: object = {},
) {
  const task = await claimTask(app, username, code, taskDefinitionKey);
  await taskAction(app, username, task.id, 'complete', payload);
  return task;
}

export async function getDossier(app: FastifyInstance, code: string, username: Username = 'auditor'): Promise<Dossier> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/dossiers/${code}`,
    headers: await authHeader(app, username),
  });
  if (response.statusCode !== 200) throw new Error(`GET dossier ${code}: ${response.statusCode} ${response.body}`);
  return response.json<Dossier>();
}

/** Waits until the dossier satisfies `done` (e.g. the workers set its appointment or status). */
export function waitForDossier(app: FastifyInstance, code: string, done: (dossier: Dossier) => boolean) {
  return poll(`dossier ${code} in the state awaited`, async () => {
    const dossier = await getDossier(app, code);
    return done(dossier) ? dossier : undefined;
  });
}
