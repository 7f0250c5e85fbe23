import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_KEYS, readProcessSteps, TOPICS, USER_TASKS, VARIABLES, type ProcessKey } from '@motcua/common';
import { createEngineClient } from '@motcua/common/engine';
import { startTestEngine, type TestEngine } from '@motcua/common/testing';
import { deployProcesses, PROCESSES_DIR } from '../deploy.js';
import { PROCESS_KEY_LIST } from './diagrams.js';
import { AGENCY, engineDriver, inDays, PARTNER_AGENCY, type EngineDriver, type Instance } from './engine-driver.js';

let testEngine: TestEngine;
let driver: EngineDriver;

beforeAll(async () => {
  testEngine = await startTestEngine();
  driver = engineDriver(testEngine);
  await deployProcesses(
    createEngineClient({
      baseUrl: testEngine.url,
      user: testEngine.user,
      password: testEngine.password,
      timeoutMs: 60_000,
    }),
  );
}, 200_000);

afterAll(async () => {
  await testEngine?.stop();
}, 60_000);

/** The procedures whose leader may refuse (the commune chairman signing a birth certificate may not). */
const LEADER_REFUSES = PROCESS_KEY_LIST.filter((key) =>
  readProcessSteps(readFileSync(path.join(PROCESSES_DIR, `${key}.bpmn`), 'utf8'))
    .find((step) => step.activityId === USER_TASKS.leaderApproval)
    ?.outcomes.includes('refuse'),
);

/** A started dossier whose appointment is computed, waiting at appraisal. */
async function atAppraisal(key: ProcessKey, dueOf = inDays(30)): Promise<Instance> {
  const instance = await driver.start(key);
  await driver.computeAppointment(instance, dueOf);
  await driver.theOpenTask(instance, USER_TASKS.appraisal);
  return instance;
}

/** From leader-approval's approval to the end: result ready, returned by post, recorded. */
async function approveAndReturnByPost(instance: Instance) {
  await driver.completeUserTask(instance, USER_TASKS.leaderApproval, { outcome: 'approve' });
  await driver.completeExternalTask(instance, TOPICS.recordResultReady);
  await driver.completeUserTask(instance, USER_TASKS.returnResult, {
    returnMethod: 'post',
    postalTrackingRef: 'EB123456789VN',
  });
  await driver.completeExternalTask(instance, TOPICS.recordReturned);
}

describe.each(PROCESS_KEY_LIST)('%s on the real engine', (key) => {
  it('happy path: each step for its group and due at its planned deadline, returned by post, ends in result-returned', async () => {
    const instance = await driver.start(key);
    const deadlines = await driver.computeAppointment(instance);

    const appraisal = await driver.theOpenTask(instance, USER_TASKS.appraisal);
    const appraisalGroups = await driver.candidateGroups(appraisal);
    await driver.completeUserTask(instance, USER_TASKS.appraisal, { outcome: 'approve' });
    const approval = await driver.theOpenTask(instance, USER_TASKS.leaderApproval);
    const approvalGroups = await driver.candidateGroups(approval);
    await driver.completeUserTask(instance, USER_TASKS.leaderApproval, { outcome: 'approve' });

    expect(appraisalGroups).toEqual([`specialist:${AGENCY}`]);
    expect(Date.parse(appraisal.due ?? '')).toBe(deadlines.due_appraisal?.getTime());
    expect(approvalGroups).toEqual([`leader:${AGENCY}`]);
    expect(Date.parse(approval.due ?? '')).toBe(deadlines.due_leader_approval?.getTime());
    await driver.completeExternalTask(instance, TOPICS.recordResultReady);
    const returnTask = await driver.theOpenTask(instance, USER_TASKS.returnResult);
    expect(await driver.candidateGroups(returnTask)).toEqual([`receptionist:${AGENCY}`]);
    expect(Date.parse(returnTask.due ?? '')).toBe(deadlines.due_return_result?.getTime());
    await driver.completeUserTask(instance, USER_TASKS.returnResult, {
      returnMethod: 'post',
      postalTrackingRef: 'EB123456789VN',
    });
    const recorded = await driver.completeExternalTask(instance, TOPICS.recordReturned);

    expect(recorded.variables).toMatchObject({
      [VARIABLES.returnMethod]: { value: 'post' },
      [VARIABLES.postalTrackingRef]: { value: 'EB123456789VN' },
    });
    expect(await driver.ending(instance)).toEqual({ state: 'COMPLETED', endEvents: ['result-returned'] });
  });

  it('request_supplement: the one-stop unit receives the items, the clock resumes, and the appraisal comes back', async () => {
    const instance = await atAppraisal(key);

    await driver.completeUserTask(instance, USER_TASKS.appraisal, {
      outcome: 'request_supplement',
      supplementItems: ['Bản sao giấy tờ tùy thân'],
    });
    const request = await driver.completeExternalTask(instance, TOPICS.requestSupplement);
    const receive = await driver.theOpenTask(instance, USER_TASKS.receiveSupplement);
    const groups = await driver.candidateGroups(receive);
    await driver.completeUserTask(instance, USER_TASKS.receiveSupplement);
    await driver.completeExternalTask(instance, TOPICS.resumeAfterSupplement);

    expect(request.variables[VARIABLES.supplementItems]).toMatchObject({ type: 'Json' });
    expect(groups).toEqual([`receptionist:${AGENCY}`]);
    expect(receive.due).toBeNull();
    await driver.theOpenTask(instance, USER_TASKS.appraisal);
    expect(await driver.variables(instance)).not.toHaveProperty(VARIABLES.outcome);
  });

  it('refuse at appraisal: the refusal is recorded and the process ends in refused', async () => {
    const instance = await atAppraisal(key);

    await driver.completeUserTask(instance, USER_TASKS.appraisal, {
      outcome: 'refuse',
      refusalReason: 'Hồ sơ không đủ điều kiện',
    });
    const record = await driver.completeExternalTask(instance, TOPICS.recordRefusal);

    expect(record.variables[VARIABLES.refusalReason]).toMatchObject({ value: 'Hồ sơ không đủ điều kiện' });
    expect(await driver.ending(instance)).toEqual({ state: 'COMPLETED', endEvents: ['refused'] });
  });

  it('send_back: the leader returns the dossier to appraisal with the outcome cleared, and it can still finish', async () => {
    const instance = await atAppraisal(key);
    await driver.completeUserTask(instance, USER_TASKS.appraisal, { outcome: 'approve' });

    await driver.completeUserTask(instance, USER_TASKS.leaderApproval, { outcome: 'send_back' });

    await driver.theOpenTask(instance, USER_TASKS.appraisal);
    expect(await driver.variables(instance)).not.toHaveProperty(VARIABLES.outcome);
    await driver.completeUserTask(instance, USER_TASKS.appraisal, { outcome: 'approve' });
    await approveAndReturnByPost(instance);
    expect(await driver.ending(instance)).toEqual({ state: 'COMPLETED', endEvents: ['result-returned'] });
  });

  it('an outcome the diagram does not know, or none, takes the default flow forward instead of sticking', async () => {
    const instance = await atAppraisal(key);

    await driver.completeUserTask(instance, USER_TASKS.appraisal, { outcome: 'escalate' });
    await driver.completeUserTask(instance, USER_TASKS.leaderApproval);

    await driver.completeExternalTask(instance, TOPICS.recordResultReady);
    await driver.theOpenTask(instance, USER_TASKS.returnResult);
  });

  it('the overdue timer reminds through remind-step-overdue without ending the step', async () => {
    const past = (activityId: string) =>
      new Date(Date.now() + (activityId === USER_TASKS.appraisal ? -3_600_000 : 30 * 86_400_000));
    const instance = await atAppraisal(key, past);

    await driver.fireTimer(instance, 'appraisal-overdue');
    const [reminder] = await driver.waitForExternalTask(instance, TOPICS.remindStepOverdue);
    const locked = await driver.completeExternalTask(instance, TOPICS.remindStepOverdue);

    expect(reminder?.activityId).toBe('remind-appraisal-overdue');
    expect(locked.variables[VARIABLES.overdueStep]).toMatchObject({ value: USER_TASKS.appraisal });
    await driver.theOpenTask(instance, USER_TASKS.appraisal);
    expect(await driver.ending(instance)).toEqual({ state: 'ACTIVE', endEvents: ['appraisal-overdue-reminded'] });
    await driver.completeUserTask(instance, USER_TASKS.appraisal, { outcome: 'approve' });
    await approveAndReturnByPost(instance);
    expect((await driver.ending(instance)).state).toBe('COMPLETED');
  });

  it('a step whose deadline is ahead has its timer waiting at that deadline', async () => {
    const instance = await driver.start(key);
    const deadlines = await driver.computeAppointment(instance);

    const [job] = await driver.timerJobs(instance, 'appraisal-overdue');

    expect(Date.parse(job?.dueDate ?? '')).toBe(deadlines.due_appraisal?.getTime());
  });
});

describe.each(LEADER_REFUSES)('%s: refusal by the leader', (key) => {
  it('records the refusal and ends in refused', async () => {
    const instance = await atAppraisal(key);
    await driver.completeUserTask(instance, USER_TASKS.appraisal, { outcome: 'approve' });

    await driver.completeUserTask(instance, USER_TASKS.leaderApproval, {
      outcome: 'refuse',
      refusalReason: 'Sai quy hoạch',
    });
    await driver.completeExternalTask(instance, TOPICS.recordRefusal);

    expect(await driver.ending(instance)).toEqual({ state: 'COMPLETED', endEvents: ['refused'] });
  });
});

describe('house-construction-permit: inter-agency transfer (liên thông)', () => {
  it("goes to the partner agency's specialists, due at the partner deadline, and comes back to appraisal", async () => {
    const instance = await atAppraisal(PROCESS_KEYS.houseConstructionPermit);

    await driver.completeUserTask(instance, USER_TASKS.appraisal, {
      outcome: 'transfer',
      partnerAgencyCode: PARTNER_AGENCY,
    });
    const partnerDue = new Date(Date.now() + 4 * 86_400_000);
    const transfer = await driver.completeExternalTask(instance, TOPICS.transferToAgency, {
      due_partner_review: partnerDue,
    });
    const review = await driver.theOpenTask(instance, USER_TASKS.partnerReview);
    const groups = await driver.candidateGroups(review);
    await driver.completeUserTask(instance, USER_TASKS.partnerReview, { comment: 'Đồng ý về phòng cháy chữa cháy' });
    await driver.completeExternalTask(instance, TOPICS.recordTransferReturned);

    expect(transfer.variables[VARIABLES.partnerAgencyCode]).toMatchObject({ value: PARTNER_AGENCY });
    expect(groups).toEqual([`specialist:${PARTNER_AGENCY}`]);
    expect(Date.parse(review.due ?? '')).toBe(partnerDue.getTime());
    await driver.theOpenTask(instance, USER_TASKS.appraisal);
    expect(await driver.variables(instance)).not.toHaveProperty(VARIABLES.outcome);
    await driver.completeUserTask(instance, USER_TASKS.appraisal, { outcome: 'approve' });
    await approveAndReturnByPost(instance);
    expect(await driver.ending(instance)).toEqual({ state: 'COMPLETED', endEvents: ['result-returned'] });
  });

  it('reminds the partner agency when its step is overdue, without taking the dossier back', async () => {
    const instance = await atAppraisal(PROCESS_KEYS.houseConstructionPermit);
    await driver.completeUserTask(instance, USER_TASKS.appraisal, {
      outcome: 'transfer',
      partnerAgencyCode: PARTNER_AGENCY,
    });
    await driver.completeExternalTask(instance, TOPICS.transferToAgency, {
      due_partner_review: new Date(Date.now() - 60_000),
    });

    await driver.fireTimer(instance, 'partner-review-overdue');
    const [reminder] = await driver.waitForExternalTask(instance, TOPICS.remindStepOverdue);

    expect(reminder?.activityId).toBe('remind-partner-review-overdue');
    await driver.theOpenTask(instance, USER_TASKS.partnerReview);
  });
});
