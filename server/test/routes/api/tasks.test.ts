import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, Task } from '@motcua/common';
import { DEMO_AGENCIES } from '@motcua/db';
import { createDossierRepository } from '../../../src/repositories/dossier-repository.js';
import { createAgencyRepository } from '../../../src/repositories/agency-repository.js';
import { timelinessSource } from '../../../src/services/dossier-service.js';
import { createTaskService } from '../../../src/services/task-service.js';
import { ensureAccount, ensureOtherDistrict, OTHER_DISTRICT } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { engineGet } from '../../helpers/engine.js';
import { authHeader, DISTRICT_CODE, receiveDossier, type Username } from '../../helpers/requests.js';
import { startTestWorkers } from '../../helpers/workers.js';

/**
 * Dossiers through the steps of the construction permit with the real workers in between: approval
 * and return by post, supplement during processing, refusal, and the transfer to a partner agency
 * and back. Completing a step takes one of the outcomes its diagram offers, with that outcome's data.
 */
let app: FastifyInstance;
let workers: { stop(): Promise<void> };

const PARTNER = DEMO_AGENCIES.partner;
const PARTNER_SPECIALIST = 'partner.specialist';
const WAIT_MS = 60_000;

beforeAll(async () => {
  app = await build();
  workers = startTestWorkers();
  // a second specialist of the district, to compete for tasks, and a specialist of another district
  await ensureAccount(app.db, {
    username: 'specialist2',
    fullName: 'Đặng Văn Em',
    roles: ['specialist'],
    agencyCode: DISTRICT_CODE,
  });
  await ensureOtherDistrict(app.db);
  await ensureAccount(app.db, {
    username: 'specialist-dailoc',
    fullName: 'Bùi Văn Giang',
    roles: ['specialist'],
    agencyCode: OTHER_DISTRICT.code,
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

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} within ${WAIT_MS / 1000} s`);
}

/** Waits for the workers to move the dossier to the task. */
function waitForTask(username: Username, dossierCode: string, taskDefinitionKey: string): Promise<Task> {
  return until(`no ${taskDefinitionKey} task of ${dossierCode} for ${username}`, async () =>
    (await tasksOf(username)).find(
      (candidate) => candidate.dossierCode === dossierCode && candidate.taskDefinitionKey === taskDefinitionKey,
    ),
  );
}

async function dossierAs(username: Username, code: string) {
  return app.inject({ method: 'GET', url: `/api/dossiers/${code}`, headers: await authHeader(app, username) });
}

/** Waits for the workers to bring the dossier to a status. */
function waitForStatus(code: string, status: Dossier['status']): Promise<Dossier> {
  return until(`dossier ${code} not ${status}`, async () => {
    const dossier = (await dossierAs('leader', code)).json<Dossier>();
    return dossier.status === status ? dossier : undefined;
  });
}

async function act(username: Username, taskId: string, action: 'claim' | 'unclaim' | 'complete', payload?: object) {
  return app.inject({
    method: 'POST',
    url: `/api/tasks/${taskId}/${action}`,
    headers: await authHeader(app, username),
    ...(action === 'complete' ? { payload: payload ?? {} } : {}),
  });
}

/** Claims and completes a task; expects 204. */
async function complete(username: Username, task: Task, payload: object) {
  expect((await act(username, task.id, 'claim')).statusCode).toBe(204);
  const response = await act(username, task.id, 'complete', payload);
  expect(response.statusCode, response.body).toBe(204);
}

/** A received dossier in appraisal, claimed by the specialist. */
async function inAppraisal(): Promise<{ dossierCode: string; appraisal: Task }> {
  const dossierCode = (await receiveDossier(app)).code;
  const appraisal = await waitForTask('specialist', dossierCode, 'appraisal');
  expect((await act('specialist', appraisal.id, 'claim')).statusCode).toBe(204);
  return { dossierCode, appraisal };
}

describe('a dossier through appraisal, approval and return by post', () => {
  let dossierCode: string;
  let appraisal: Task;
  let approval: Task;
  let returning: Task;

  it('offers the appraisal task with its due date, its outcomes and the dossier’s timeliness', async () => {
    // given a received dossier
    dossierCode = (await receiveDossier(app)).code;
    // when the workers have computed the appointment
    appraisal = await waitForTask('specialist', dossierCode, 'appraisal');
    // then the specialist sees the task with its dossier, applicant, due date and outcomes
    expect(appraisal).toMatchObject({
      name: 'Thẩm định hồ sơ, kiểm tra thực địa',
      assignee: null,
      due: expect.any(String),
      outcomes: ['approve', 'request_supplement', 'refuse', 'transfer'],
      dossierStatus: 'in_progress',
      dossierDueAt: expect.any(String),
      timeliness: 'not_due',
      procedureName: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      applicantName: 'Võ Văn Tám',
    });
    expect(Date.parse(appraisal.due!)).toBeLessThan(Date.parse(appraisal.dossierDueAt!));
    const dossier = await dossierAs('specialist', dossierCode);
    expect(dossier.json()).toMatchObject({
      status: 'in_progress',
      dueAt: appraisal.dossierDueAt,
      timeliness: 'not_due',
    });
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
    const response = await act('specialist', appraisal.id, 'complete', { outcome: 'approve', comment: 'too early' });
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
    expect((await act('specialist2', appraisal.id, 'complete', { outcome: 'approve' })).statusCode).toBe(403);
  });

  it('answers 400 outcome_required naming body/outcome when the appraisal is completed without one', async () => {
    const response = await act('specialist', appraisal.id, 'complete', { comment: 'Hồ sơ đầy đủ' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'body/outcome is required to complete appraisal: approve, request_supplement, refuse, transfer',
      issues: [
        {
          path: 'body/outcome',
          message: 'is required to complete appraisal: approve, request_supplement, refuse, transfer',
          code: 'outcome_required',
        },
      ],
    });
  });

  it('completes the appraisal and offers leader-approval to the leader', async () => {
    const response = await act('specialist', appraisal.id, 'complete', {
      outcome: 'approve',
      comment: 'Hồ sơ đầy đủ, đề nghị cấp phép',
    });
    expect(response.statusCode).toBe(204);
    approval = await waitForTask('leader', dossierCode, 'leader-approval');
    expect(approval).toMatchObject({ assignee: null, dossierCode, outcomes: ['approve', 'send_back', 'refuse'] });
  });

  it('answers 400 naming body/outcome when the outcome is not one the diagram knows', async () => {
    expect((await act('leader', approval.id, 'claim')).statusCode).toBe(204);
    const response = await act('leader', approval.id, 'complete', { outcome: 'maybe' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ path: 'body/outcome', code: 'invalid_option' });
  });

  it('answers 400 invalid_option naming body/outcome when the step does not offer the outcome', async () => {
    const response = await act('leader', approval.id, 'complete', {
      outcome: 'transfer',
      partnerAgencyCode: PARTNER.code,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      {
        path: 'body/outcome',
        message: 'must be one of approve, send_back, refuse to complete leader-approval',
        code: 'invalid_option',
        params: { options: 'approve, send_back, refuse' },
      },
    ]);
  });

  it('approves, and the result waits to be returned by the receptionist', async () => {
    expect((await act('leader', approval.id, 'complete', { outcome: 'approve', comment: 'Đồng ý' })).statusCode).toBe(
      204,
    );
    returning = await waitForTask('receptionist', dossierCode, 'return-result');
    expect(returning.outcomes).toEqual([]);
    const lookup = await app.inject({ method: 'GET', url: `/api/public/dossiers/${dossierCode}` });
    expect(lookup.json().status).toBe('result_ready');
  });

  it('answers 400 naming body/returnMethod when the result is returned without saying how', async () => {
    expect((await act('receptionist', returning.id, 'claim')).statusCode).toBe(204);
    const response = await act('receptionist', returning.id, 'complete', {});
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toMatchObject([{ path: 'body/returnMethod', code: 'required' }]);
  });

  it('answers 400 naming body/postalTrackingRef when the result goes by post without it', async () => {
    const response = await act('receptionist', returning.id, 'complete', { returnMethod: 'post' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      { path: 'body/postalTrackingRef', message: 'is required', code: 'required' },
    ]);
  });

  it('answers 400 naming body/outcome when an outcome is given to a task that offers none', async () => {
    const response = await act('receptionist', returning.id, 'complete', {
      outcome: 'approve',
      returnMethod: 'counter',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toMatchObject([{ path: 'body/outcome', code: 'invalid_option' }]);
  });

  it('returns the result by post with its tracking reference, and the dossier is finished', async () => {
    const response = await act('receptionist', returning.id, 'complete', {
      returnMethod: 'post',
      postalTrackingRef: 'EB123456789VN',
    });
    expect(response.statusCode).toBe(204);
    const dossier = await waitForStatus(dossierCode, 'returned');
    expect(dossier).toMatchObject({
      returnedVia: 'post',
      postalTrackingRef: 'EB123456789VN',
      finishedAt: expect.any(String),
      timeliness: 'early',
    });
  });

  it('gives the auditor each step with its assignee and times, and each officer action with its data', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossierCode}/history`,
      headers: await authHeader(app, 'auditor'),
    });
    expect(response.statusCode).toBe(200);
    const { steps, events } = response.json();
    expect(steps).toContainEqual({
      activityId: 'appraisal',
      activityName: 'Thẩm định hồ sơ, kiểm tra thực địa',
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
      ['task_completed', 'specialist', 'appraisal', 'Hồ sơ đầy đủ, đề nghị cấp phép', { outcome: 'approve' }],
      ['task_claimed', 'leader', 'leader-approval', null, null],
      ['task_completed', 'leader', 'leader-approval', 'Đồng ý', { outcome: 'approve' }],
      ['task_claimed', 'receptionist', 'return-result', null, null],
      [
        'task_completed',
        'receptionist',
        'return-result',
        null,
        { outcome: null, returnMethod: 'post', postalTrackingRef: 'EB123456789VN' },
      ],
    ]);
  });

  it('gives the engine the outcome but never the comments, which stay in our event log', async () => {
    const dossier = await dossierAs('auditor', dossierCode);
    const variables = await engineGet<{ name: string; value: unknown }[]>(
      `/history/variable-instance?processInstanceId=${dossier.json().processInstanceId}`,
    );
    const names = variables.map((variable) => variable.name);
    expect(names).not.toContain('comment');
    expect(variables).toContainEqual(expect.objectContaining({ name: 'returnMethod', value: 'post' }));
    expect(JSON.stringify(variables)).not.toContain('Hồ sơ đầy đủ');
  });
});

describe('supplement during processing', () => {
  it('answers 400 naming body/supplementItems when request_supplement lists nothing', async () => {
    const { appraisal } = await inAppraisal();
    const missing = await act('specialist', appraisal.id, 'complete', { outcome: 'request_supplement' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues).toEqual([{ path: 'body/supplementItems', message: 'is required', code: 'required' }]);
    const empty = await act('specialist', appraisal.id, 'complete', {
      outcome: 'request_supplement',
      supplementItems: [],
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues).toMatchObject([{ path: 'body/supplementItems', code: 'too_small' }]);
  });

  it('pauses the clock until the one-stop unit receives the items, then resumes the appraisal', async () => {
    // given a dossier in appraisal
    const { dossierCode, appraisal } = await inAppraisal();
    const supplementItems = ['Bản vẽ mặt cắt công trình', 'Bản sao giấy chứng nhận quyền sử dụng đất có chứng thực'];
    // when the specialist asks for two items
    await act('specialist', appraisal.id, 'complete', { outcome: 'request_supplement', supplementItems });
    // then the dossier waits on the applicant with its clock paused, the items recorded
    const paused = await waitForStatus(dossierCode, 'awaiting_supplement');
    expect(paused).toMatchObject({
      timeliness: 'paused',
      clockPausedAt: expect.any(String),
      pauses: [{ reason: 'supplement', items: supplementItems, resumedAt: null }],
    });
    // and the one-stop unit receives them
    const receiving = await waitForTask('receptionist', dossierCode, 'receive-supplement');
    expect(receiving).toMatchObject({ dossierStatus: 'awaiting_supplement', timeliness: 'paused', outcomes: [] });
    await complete('receptionist', receiving, {});
    // then the clock runs again and the appraisal is back with the specialist
    const resumed = await waitForStatus(dossierCode, 'in_progress');
    expect(resumed.pauses).toMatchObject([{ items: supplementItems, resumedAt: expect.any(String) }]);
    const again = await waitForTask('specialist', dossierCode, 'appraisal');
    expect(again.id).not.toBe(appraisal.id);
  });
});

describe('refusal during processing', () => {
  it('answers 400 naming body/refusalReason, then refuses with it', async () => {
    const { dossierCode, appraisal } = await inAppraisal();
    const without = await act('specialist', appraisal.id, 'complete', { outcome: 'refuse' });
    expect(without.statusCode).toBe(400);
    expect(without.json().issues).toEqual([{ path: 'body/refusalReason', message: 'is required', code: 'required' }]);
    const refusalReason = 'Công trình vi phạm chỉ giới xây dựng theo quy hoạch được duyệt';
    expect((await act('specialist', appraisal.id, 'complete', { outcome: 'refuse', refusalReason })).statusCode).toBe(
      204,
    );
    const refused = await waitForStatus(dossierCode, 'refused');
    expect(refused).toMatchObject({ refusalReason, finishedAt: expect.any(String) });
  });
});

describe('transfer to a partner agency (liên thông)', () => {
  let dossierCode: string;
  let appraisal: Task;
  let review: Task;

  beforeAll(async () => {
    ({ dossierCode, appraisal } = await inAppraisal());
  });

  it('answers 400 naming body/partnerAgencyCode when it is missing, unknown, or the agency handling the dossier', async () => {
    const missing = await act('specialist', appraisal.id, 'complete', { outcome: 'transfer' });
    expect(missing.json().issues).toEqual([
      { path: 'body/partnerAgencyCode', message: 'is required', code: 'required' },
    ]);
    const unknown = await act('specialist', appraisal.id, 'complete', {
      outcome: 'transfer',
      partnerAgencyCode: '000.99.17.H41',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues).toMatchObject([{ path: 'body/partnerAgencyCode', code: 'unknown_agency' }]);
    const same = await act('specialist', appraisal.id, 'complete', {
      outcome: 'transfer',
      partnerAgencyCode: DISTRICT_CODE,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().issues).toMatchObject([{ path: 'body/partnerAgencyCode', code: 'same_agency' }]);
  });

  it('sends the dossier to the partner agency, whose specialist is offered the partner review', async () => {
    // when the specialist transfers the dossier for the partner's part
    const response = await act('specialist', appraisal.id, 'complete', {
      outcome: 'transfer',
      partnerAgencyCode: PARTNER.code,
    });
    expect(response.statusCode).toBe(204);
    // then the dossier is at the partner agency, with the transfer and the partner's deadline
    const atPartner = await waitForStatus(dossierCode, 'at_other_agency');
    expect(atPartner.transfers).toMatchObject([
      { toAgency: { code: PARTNER.code, name: PARTNER.name }, dueAt: expect.any(String), returnedAt: null },
    ]);
    // and the partner's specialist sees the task
    review = await waitForTask(PARTNER_SPECIALIST, dossierCode, 'partner-review');
    expect(review).toMatchObject({ dossierStatus: 'at_other_agency', due: expect.any(String) });
  });

  it('lets the partner’s specialist read the dossier and find it in the list', async () => {
    const response = await dossierAs(PARTNER_SPECIALIST, dossierCode);
    expect(response.statusCode).toBe(200);
    expect(response.json<Dossier>()).toMatchObject({ code: dossierCode, status: 'at_other_agency' });
    const list = await app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${dossierCode}`,
      headers: await authHeader(app, PARTNER_SPECIALIST),
    });
    expect(list.json()).toMatchObject({ total: 1, data: [{ code: dossierCode }] });
  });

  it('keeps the dossier hidden from an agency it was not transferred to', async () => {
    expect((await dossierAs('specialist-dailoc', dossierCode)).statusCode).toBe(404);
    expect((await tasksOf('specialist-dailoc')).map((task) => task.id)).not.toContain(review.id);
    expect((await act('specialist-dailoc', review.id, 'claim')).statusCode).toBe(403);
  });

  it('returns the dossier to the handling agency once the partner completes its review', async () => {
    await complete(PARTNER_SPECIALIST, review, { comment: 'Thống nhất về phần đất đai' });
    const back = await waitForStatus(dossierCode, 'in_progress');
    expect(back.transfers).toMatchObject([{ toAgency: { code: PARTNER.code }, returnedAt: expect.any(String) }]);
    await waitForTask('specialist', dossierCode, 'appraisal');
    // and the partner can still read the dossier it worked on
    expect((await dossierAs(PARTNER_SPECIALIST, dossierCode)).statusCode).toBe(200);
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
    // given a dossier of Duy Xuyên in appraisal
    dossierCode = (await receiveDossier(app)).code;
    appraisal = await waitForTask('specialist', dossierCode, 'appraisal');
  });

  it('gets 404 for the dossier, so its code is not confirmed', async () => {
    const response = await dossierAs('specialist-dailoc', dossierCode);
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
    const caller = { sub: 'specialist', roles: ['specialist' as const], agencyCode: DISTRICT_CODE, fullName: 'x', ver: 0 };
    const deps = {
      engine: app.engine,
      dossiers: createDossierRepository(app.db),
      agencies: createAgencyRepository(app.db),
      timeliness: timelinessSource(() => app.legalClock.clock()),
    };
    // when the work list is read one task per engine page
    const paged = await createTaskService({ ...deps, pageSize: 1 }).list(caller);
    // then it holds the same tasks as when read in one page
    const whole = await createTaskService(deps).list(caller);
    expect(whole.length).toBeGreaterThanOrEqual(3);
    expect(paged.map((task) => task.id).sort()).toEqual(whole.map((task) => task.id).sort());
  });
});

describe('sending a dossier back', () => {
  it('returns the dossier to appraisal when the leader sends it back', async () => {
    const { dossierCode, appraisal } = await inAppraisal();
    await act('specialist', appraisal.id, 'complete', { outcome: 'approve' });
    const approval = await waitForTask('leader', dossierCode, 'leader-approval');
    await complete('leader', approval, { outcome: 'send_back', comment: 'Thiếu bản vẽ' });
    const again = await waitForTask('specialist', dossierCode, 'appraisal');
    expect(again.id).not.toBe(appraisal.id);
  });
});
