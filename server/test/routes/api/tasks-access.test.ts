import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { candidateGroup, USER_TASKS, type Task } from '@motcua/common';
import { DEMO_AGENCIES } from '@motcua/db';
import { HANDLING_ROLES } from '@motcua/domain';
import { OTHER_DISTRICT } from '../../helpers/accounts.js';
import { testEngine } from '../../helpers/engine.js';
import {
  nextTask,
  officerOf,
  receiveFor,
  forward,
  loadShippedProcedures,
  postTaskAction,
  startStack,
  taskPage,
  type ShippedProcedure,
} from '../../helpers/procedure-walk.js';
import type { Username } from '../../helpers/requests.js';

/**
 * Who may act on a task, for every shipped procedure: an officer one of whose groups the task is
 * offered to, of an agency that handles the dossier (or the partner of its open transfer). Being
 * the task's assignee is not enough: an engine task can be assigned outright (a diagram's literal
 * assignee, an engine console), and such an assignee must still be offered the task.
 */
let app: FastifyInstance;
let stop: () => Promise<void>;

/** Read before the tests are collected, so that each procedure gets its own tests. */
const PROCEDURES = await loadShippedProcedures();

beforeAll(async () => {
  ({ app, stop } = await startStack());
});
afterAll(() => stop());

function act(username: Username, taskId: string, action: 'claim' | 'complete', payload?: object) {
  return postTaskAction(app, username, taskId, action, payload);
}

/** Offers the task to one more candidate group, as an engine console could. */
async function offerToGroup(taskId: string, groupId: string): Promise<void> {
  const credentials = Buffer.from(`${inject('engineUser')}:${inject('enginePassword')}`).toString('base64');
  const response = await fetch(`${inject('engineUrl')}/task/${taskId}/identity-links`, {
    method: 'POST',
    headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/json' },
    body: JSON.stringify({ groupId, type: 'candidate' }),
  });
  if (!response.ok) throw new Error(`adding ${groupId} to task ${taskId}: ${response.status} ${await response.text()}`);
}

/** The role of an officer (the test officers have one). */
async function roleOf(username: Username) {
  const account = await app.db.account.findUniqueOrThrow({ where: { username } });
  return account.roles[0]!;
}

/** The code of the agency above the one with this code. */
async function parentCodeOf(agencyCode: string): Promise<string> {
  const agency = await app.db.agency.findUniqueOrThrow({ where: { code: agencyCode }, include: { parent: true } });
  if (!agency.parent) throw new Error(`${agencyCode} has no agency above it`);
  return agency.parent.code;
}

/** Whether the engine still has the task open. */
async function stillOpen(taskId: string): Promise<boolean> {
  return testEngine()
    .getTask(taskId)
    .then(
      () => true,
      () => false,
    );
}

describe.each(PROCEDURES)('acting on a task of a dossier of $code', (procedure: ShippedProcedure) => {
  let first: { task: Task; officer: Username };
  let stranger: Username;

  beforeAll(async () => {
    first = (await nextTask(app, await receiveFor(app, procedure)))!;
    stranger = await officerOf(app, await roleOf(first.officer), OTHER_DISTRICT.code);
  });

  it('refuses to let an assignee the task is not offered to complete it', async () => {
    // given the task assigned outright, in the engine, to an officer of its own agency in another role
    const role = await roleOf(first.officer);
    const colleague = await officerOf(app, HANDLING_ROLES.find((other) => other !== role)!, procedure.agencyCode);
    await testEngine().claim(first.task.id, colleague);
    // when that assignee completes it
    const response = await act(colleague, first.task.id, 'complete', forward(first.task));
    // then it is refused, and the task stays open
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe(`task ${first.task.id} is not offered to your groups`);
    expect(await stillOpen(first.task.id)).toBe(true);
    await testEngine().unclaim(first.task.id);
  });

  it('does not exist for an assignee of an agency that may not see the dossier', async () => {
    // given the task assigned outright, in the engine, to an officer of another district
    await testEngine().claim(first.task.id, stranger);
    // when that assignee completes it
    const response = await act(stranger, first.task.id, 'complete', forward(first.task));
    // then the task is unknown to them, stays open, and is not on their list
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe(`task ${first.task.id} does not exist`);
    expect(await stillOpen(first.task.id)).toBe(true);
    expect((await taskPage(app, stranger, { assignment: 'mine' })).data.map((task) => task.id)).not.toContain(
      first.task.id,
    );
    await testEngine().unclaim(first.task.id);
  });

  it('refuses a claim and a completion by an officer offered the task whose agency sees but does not work the dossier', async () => {
    // given the leader of the agency above, who oversees the dossier, and the task offered to their group too
    const overseer = await officerOf(app, 'leader', await parentCodeOf(procedure.agencyCode));
    await offerToGroup(first.task.id, candidateGroup('leader', await parentCodeOf(procedure.agencyCode)));
    // then they neither find it in their work list, nor claim it
    expect((await taskPage(app, overseer, { dossierCode: first.task.dossierCode })).data).toEqual([]);
    const claim = await act(overseer, first.task.id, 'claim');
    expect(claim.statusCode).toBe(403);
    expect(claim.json().message).toBe(`task ${first.task.id} belongs to a dossier your agency does not handle`);
    // nor complete it once assigned outright
    await testEngine().claim(first.task.id, overseer);
    const completion = await act(overseer, first.task.id, 'complete', forward(first.task));
    expect(completion.statusCode).toBe(403);
    expect(await stillOpen(first.task.id)).toBe(true);
    await testEngine().unclaim(first.task.id);
  });

  it('does not exist for an officer of an unrelated agency even when offered to their group', async () => {
    await offerToGroup(first.task.id, candidateGroup(await roleOf(stranger), OTHER_DISTRICT.code));
    expect((await taskPage(app, stranger, { dossierCode: first.task.dossierCode })).data).toEqual([]);
    const claim = await act(stranger, first.task.id, 'claim');
    expect(claim.statusCode).toBe(404);
    expect(await stillOpen(first.task.id)).toBe(true);
  });

  it('still lets the officers of the dossier’s agency claim and complete it', async () => {
    expect((await act(first.officer, first.task.id, 'claim')).statusCode).toBe(204);
    const response = await act(first.officer, first.task.id, 'complete', forward(first.task));
    expect(response.statusCode, response.body).toBe(204);
  });
});

describe.each(PROCEDURES.filter((procedure) => procedure.steps.some((step) => step.outcomes.includes('transfer'))))(
  'the partner agency of a transfer of a dossier of $code',
  (procedure: ShippedProcedure) => {
    it('acts on the partner’s step while the transfer is open, and on nothing once it came back', async () => {
      // given a dossier transferred to the partner agency
      const dossierCode = await receiveFor(app, procedure);
      let next = (await nextTask(app, dossierCode))!;
      while (!next.task.outcomes.includes('transfer')) {
        expect((await act(next.officer, next.task.id, 'claim')).statusCode).toBe(204);
        expect((await act(next.officer, next.task.id, 'complete', forward(next.task))).statusCode).toBe(204);
        next = (await nextTask(app, dossierCode))!;
      }
      expect((await act(next.officer, next.task.id, 'claim')).statusCode).toBe(204);
      const transfer = { outcome: 'transfer', partnerAgencyCode: DEMO_AGENCIES.partner.code };
      expect((await act(next.officer, next.task.id, 'complete', transfer)).statusCode).toBe(204);
      // then the partner's officer claims and completes its step
      const review = (await nextTask(app, dossierCode))!;
      expect(review.task.taskDefinitionKey).not.toBe(USER_TASKS.returnResult);
      expect((await act(review.officer, review.task.id, 'claim')).statusCode).toBe(204);
      expect((await act(review.officer, review.task.id, 'complete', {})).statusCode).toBe(204);
      // and once the dossier is back, a task offered to the partner's group is no longer the partner's to take
      const back = (await nextTask(app, dossierCode))!;
      await offerToGroup(back.task.id, candidateGroup(await roleOf(review.officer), DEMO_AGENCIES.partner.code));
      const claim = await act(review.officer, back.task.id, 'claim');
      expect(claim.statusCode).toBe(403);
      expect(claim.json().message).toBe(`task ${back.task.id} belongs to a dossier your agency does not handle`);
    });
  },
);
