import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_OUTCOMES, USER_TASKS, type Dossier, type Task, type TaskOutcome } from '@motcua/common';
import { DEMO_AGENCIES } from '@motcua/db';
import { ensureAccount, OTHER_DISTRICT } from '../../helpers/accounts.js';
import { engineGet } from '../../helpers/engine.js';
import {
  firstTaskStep,
  forward,
  loadShippedProcedures,
  nextTask,
  officerOf,
  receiveFor,
  RETURN_BY_POST,
  stepOf,
  postTaskAction,
  startStack,
  taskPage,
  until,
  waitForTaskOf,
  type ShippedProcedure,
} from '../../helpers/procedure-walk.js';
import { authHeader, type Username } from '../../helpers/requests.js';

/**
 * Dossiers of every shipped procedure (the catalogue's procedures running a diagram of processes/)
 * through their steps, with the real workers in between: each task is offered to the officers of
 * its candidate groups, with the outcomes its step offers in the diagram; completing it takes one of
 * them with that outcome's data. Supplement, refusal, transfer and send-back are walked for every
 * procedure whose diagram offers them.
 */
let app: FastifyInstance;
let stop: () => Promise<void>;

/** Read before the tests are collected, so that each procedure gets its own tests. */
const PROCEDURES = await loadShippedProcedures();

const PARTNER = DEMO_AGENCIES.partner;

/** Procedures whose diagram offers the outcome at some step. */
function offering(outcome: TaskOutcome): ShippedProcedure[] {
  return PROCEDURES.filter((procedure) => procedure.steps.some((step) => step.outcomes.includes(outcome)));
}

beforeAll(async () => {
  ({ app, stop } = await startStack());
});
afterAll(() => stop());

function act(username: Username, taskId: string, action: 'claim' | 'unclaim' | 'complete', payload?: object) {
  return postTaskAction(app, username, taskId, action, payload);
}

async function dossierAs(username: Username, code: string) {
  return app.inject({ method: 'GET', url: `/api/dossiers/${code}`, headers: await authHeader(app, username) });
}

/** Waits for the workers to bring the dossier to a status. */
function waitForStatus(code: string, status: Dossier['status']): Promise<Dossier> {
  return until(`dossier ${code} not ${status}`, async () => {
    const dossier = (await dossierAs('auditor', code)).json<Dossier>();
    return dossier.status === status ? dossier : undefined;
  });
}

/** Claims and completes a task; expects 204 to both. */
async function complete(username: Username, task: Task, payload: object) {
  expect((await act(username, task.id, 'claim')).statusCode).toBe(204);
  const response = await act(username, task.id, 'complete', payload);
  expect(response.statusCode, response.body).toBe(204);
}

/** Completes the dossier's tasks on the way forward until its next task is a step offering `outcome`. */
async function advanceTo(code: string, outcome: TaskOutcome): Promise<{ task: Task; officer: Username }> {
  for (;;) {
    const next = await nextTask(app, code);
    if (!next) throw new Error(`dossier ${code} ended before a step offering ${outcome}`);
    if (next.task.outcomes.includes(outcome)) return next;
    await complete(next.officer, next.task, forward(next.task));
  }
}

/** Another officer of the same role and agency, to compete for the task. */
async function colleagueOf(username: Username): Promise<Username> {
  const account = await app.db.account.findUniqueOrThrow({ where: { username }, include: { agency: true } });
  const colleague = `${username}.colleague`;
  await ensureAccount(app.db, {
    username: colleague,
    fullName: 'Đặng Văn Em',
    roles: account.roles,
    agencyCode: account.agency.code,
  });
  return colleague;
}

/** An officer of the same role in another district, which does not handle the dossier. */
async function sameRoleElsewhere(username: Username): Promise<Username> {
  const account = await app.db.account.findUniqueOrThrow({ where: { username } });
  return officerOf(app, account.roles[0]!, OTHER_DISTRICT.code);
}

describe.each(PROCEDURES)('a dossier of $code ($processKey) through its steps', (procedure) => {
  const first = firstTaskStep(procedure);
  let dossierCode: string;
  let task: Task;
  let officer: Username;
  /** The officer actions of the walk, as the event log must record them: [type, actor, activity]. */
  const actions: [string, Username, string][] = [];

  beforeAll(async () => {
    dossierCode = await receiveFor(app, procedure);
  });

  it('offers its first step to the step’s officers with the step’s name, due date and outcomes', async () => {
    // when the workers have computed the appointment
    ({ task, officer } = (await nextTask(app, dossierCode))!);
    // then the officer sees the first step, due before the appointment, with the dossier's data
    const dossier = (await dossierAs(officer, dossierCode)).json<Dossier>();
    expect(task).toMatchObject({
      taskDefinitionKey: first.activityId,
      name: first.name,
      assignee: null,
      due: expect.any(String),
      outcomes: first.outcomes,
      dossierCode,
      dossierStatus: 'in_progress',
      dossierDueAt: dossier.dueAt,
      timeliness: dossier.timeliness,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      applicantName: dossier.applicant.fullName,
    });
    expect(Date.parse(task.due!)).toBeLessThanOrEqual(Date.parse(task.dossierDueAt!));
  });

  it('does not offer it to the agency’s officers of other roles, who get 403 claiming it', async () => {
    const account = await app.db.account.findUniqueOrThrow({ where: { username: officer } });
    const others = (['receptionist', 'specialist', 'leader'] as const).filter((role) => !account.roles.includes(role));
    for (const role of others) {
      const other = await officerOf(app, role, procedure.agencyCode);
      expect((await taskPage(app, other, { dossierCode })).data).toEqual([]);
      const response = await act(other, task.id, 'claim');
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toBe(`task ${task.id} is not offered to your groups`);
    }
  });

  it('hides the task and its dossier from the same role in another district', async () => {
    const stranger = await sameRoleElsewhere(officer);
    expect((await dossierAs(stranger, dossierCode)).statusCode).toBe(404);
    expect((await taskPage(app, stranger, { dossierCode })).data).toEqual([]);
    const response = await act(stranger, task.id, 'claim');
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe(`task ${task.id} does not exist`);
  });

  it.each(['claim', 'unclaim', 'complete'] as const)('answers 404 to %s on an unknown task id', async (action) => {
    const response = await act(officer, 'no-such-task', action);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'task no-such-task does not exist',
    });
  });

  it('answers 400 naming params/id for a task id that is too long or blank', async () => {
    for (const id of ['x'.repeat(65), '%20%20']) {
      const response = await act(officer, id, 'claim');
      expect(response.statusCode).toBe(400);
      expect(response.json().issues[0].path).toBe('params/id');
    }
  });

  it('answers 403 when the officer completes the task before claiming it', async () => {
    const response = await act(officer, task.id, 'complete', forward(task));
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe(`claim task ${task.id} before you complete it`);
  });

  it('claims the task once when it is claimed twice at once, and writes one event', async () => {
    const responses = await Promise.all([act(officer, task.id, 'claim'), act(officer, task.id, 'claim')]);
    expect(responses.map((response) => response.statusCode)).toEqual([204, 204]);
    const events = await app.db.dossierEvent.findMany({
      where: { dossier: { code: dossierCode }, type: 'task_claimed' },
    });
    expect(events.map((event) => event.dedupeKey)).toEqual([`${task.id}:claim:0`]);
    actions.push(['task_claimed', officer, task.taskDefinitionKey]);
  });

  it('lets the officer release the task and claim it again; a repeated claim writes no event', async () => {
    expect((await act(officer, task.id, 'unclaim')).statusCode).toBe(204);
    expect((await taskPage(app, officer, { dossierCode })).data[0]?.assignee).toBeNull();
    expect((await act(officer, task.id, 'claim')).statusCode).toBe(204);
    expect((await act(officer, task.id, 'claim')).statusCode).toBe(204);
    expect((await taskPage(app, officer, { dossierCode })).data[0]?.assignee).toBe(officer);
    const events = await app.db.dossierEvent.findMany({
      where: { dossier: { code: dossierCode }, type: { in: ['task_claimed', 'task_unclaimed'] } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => event.dedupeKey)).toEqual([
      `${task.id}:claim:0`,
      `${task.id}:unclaim:0`,
      `${task.id}:claim:1`,
    ]);
    actions.push(
      ['task_unclaimed', officer, task.taskDefinitionKey],
      ['task_claimed', officer, task.taskDefinitionKey],
    );
  });

  it('answers 409 to a colleague’s claim, and 403 to their release or completion', async () => {
    const colleague = await colleagueOf(officer);
    const claim = await act(colleague, task.id, 'claim');
    expect(claim.statusCode).toBe(409);
    expect(claim.json().message).toBe(`task ${task.id} is already claimed by ${officer}`);
    expect((await act(colleague, task.id, 'unclaim')).statusCode).toBe(403);
    expect((await act(colleague, task.id, 'complete', forward(task))).statusCode).toBe(403);
  });

  it.runIf(first.outcomes.length > 0)(
    'answers 400 outcome_required naming body/outcome when the step is completed without an outcome',
    async () => {
      const response = await act(officer, task.id, 'complete', { comment: 'Hồ sơ đầy đủ' });
      expect(response.statusCode).toBe(400);
      const message = `is required to complete ${first.activityId}: ${first.outcomes.join(', ')}`;
      expect(response.json()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: `body/outcome ${message}`,
        issues: [{ path: 'body/outcome', message, code: 'outcome_required' }],
      });
    },
  );

  it.runIf(TASK_OUTCOMES.some((outcome) => !first.outcomes.includes(outcome)))(
    'answers 400 invalid_option naming body/outcome for an outcome the step does not offer, or one nobody knows',
    async () => {
      const unoffered = TASK_OUTCOMES.find((outcome) => !first.outcomes.includes(outcome))!;
      const response = await act(officer, task.id, 'complete', { outcome: unoffered, partnerAgencyCode: PARTNER.code });
      expect(response.statusCode).toBe(400);
      expect(response.json().issues[0]).toMatchObject({ path: 'body/outcome', code: 'invalid_option' });
      const unknown = await act(officer, task.id, 'complete', { outcome: 'maybe' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().issues[0]).toMatchObject({ path: 'body/outcome', code: 'invalid_option' });
    },
  );

  it('walks the dossier to the end: each task offered to its step’s officers with the step’s outcomes', async () => {
    let current = await nextTask(app, dossierCode);
    while (current) {
      const step = stepOf(procedure, current.task);
      // then each task is the step the diagram draws, offered to its officers, with the step's outcomes
      expect(current.task).toMatchObject({ name: step.name, outcomes: step.outcomes, dossierCode });
      if (current.task.assignee === null) {
        expect((await act(current.officer, current.task.id, 'claim')).statusCode).toBe(204);
        actions.push(['task_claimed', current.officer, step.activityId]);
      }
      const payload = forward(current.task);
      const response = await act(current.officer, current.task.id, 'complete', { ...payload, comment: 'Đồng ý' });
      expect(response.statusCode, response.body).toBe(204);
      actions.push(['task_completed', current.officer, step.activityId]);
      current = await nextTask(app, dossierCode);
    }
    const dossier = await waitForStatus(dossierCode, 'returned');
    expect(dossier).toMatchObject({ returnedVia: 'post', postalTrackingRef: RETURN_BY_POST.postalTrackingRef });
  });

  it('gives the auditor each officer action of the walk, in order', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossierCode}/history`,
      headers: await authHeader(app, 'auditor'),
    });
    expect(response.statusCode).toBe(200);
    const events: { type: string; actor: string; activityId: string | null }[] = response.json().events;
    const taskActions = events
      .filter((event) => event.type.startsWith('task_'))
      .map((event) => [event.type, event.actor, event.activityId]);
    expect(taskActions).toEqual(actions);
  });

  it('gives the engine the outcomes but never the comments, which stay in our event log', async () => {
    const dossier = (await dossierAs('auditor', dossierCode)).json<Dossier>();
    const variables = await engineGet<{ name: string; value: unknown }[]>(
      `/history/variable-instance?processInstanceId=${dossier.processInstanceId}`,
    );
    expect(variables.map((variable) => variable.name)).not.toContain('comment');
    expect(variables).toContainEqual(expect.objectContaining({ name: 'returnMethod', value: 'post' }));
    expect(JSON.stringify(variables)).not.toContain('Đồng ý');
  });
});

describe.each(PROCEDURES)('returning the result of a dossier of $code', (procedure) => {
  let returning: { task: Task; officer: Username };

  beforeAll(async () => {
    const code = await receiveFor(app, procedure);
    for (;;) {
      const next = await nextTask(app, code);
      if (!next) throw new Error(`dossier ${code} ended before its result was returned`);
      if (next.task.taskDefinitionKey === USER_TASKS.returnResult) {
        returning = next;
        break;
      }
      await complete(next.officer, next.task, forward(next.task));
    }
    expect((await act(returning.officer, returning.task.id, 'claim')).statusCode).toBe(204);
  });

  it('answers 400 naming body/returnMethod when the result is returned without saying how', async () => {
    const response = await act(returning.officer, returning.task.id, 'complete', {});
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toMatchObject([{ path: 'body/returnMethod', code: 'required' }]);
  });

  it('answers 400 naming body/postalTrackingRef when the result goes by post without it', async () => {
    const response = await act(returning.officer, returning.task.id, 'complete', { returnMethod: 'post' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      { path: 'body/postalTrackingRef', message: 'is required', code: 'required' },
    ]);
  });

  it('answers 400 naming body/outcome when an outcome is given to a task that offers none', async () => {
    expect(returning.task.outcomes).toEqual([]);
    const response = await act(returning.officer, returning.task.id, 'complete', {
      outcome: 'approve',
      returnMethod: 'counter',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toMatchObject([{ path: 'body/outcome', code: 'invalid_option' }]);
  });
});

describe.each(offering('request_supplement'))('supplement during processing of $code', (procedure) => {
  it('answers 400 naming body/supplementItems when request_supplement lists nothing', async () => {
    const { task, officer } = await advanceTo(await receiveFor(app, procedure), 'request_supplement');
    expect((await act(officer, task.id, 'claim')).statusCode).toBe(204);
    const missing = await act(officer, task.id, 'complete', { outcome: 'request_supplement' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues).toEqual([{ path: 'body/supplementItems', message: 'is required', code: 'required' }]);
    const empty = await act(officer, task.id, 'complete', { outcome: 'request_supplement', supplementItems: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues).toMatchObject([{ path: 'body/supplementItems', code: 'too_small' }]);
  });

  it('pauses the clock until the one-stop unit receives the items, then resumes the step that asked', async () => {
    // given a dossier at a step that may ask for a supplement
    const dossierCode = await receiveFor(app, procedure);
    const { task, officer } = await advanceTo(dossierCode, 'request_supplement');
    const supplementItems = ['Bản sao giấy tờ có chứng thực', 'Bản chính tờ khai có chữ ký'];
    // when the officer asks for two items
    await complete(officer, task, { outcome: 'request_supplement', supplementItems });
    // then the dossier waits on the applicant with its clock paused, the items recorded
    const paused = await waitForStatus(dossierCode, 'awaiting_supplement');
    expect(paused).toMatchObject({
      timeliness: 'paused',
      clockPausedAt: expect.any(String),
      pauses: [{ reason: 'supplement', items: supplementItems, resumedAt: null }],
    });
    // and the one-stop unit receives them
    const receiving = (await nextTask(app, dossierCode))!;
    expect(receiving.task).toMatchObject({
      taskDefinitionKey: USER_TASKS.receiveSupplement,
      dossierStatus: 'awaiting_supplement',
      timeliness: 'paused',
      outcomes: [],
    });
    await complete(receiving.officer, receiving.task, {});
    // then the clock runs again and the step that asked is back with its officers
    const resumed = await waitForStatus(dossierCode, 'in_progress');
    expect(resumed.pauses).toMatchObject([{ items: supplementItems, resumedAt: expect.any(String) }]);
    const again = (await nextTask(app, dossierCode))!;
    expect(again.task.taskDefinitionKey).toBe(task.taskDefinitionKey);
    expect(again.task.id).not.toBe(task.id);
  });
});

describe.each(offering('refuse'))('refusal during processing of $code', (procedure) => {
  it('answers 400 naming body/refusalReason, then refuses with it', async () => {
    const dossierCode = await receiveFor(app, procedure);
    const { task, officer } = await advanceTo(dossierCode, 'refuse');
    expect((await act(officer, task.id, 'claim')).statusCode).toBe(204);
    const without = await act(officer, task.id, 'complete', { outcome: 'refuse' });
    expect(without.statusCode).toBe(400);
    expect(without.json().issues).toEqual([{ path: 'body/refusalReason', message: 'is required', code: 'required' }]);
    const refusalReason = 'Hồ sơ không đáp ứng điều kiện theo quy định';
    expect((await act(officer, task.id, 'complete', { outcome: 'refuse', refusalReason })).statusCode).toBe(204);
    const refused = await waitForStatus(dossierCode, 'refused');
    expect(refused).toMatchObject({ refusalReason, finishedAt: expect.any(String) });
  });
});

describe.each(offering('send_back'))('sending a dossier of $code back', (procedure) => {
  it('brings the dossier back to the first step when it is sent back', async () => {
    const dossierCode = await receiveFor(app, procedure);
    const { task, officer } = await advanceTo(dossierCode, 'send_back');
    await complete(officer, task, { outcome: 'send_back', comment: 'Thiếu bản vẽ' });
    const again = (await nextTask(app, dossierCode))!;
    expect(again.task.taskDefinitionKey).toBe(firstTaskStep(procedure).activityId);
  });
});

describe.each(offering('transfer'))('transfer of a dossier of $code to a partner agency (liên thông)', (procedure) => {
  let dossierCode: string;
  let appraisal: { task: Task; officer: Username };
  let review: { task: Task; officer: Username };

  beforeAll(async () => {
    dossierCode = await receiveFor(app, procedure);
    appraisal = await advanceTo(dossierCode, 'transfer');
    expect((await act(appraisal.officer, appraisal.task.id, 'claim')).statusCode).toBe(204);
  });

  it('answers 400 naming body/partnerAgencyCode when it is missing, unknown, or the agency handling the dossier', async () => {
    const { task, officer } = appraisal;
    const missing = await act(officer, task.id, 'complete', { outcome: 'transfer' });
    expect(missing.json().issues).toEqual([
      { path: 'body/partnerAgencyCode', message: 'is required', code: 'required' },
    ]);
    const unknown = await act(officer, task.id, 'complete', {
      outcome: 'transfer',
      partnerAgencyCode: '000.99.17.H41',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues).toMatchObject([{ path: 'body/partnerAgencyCode', code: 'unknown_agency' }]);
    const same = await act(officer, task.id, 'complete', {
      outcome: 'transfer',
      partnerAgencyCode: procedure.agencyCode,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().issues).toMatchObject([{ path: 'body/partnerAgencyCode', code: 'same_agency' }]);
  });

  it('sends the dossier to the partner agency, whose officers are offered the partner’s step', async () => {
    // when the officer transfers the dossier for the partner's part
    const response = await act(appraisal.officer, appraisal.task.id, 'complete', {
      outcome: 'transfer',
      partnerAgencyCode: PARTNER.code,
    });
    expect(response.statusCode).toBe(204);
    // then the dossier is at the partner agency, with the transfer and the partner's deadline
    const atPartner = await waitForStatus(dossierCode, 'at_other_agency');
    expect(atPartner.transfers).toMatchObject([
      { toAgency: { code: PARTNER.code, name: PARTNER.name }, dueAt: expect.any(String), returnedAt: null },
    ]);
    // and the partner's officer sees the task
    review = (await nextTask(app, dossierCode))!;
    const partner = await app.db.account.findUniqueOrThrow({
      where: { username: review.officer },
      include: { agency: true },
    });
    expect(partner.agency.code).toBe(PARTNER.code);
    expect(review.task).toMatchObject({ dossierStatus: 'at_other_agency', due: expect.any(String) });
  });

  it('lets the partner’s officer read the dossier and find it in the list', async () => {
    const response = await dossierAs(review.officer, dossierCode);
    expect(response.statusCode).toBe(200);
    expect(response.json<Dossier>()).toMatchObject({ code: dossierCode, status: 'at_other_agency' });
    const list = await app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${dossierCode}`,
      headers: await authHeader(app, review.officer),
    });
    expect(list.json()).toMatchObject({ total: 1, data: [{ code: dossierCode }] });
  });

  it('keeps the dossier and the partner’s task hidden from an agency it was not transferred to', async () => {
    const stranger = await sameRoleElsewhere(review.officer);
    expect((await dossierAs(stranger, dossierCode)).statusCode).toBe(404);
    expect((await taskPage(app, stranger, { dossierCode })).data).toEqual([]);
    expect((await act(stranger, review.task.id, 'claim')).statusCode).toBe(404);
  });

  it('returns the dossier to the handling agency once the partner completes its step', async () => {
    await complete(review.officer, review.task, { comment: 'Thống nhất về phần đất đai' });
    const back = await waitForStatus(dossierCode, 'in_progress');
    expect(back.transfers).toMatchObject([{ toAgency: { code: PARTNER.code }, returnedAt: expect.any(String) }]);
    await waitForTaskOf(app, appraisal.officer, dossierCode, appraisal.task.taskDefinitionKey);
    // and the partner can still read the dossier it worked on
    expect((await dossierAs(review.officer, dossierCode)).statusCode).toBe(200);
  });
});
