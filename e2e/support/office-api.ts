import { expect, type APIRequestContext } from '@playwright/test';
import {
  mayAccess,
  type CompleteTask,
  type CreateDossierInput,
  type PublicDossier,
  type PublicProcedure,
  type Role,
  type Task,
  type TaskList,
  type TaskOutcome,
} from '@motcua/common';
import { DEMO_USERS } from '../pages/login-page.js';
import { dossierOf, workingDayAfter } from './api.js';

/**
 * What an outside client (a kiosk, another system) does over HTTP with the officers' accounts: sign
 * in, learn each account's agency and roles from GET /api/me, receive a dossier, and work its tasks
 * from the work list. Nothing here reads the database or the engine.
 */

/** A signed-in demo officer, as GET /api/me describes the account. */
export interface Officer {
  username: string;
  roles: Role[];
  agency: { code: string; name: string };
  token: string;
}

/** The demo accounts' password (demo seed only). */
const DEMO_PASSWORD = 'demo';

/** The tasks appear once the engine and the workers have moved the dossier on. */
const TASK_WAIT = { timeout: 120_000, intervals: [500, 1000, 2000, 3000] };
/** The public lookup is rate-limited per address: ask it at a citizen's pace. */
const PUBLIC_WAIT = { timeout: 120_000, intervals: [2000, 3000, 5000] };

export function bearer(officer: Pick<Officer, 'token'>): { authorization: string } {
  return { authorization: `Bearer ${officer.token}` };
}

/** Signs in as a demo account and reads who it is from GET /api/me. */
export async function signInOfficer(request: APIRequestContext, username: string): Promise<Officer> {
  const login = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.status(), `sign-in of ${username}`).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const me = await request.get('/api/me', { headers: { authorization: `Bearer ${token}` } });
  expect(me.status(), `GET /api/me as ${username}`).toBe(200);
  const { roles, agency } = (await me.json()) as { roles: Role[]; agency: { code: string; name: string } };
  return { username, roles, agency, token };
}

/** Every demo account, signed in: the agency of each is learnt, never assumed. */
export async function signInDemoOfficers(request: APIRequestContext): Promise<Officer[]> {
  const officers: Officer[] = [];
  for (const username of DEMO_USERS) officers.push(await signInOfficer(request, username));
  return officers;
}

/** The procedures a kiosk offers: the public catalogue (GET /api/public/procedures, no sign-in). */
export async function publicProcedures(request: APIRequestContext): Promise<PublicProcedure[]> {
  const response = await request.get('/api/public/procedures');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: PublicProcedure[] }).data;
}

/**
 * Receives a complete dossier at the counter: every required document of the procedure's current
 * version as the public catalogue lists it, in the numbers it asks for. Returns the dossier code.
 */
export async function receiveComplete(
  request: APIRequestContext,
  receptionist: Officer,
  procedure: Pick<PublicProcedure, 'code' | 'requiredDocuments'>,
  reception: Pick<CreateDossierInput, 'applicant' | 'resultDelivery' | 'deliveryAddress'>,
): Promise<string> {
  const documents = procedure.requiredDocuments.map(({ name, originals, copies }) => ({ name, originals, copies }));
  const data: CreateDossierInput = { procedureCode: procedure.code, outcome: 'complete', documents, ...reception };
  const response = await request.post('/api/dossiers', { headers: bearer(receptionist), data });
  expect(response.status(), `reception of ${procedure.code}: ${await response.text()}`).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

/** The dossier's tasks on an officer's work list (GET /api/tasks filtered by the code). */
export async function tasksOf(request: APIRequestContext, officer: Officer, dossierCode: string): Promise<Task[]> {
  const query = new URLSearchParams({ dossierCode, perPage: '100' });
  const response = await request.get(`/api/tasks?${query.toString()}`, { headers: bearer(officer) });
  expect(response.status(), `the work list of ${officer.username}`).toBe(200);
  const list = (await response.json()) as TaskList;
  expect(list.problems, `the steps of ${dossierCode}'s process are readable`).toEqual([]);
  return list.data.filter((task) => task.dossierCode === dossierCode);
}

/**
 * The next open task of the dossier, waiting until one of the officers has it on their work list,
 * unclaimed; `done` holds the tasks already completed. The officers who work from a task list only
 * (the shared access table) are asked.
 */
export async function nextOpenTask(
  request: APIRequestContext,
  officers: readonly Officer[],
  dossierCode: string,
  done: ReadonlySet<string>,
): Promise<{ officer: Officer; task: Task }> {
  const workers = officers.filter((officer) => mayAccess(officer.roles, 'tasks', 'list'));
  let found: { officer: Officer; task: Task } | undefined;
  await expect
    .poll(
      async () => {
        for (const officer of workers) {
          const task = (await tasksOf(request, officer, dossierCode)).find(
            (candidate) => candidate.assignee === null && !done.has(candidate.id),
          );
          if (task) {
            found = { officer, task };
            return `${task.taskDefinitionKey} for ${officer.username}`;
          }
        }
        return 'no open task';
      },
      { message: `an open task of ${dossierCode} for ${workers.map((officer) => officer.username).join(', ')}`, ...TASK_WAIT },
    )
    .not.toBe('no open task');
  return found as { officer: Officer; task: Task };
}

export async function claimTask(request: APIRequestContext, officer: Officer, task: Pick<Task, 'id' | 'name'>) {
  const response = await request.post(`/api/tasks/${task.id}/claim`, { headers: bearer(officer) });
  expect(response.status(), `${officer.username} claims ${task.name}: ${await response.text()}`).toBe(204);
}

export async function completeTask(
  request: APIRequestContext,
  officer: Officer,
  task: Pick<Task, 'id' | 'name'>,
  completion: CompleteTask,
) {
  const response = await request.post(`/api/tasks/${task.id}/complete`, { headers: bearer(officer), data: completion });
  expect(response.status(), `${officer.username} completes ${task.name}: ${await response.text()}`).toBe(204);
}

/** The outcomes that take a dossier along its main path; the others send it back, aside or out. */
const FORWARD_OUTCOMES: readonly TaskOutcome[] = ['approve'];

/** The first outcome the task offers that moves the dossier forward; undefined when it offers none. */
export function forwardOutcome(outcomes: readonly TaskOutcome[]): TaskOutcome | undefined {
  return outcomes.find((outcome) => FORWARD_OUTCOMES.includes(outcome));
}

/** The dossier as the citizen's page reads it (GET /api/public/dossiers/{code}). */
export async function publicDossier(request: APIRequestContext, code: string): Promise<PublicDossier> {
  const response = await request.get(`/api/public/dossiers/${encodeURIComponent(code)}`);
  expect(response.status(), `public lookup of ${code}`).toBe(200);
  return (await response.json()) as PublicDossier;
}

/** Waits until the citizen's page shows the dossier in this status. */
export async function expectPublicStatus(
  request: APIRequestContext,
  code: string,
  status: PublicDossier['status'],
): Promise<PublicDossier> {
  let dossier: PublicDossier | undefined;
  await expect
    .poll(async () => {
      dossier = await publicDossier(request, code);
      return dossier.status;
    }, { message: `the public page of ${code}`, ...PUBLIC_WAIT })
    .toBe(status);
  return dossier as PublicDossier;
}

/**
 * A dossier of the procedure received at the counter, appraised (the specialist's first forward
 * outcome) and claimed by the leader for approval: the leader is its current handler.
 */
export async function dossierWithLeader(
  request: APIRequestContext,
  team: { receptionist: Officer; specialist: Officer; leader: Officer },
  procedure: Pick<PublicProcedure, 'code' | 'requiredDocuments'>,
  applicant: CreateDossierInput['applicant'],
): Promise<{ code: string; approval: Task }> {
  const code = await receiveComplete(request, team.receptionist, procedure, { applicant });
  const appraisal = await nextOpenTask(request, [team.specialist], code, new Set());
  await claimTask(request, team.specialist, appraisal.task);
  await completeTask(request, team.specialist, appraisal.task, { outcome: forwardOutcome(appraisal.task.outcomes) });
  const approval = await nextOpenTask(request, [team.leader], code, new Set([appraisal.task.id]));
  await claimTask(request, team.leader, approval.task);
  return { code, approval: approval.task };
}

/**
 * The dossier's handler drafts an apology (Mẫu 04) moving the appointment to a working day three
 * days after the current one, once the workers have computed it.
 */
export async function draftApology(
  request: APIRequestContext,
  handler: Officer,
  code: string,
  reason: string,
): Promise<void> {
  let dueAt = '';
  await expect(async () => {
    dueAt = (await dossierOf(request, handler.token, code)).dueAt ?? '';
    expect(dueAt, `the appointment of ${code}`).not.toBe('');
  }).toPass({ timeout: 60_000 });
  const newDueAt = await workingDayAfter(request, handler.token, dueAt, 3);
  const response = await request.post(`/api/dossiers/${encodeURIComponent(code)}/apologies`, {
    headers: bearer(handler),
    data: { reason, newDueAt: newDueAt.iso },
  });
  expect(response.status(), `${handler.username} drafts an apology: ${await response.text()}`).toBe(201);
}
