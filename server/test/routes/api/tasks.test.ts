import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@motcua/common';
import { hashPassword } from '@motcua/db';
import { createDossierRepository } from '../../../src/repositories/dossier-repository.js';
import { createTaskService } from '../../../src/services/task-service.js';
import { ensureAccount, ensureOtherDistrict, OTHER_DISTRICT } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { engineGet } from '../../helpers/engine.js';
import { authHeader, DISTRICT_CODE, receiveDossier, type Username } from '../../helpers/requests.js';
import { startTestWorkers } from '../../helpers/workers.js';

/**
 * One dossier through appraisal and approval, with the real workers computing the appointment
 * and recording the result in between.
 */
let app: FastifyInstance;
let workers: { stop(): Promise<void> };

beforeAll(async () => {
  app = await build();
  workers = startTestWorkers();
  // a second specialist of the district, to compete for tasks
  await app.db.account.create({
    data: {
      username: 'specialist2',
      passwordHash: await hashPassword('demo'),
      fullName: 'Đặng Văn Em',
      roles: ['specialist'],
      agency: { connect: { code: '000.00.17.H41' } },
    },
  });
});
afterAll(async () => {
  await workers.stop();
  await app.close();
});

async function tasksOf(username: Username): Promise<Task[]> {
  const response = await app.inject({ method: 'GET', url: '/api/tasks', headers: await authHeader(app, username) });
  expect(response.statusCode).toBe(200);
  return response.json<{ data: Task[] }>().data;
}

/** Waits for the workers to move the dossier to the task. */
async function waitForTask(username: Username, dossierCode: string, taskDefinitionKey: string): Promise<Task> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const task = (await tasksOf(username)).find(
      (candidate) => candidate.dossierCode === dossierCode && candidate.taskDefinitionKey === taskDefinitionKey,
    );
    if (task) return task;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no ${taskDefinitionKey} task of ${dossierCode} for ${username} within 30 s`);
}

async function act(username: Username, taskId: string, action: 'claim' | 'unclaim' | 'complete', payload?: object) {
  return app.inject({
    method: 'POST',
    url: `/api/tasks/${taskId}/${action}`,
    headers: await authHeader(app, username),
    ...(action === 'complete' ? { payload: payload ?? {} } : {}),
  });
}

describe('a dossier through appraisal and approval', () => {
  let dossierCode: string;
  let appraisal: Task;
  let approval: Task;

  it('offers the appraisal task to the district specialists once the appointment is computed', async () => {
    // given a received dossier
    dossierCode = (await receiveDossier(app)).code;
    // when the workers have computed the appointment
    appraisal = await waitForTask('specialist', dossierCode, 'appraisal');
    // then the specialist sees the task with its dossier, applicant and due date
    expect(appraisal).toMatchObject({
      name: 'Thẩm định hồ sơ',
      assignee: null,
      due: expect.any(String),
      procedureName: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      applicantName: 'Võ Văn Tám',
    });
    const dossier = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossierCode}`,
      headers: await authHeader(app, 'specialist'),
    });
    expect(dossier.json()).toMatchObject({ status: 'in_progress', dueAt: expect.any(String) });
  });

  it('does not offer the appraisal task to the leader', async () => {
    expect((await tasksOf('leader')).map((task) => task.id)).not.toContain(appraisal.id);
  });

  it('answers 403 when a receptionist claims a task offered to the specialists', async () => {
    const response = await act('receptionist', appraisal.id, 'claim');
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe(`task ${appraisal.id} is not offered to your groups`);
  });

  it.each(['claim', 'unclaim', 'complete'] as const)('answers 404 to %s on an unknown task id', async (action) => {
    const response = await act('specialist', 'no-such-task', action);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'task no-such-task does not exist',
    });
  });

  it('answers 400 naming params/id for a task id that is too long or blank', async () => {
    for (const id of ['x'.repeat(65), '%20%20']) {
      const response = await act('specialist', id, 'claim');
      expect(response.statusCode).toBe(400);
      expect(response.json().issues[0].path).toBe('params/id');
    }
  });

  it('answers 403 when the specialist completes a task before claiming it', async () => {
    const response = await act('specialist', appraisal.id, 'complete', { comment: 'too early' });
    expect(response.statusCode).toBe(403);
  });

  it('lets the specialist claim the task, release it and claim it again', async () => {
    expect((await act('specialist', appraisal.id, 'claim')).statusCode).toBe(204);
    expect((await tasksOf('specialist')).find((task) => task.id === appraisal.id)?.assignee).toBe('specialist');
    expect((await act('specialist', appraisal.id, 'unclaim')).statusCode).toBe(204);
    expect((await tasksOf('specialist')).find((task) => task.id === appraisal.id)?.assignee).toBeNull();
    expect((await act('specialist', appraisal.id, 'claim')).statusCode).toBe(204);
  });

  it('answers 204 to a repeated claim, which writes no second event', async () => {
    expect((await act('specialist', appraisal.id, 'claim')).statusCode).toBe(204);
    const events = await app.db.dossierEvent.findMany({
      where: { dossier: { code: dossierCode }, type: { in: ['task_claimed', 'task_unclaimed'] } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => event.dedupeKey)).toEqual([
      `${appraisal.id}:claim:0`,
      `${appraisal.id}:unclaim:0`,
      `${appraisal.id}:claim:1`,
    ]);
  });

  it('answers 409 when another specialist claims it, and 403 when they release or complete it', async () => {
    const claim = await act('specialist2', appraisal.id, 'claim');
    expect(claim.statusCode).toBe(409);
    expect(claim.json().message).toBe(`task ${appraisal.id} is already claimed by specialist`);
    expect((await act('specialist2', appraisal.id, 'unclaim')).statusCode).toBe(403);
    expect((await act('specialist2', appraisal.id, 'complete', {})).statusCode).toBe(403);
  });

  it('completes the appraisal and offers leader-approval to the leader', async () => {
    const response = await act('specialist', appraisal.id, 'complete', { comment: 'Hồ sơ đầy đủ, đề nghị cấp phép' });
    expect(response.statusCode).toBe(204);
    approval = await waitForTask('leader', dossierCode, 'leader-approval');
    expect(approval).toMatchObject({ assignee: null, dossierCode });
  });

  it('answers 400 naming body/outcome when the leader completes without an outcome', async () => {
    expect((await act('leader', approval.id, 'claim')).statusCode).toBe(204);
    const response = await act('leader', approval.id, 'complete', { comment: 'ok' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'body/outcome is required to complete leader-approval: approve or send_back',
      issues: [
        {
          path: 'body/outcome',
          message: 'is required to complete leader-approval: approve or send_back',
          code: 'outcome_required',
        },
      ],
    });
  });

  it('answers 400 naming body/outcome when the outcome is not one the diagram knows', async () => {
    const response = await act('leader', approval.id, 'complete', { outcome: 'maybe' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('body/outcome');
  });

  it('approves, and the result waits to be returned by the receptionist', async () => {
    expect((await act('leader', approval.id, 'complete', { outcome: 'approve', comment: 'Đồng ý' })).statusCode).toBe(
      204,
    );
    await waitForTask('receptionist', dossierCode, 'return-result');
    const lookup = await app.inject({ method: 'GET', url: `/api/public/dossiers/${dossierCode}` });
    expect(lookup.json().status).toBe('result_ready');
  });

  it('gives the auditor each step with its assignee and times, and each officer action', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossierCode}/history`,
      headers: await authHeader(app, 'auditor'),
    });
    expect(response.statusCode).toBe(200);
    const { steps, events } = response.json();
    expect(steps).toContainEqual({
      activityId: 'appraisal',
      activityName: 'Thẩm định hồ sơ',
      activityType: 'userTask',
      assignee: 'specialist',
      startedAt: expect.any(String),
      endedAt: expect.any(String),
    });
    expect(steps).toContainEqual(
      expect.objectContaining({ activityId: 'leader-approval', assignee: 'leader', endedAt: expect.any(String) }),
    );
    const officerActions = events
      .filter((event: { actor: string }) => event.actor !== 'system')
      .map((event: { type: string; actor: string; activityId: string | null; note: string | null; data: unknown }) => [
        event.type,
        event.actor,
        event.activityId,
        event.note,
        event.data,
      ]);
    expect(officerActions).toEqual([
      ['received', 'receptionist', null, null, { procedureCode: '1.009994', channel: 'counter' }],
      ['task_claimed', 'specialist', 'appraisal', null, null],
      ['task_unclaimed', 'specialist', 'appraisal', null, null],
      ['task_claimed', 'specialist', 'appraisal', null, null],
      ['task_completed', 'specialist', 'appraisal', 'Hồ sơ đầy đủ, đề nghị cấp phép', { outcome: null }],
      ['task_claimed', 'leader', 'leader-approval', null, null],
      ['task_completed', 'leader', 'leader-approval', 'Đồng ý', { outcome: 'approve' }],
    ]);
  });

  it('gives the engine the outcome but never the comments, which stay in our event log', async () => {
    const dossier = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossierCode}`,
      headers: await authHeader(app, 'auditor'),
    });
    const variables = await engineGet<{ name: string; value: unknown }[]>(
      `/history/variable-instance?processInstanceId=${dossier.json().processInstanceId}`,
    );
    const names = variables.map((variable) => variable.name);
    expect(names).not.toContain('comment');
    expect(variables).toContainEqual(expect.objectContaining({ name: 'outcome', value: 'approve' }));
    expect(JSON.stringify(variables)).not.toContain('Hồ sơ đầy đủ');
  });
});

describe('claiming a task twice at once', () => {
  it('claims it once and writes one event', async () => {
    const dossierCode = (await receiveDossier(app)).code;
    const appraisal = await waitForTask('specialist', dossierCode, 'appraisal');
    const responses = await Promise.all([
      act('specialist', appraisal.id, 'claim'),
      act('specialist', appraisal.id, 'claim'),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([204, 204]);
    const events = await app.db.dossierEvent.findMany({
      where: { dossier: { code: dossierCode }, type: 'task_claimed' },
    });
    expect(events).toHaveLength(1);
  });
});

describe('an officer of another district', () => {
  let dossierCode: string;
  let appraisal: Task;

  beforeAll(async () => {
    // given a specialist of Đại Lộc, a district beside Duy Xuyên, and a dossier of Duy Xuyên in appraisal
    await ensureOtherDistrict(app.db);
    await ensureAccount(app.db, {
      username: 'specialist-dailoc',
      fullName: 'Bùi Văn Giang',
      roles: ['specialist'],
      agencyCode: OTHER_DISTRICT.code,
    });
    dossierCode = (await receiveDossier(app)).code;
    appraisal = await waitForTask('specialist', dossierCode, 'appraisal');
  });

  it('gets 404 for the dossier, so its code is not confirmed', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossierCode}`,
      headers: await authHeader(app, 'specialist-dailoc'),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe(`dossier ${dossierCode} does not exist`);
  });

  it('does not find it in the dossier list', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${dossierCode}`,
      headers: await authHeader(app, 'specialist-dailoc'),
    });
    expect(response.json()).toEqual({ data: [], total: 0 });
  });

  it('is not offered its task, and gets 403 claiming it', async () => {
    expect((await tasksOf('specialist-dailoc')).map((task) => task.id)).not.toContain(appraisal.id);
    const response = await act('specialist-dailoc', appraisal.id, 'claim');
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe(`task ${appraisal.id} is not offered to your groups`);
    expect((await tasksOf('specialist')).find((task) => task.id === appraisal.id)?.assignee).toBeNull();
  });
});

describe('a work list longer than one page of the engine', () => {
  it('lists every task, paging through the engine', async () => {
    // given at least three appraisal tasks offered to the district specialists
    for (let count = 0; count < 3; count += 1) {
      await waitForTask('specialist', (await receiveDossier(app)).code, 'appraisal');
    }
    const caller = { sub: 'specialist', roles: ['specialist' as const], agencyCode: DISTRICT_CODE, fullName: 'x' };
    const dossiers = createDossierRepository(app.db);
    // when the work list is read one task per engine page
    const paged = await createTaskService({ engine: app.engine, dossiers, pageSize: 1 }).list(caller);
    // then it holds the same tasks as when read in one page
    const whole = await createTaskService({ engine: app.engine, dossiers }).list(caller);
    expect(whole.length).toBeGreaterThanOrEqual(3);
    expect(paged.map((task) => task.id).sort()).toEqual(whole.map((task) => task.id).sort());
  });
});

describe('sending a dossier back', () => {
  it('returns the dossier to appraisal when the leader sends it back', async () => {
    const dossierCode = (await receiveDossier(app)).code;
    const appraisal = await waitForTask('specialist', dossierCode, 'appraisal');
    await act('specialist', appraisal.id, 'claim');
    await act('specialist', appraisal.id, 'complete', {});
    const approval = await waitForTask('leader', dossierCode, 'leader-approval');
    await act('leader', approval.id, 'claim');
    const response = await act('leader', approval.id, 'complete', { outcome: 'send_back', comment: 'Thiếu bản vẽ' });
    expect(response.statusCode).toBe(204);
    const again = await waitForTask('specialist', dossierCode, 'appraisal');
    expect(again.id).not.toBe(appraisal.id);
  });
});
