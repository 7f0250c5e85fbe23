import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_TASKS, stepDueVariable } from '@motcua/common';
import type { LegalClock } from '@motcua/common/calendar';
import type { EngineTask } from '@motcua/common/engine';
import { externalTasks, historicProcessInstance, processVariables } from '@motcua/common/testing';
import type { TaskClient } from '../src/engine/task-client.js';
import {
  APPLICANT,
  DEMO_AGENCIES,
  eventually,
  insertDossier,
  receive,
  reserveDossierCode,
  startProcess,
  startVariables,
} from './support/dossiers.js';
import {
  legalClockOf,
  startTestWorkers,
  testEnvironment,
  workerDeps,
  type TestEnvironment,
} from './support/environment.js';

/**
 * The real workers, subscribed to the real engine, writing to the test database, on the real BPMN of
 * processes/: dossiers are received as the server receives them and worked through over REST as
 * officers would. The workers' clock (`now`) can be set, so pauses and transfers happen at chosen
 * instants while the engine runs in real time.
 */
let environment: TestEnvironment;
let workers: TaskClient;
let clock: LegalClock;
/** What the workers take as the current instant; null = the real one. */
let workerNow: Date | null = null;

beforeAll(async () => {
  environment = testEnvironment();
  clock = (await legalClockOf(environment.db)).clock;
  const deps = await workerDeps(environment, () => workerNow ?? new Date());
  workers = startTestWorkers(environment, deps);
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await environment?.close();
}, 60_000);

function taskOf(processInstanceId: string, taskDefinitionKey: string, notId?: string): Promise<EngineTask> {
  return eventually(async () => {
    const tasks = await environment.engine.queryTasks({ processInstanceId, taskDefinitionKey });
    return tasks.find((task) => task.id !== notId);
  }, `user task ${taskDefinitionKey}`);
}

/** An officer claims the task and completes it with `variables`, as the server does. */
async function completeAs(user: string, task: EngineTask, variables: Record<string, unknown> = {}) {
  await environment.engine.claim(task.id, user);
  await environment.engine.complete(task.id, variables);
}

function dossierRow(id: string) {
  return environment.db.dossier.findUniqueOrThrow({ where: { id } });
}

async function eventsOf(dossierId: string) {
  return environment.db.dossierEvent.findMany({ where: { dossierId }, orderBy: { id: 'asc' } });
}

async function eventTypes(dossierId: string): Promise<string[]> {
  return (await eventsOf(dossierId)).map((event) => event.type);
}

function notificationsOf(dossierId: string, kind: string) {
  return environment.db.notification.findMany({ where: { dossierId, kind }, orderBy: { channel: 'asc' } });
}

function dueOf(task: EngineTask): Date | null {
  return task.due === null ? null : new Date(task.due);
}

async function variableDate(processInstanceId: string, name: string): Promise<Date> {
  const variable = (await processVariables(environment.engineAccess, processInstanceId))[name];
  expect(variable?.type).toBe('Date');
  return new Date(String(variable?.value));
}

/** Waits until the dossier has an event of `type`, and returns it. */
function eventOf(dossierId: string, type: string) {
  return eventually(async () => (await eventsOf(dossierId)).find((event) => event.type === type), `event ${type}`);
}

const at = (vietnamTime: string) => new Date(`${vietnamTime}+07:00`);

describe('compute-appointment', () => {
  it('plans the appointment and every step deadline from the diagram, and queues the receipt', async () => {
    // Given a construction permit received Mon 02/11/2026 09:00 (15 working days; steps 0.5 + 6.5 + 4 + 3 + 1 days)
    const receivedAt = at('2026-11-02T09:00:00');
    const dossier = await receive(environment.engine, environment.db, receivedAt);

    // When compute-appointment has run, then the appraisal waits for the district's specialists, due 7 working days on
    const appraisal = await taskOf(dossier.processInstanceId, USER_TASKS.appraisal);
    expect(dueOf(appraisal)).toEqual(at('2026-11-11T09:00:00'));
    expect(await environment.engine.taskIdentityLinks(appraisal.id)).toContainEqual(
      expect.objectContaining({ groupId: `specialist:${DEMO_AGENCIES.district.code}`, type: 'candidate' }),
    );

    // And each step's deadline is a Date variable; the last step ends at the appointment, Mon 23/11/2026 09:00
    const expected = {
      received: at('2026-11-02T13:45:00'),
      appraisal: at('2026-11-11T09:00:00'),
      'partner-review': at('2026-11-17T09:00:00'),
      'leader-approval': at('2026-11-20T09:00:00'),
      'return-result': at('2026-11-23T09:00:00'),
    };
    for (const [step, deadline] of Object.entries(expected)) {
      expect(await variableDate(dossier.processInstanceId, stepDueVariable(step))).toEqual(deadline);
    }
    expect(await variableDate(dossier.processInstanceId, 'dueAt')).toEqual(at('2026-11-23T09:00:00'));

    // And the dossier stores the appointment twice (current and as printed on the receipt) and is in progress
    const stored = await dossierRow(dossier.id);
    expect(stored.dueAt).toEqual(at('2026-11-23T09:00:00'));
    expect(stored.originalDueAt).toEqual(at('2026-11-23T09:00:00'));
    expect(stored.status).toBe('in_progress');
    expect((await eventOf(dossier.id, 'appointment_computed')).actor).toBe('system');

    // And the receipt goes to the applicant by SMS and e-mail, naming the code and the appointment
    const receipts = await notificationsOf(dossier.id, 'receipt');
    expect(receipts.map((message) => [message.channel, message.recipient, message.status])).toEqual([
      ['sms', APPLICANT.phone, 'pending'],
      ['email', APPLICANT.email, 'pending'],
    ]);
    expect(receipts[0]!.body).toContain(dossier.code);
    expect(receipts[0]!.body).toContain('Hẹn trả kết quả vào 09 giờ 00 phút, ngày 23 tháng 11 năm 2026');
    expect(receipts[1]!.subject).toBe(`Tiếp nhận hồ sơ ${dossier.code}`);
  });

  it('texts an applicant without an e-mail address by SMS only', async () => {
    const dossier = await receive(environment.engine, environment.db, new Date(), { email: null });

    await taskOf(dossier.processInstanceId, USER_TASKS.appraisal);

    expect((await notificationsOf(dossier.id, 'receipt')).map((message) => message.channel)).toEqual(['sms']);
  });

  it('retries until the dossier row is committed, and then writes once', async () => {
    // Given a process started before its dossier row exists
    const receivedAt = new Date();
    const code = await reserveDossierCode(environment.db, receivedAt);
    const instance = await startProcess(environment.engine, environment.db, code, receivedAt);

    // When the worker finds no row, then it reports a failure with retries left instead of crashing
    const failed = await eventually(async () => {
      const [task] = await externalTasks(environment.engineAccess, instance.id);
      return task?.retries === null ? undefined : task;
    }, 'a reported failure');
    expect(failed).toMatchObject({ topicName: 'compute-appointment', retries: 2 });
    expect(failed.errorMessage).toContain(`no dossier has process instance ${instance.id}`);

    // When the row appears, then the retry succeeds
    const dossier = await insertDossier(environment.db, receivedAt, { code, processInstanceId: instance.id });
    await taskOf(instance.id, USER_TASKS.appraisal);
    expect((await dossierRow(dossier.id)).dueAt).toEqual(clock.appointment(receivedAt, 15));
    expect(await eventTypes(dossier.id)).toEqual(['appointment_computed', 'notification_queued']);
  });
});

describe('supplement during processing', () => {
  it('pauses the clock, then resumes it with the working time that was left, moving dueAt but not originalDueAt', async () => {
    // Given a dossier received Mon 02/11/2026 09:00, due Mon 23/11/2026 09:00, at appraisal
    const dossier = await receive(environment.engine, environment.db, at('2026-11-02T09:00:00'));
    const appraisal = await taskOf(dossier.processInstanceId, USER_TASKS.appraisal);

    // When the specialist asks for two items on Tue 10/11/2026 10:00
    workerNow = at('2026-11-10T10:00:00');
    await completeAs('specialist', appraisal, {
      outcome: 'request_supplement',
      supplementItems: ['Bản vẽ mặt đứng công trình', 'Bản sao giấy chứng nhận quyền sử dụng đất'],
    });
    const receiveSupplement = await taskOf(dossier.processInstanceId, USER_TASKS.receiveSupplement);

    // Then the clock is paused with the 5070 working minutes left (Tue 10:00 → Mon 23/11 09:00)
    const pause = await environment.db.clockPause.findFirstOrThrow({ where: { dossierId: dossier.id } });
    expect(pause).toMatchObject({
      reason: 'supplement',
      items: ['Bản vẽ mặt đứng công trình', 'Bản sao giấy chứng nhận quyền sử dụng đất'],
      requestedBy: 'specialist',
      pausedAt: at('2026-11-10T10:00:00'),
      remainingWorkingMinutes: 5070,
      resumedAt: null,
    });
    const paused = await dossierRow(dossier.id);
    expect(paused.status).toBe('awaiting_supplement');
    expect(paused.clockPausedAt).toEqual(at('2026-11-10T10:00:00'));
    expect(await environment.engine.taskIdentityLinks(receiveSupplement.id)).toContainEqual(
      expect.objectContaining({ groupId: `receptionist:${DEMO_AGENCIES.district.code}`, type: 'candidate' }),
    );
    // and the applicant is asked for every item at once
    const requests = await notificationsOf(dossier.id, 'supplement_request');
    expect(requests.map((message) => message.channel)).toEqual(['sms', 'email']);
    expect(requests[0]!.body).toContain('1. Bản vẽ mặt đứng công trình; 2. Bản sao giấy chứng nhận quyền sử dụng đất');
    expect((await eventOf(dossier.id, 'supplement_requested')).data).toMatchObject({ remainingWorkingMinutes: 5070 });

    // When the one-stop unit receives the items on Mon 16/11/2026 14:00
    workerNow = at('2026-11-16T14:00:00');
    await completeAs('receptionist', receiveSupplement);
    const appraisalAgain = await taskOf(dossier.processInstanceId, USER_TASKS.appraisal, appraisal.id);

    // Then the 5070 minutes run from the resume: the appointment moves to Fri 27/11/2026 13:00
    const resumed = await dossierRow(dossier.id);
    expect(resumed.dueAt).toEqual(at('2026-11-27T13:00:00'));
    expect(clock.workingMinutesBetween(at('2026-11-16T14:00:00'), resumed.dueAt!)).toBe(5070);
    expect(resumed.originalDueAt).toEqual(at('2026-11-23T09:00:00'));
    expect(resumed.status).toBe('in_progress');
    expect(resumed.clockPausedAt).toBeNull();
    expect(await environment.db.clockPause.findFirstOrThrow({ where: { dossierId: dossier.id } })).toMatchObject({
      resumedAt: at('2026-11-16T14:00:00'),
      resumedBy: 'receptionist',
    });
    expect((await eventOf(dossier.id, 'supplement_received')).data).toMatchObject({
      pausedWorkingMinutes: clock.workingMinutesBetween(at('2026-11-10T10:00:00'), at('2026-11-16T14:00:00')),
    });

    // And the steps ahead keep their remaining time: the appraisal had 510 minutes left, now due Tue 17/11 13:00
    expect(dueOf(appraisalAgain)).toEqual(at('2026-11-17T13:00:00'));
    expect(await variableDate(dossier.processInstanceId, 'dueAt')).toEqual(at('2026-11-27T13:00:00'));
    expect(await variableDate(dossier.processInstanceId, stepDueVariable('return-result'))).toEqual(
      at('2026-11-27T13:00:00'),
    );
    // a deadline already past at the pause stays where it was
    expect(await variableDate(dossier.processInstanceId, stepDueVariable('received'))).toEqual(
      at('2026-11-02T13:45:00'),
    );
    workerNow = null;
  });
});

describe('inter-agency transfer', () => {
  it('hands the dossier to the partner agency with its own deadline, and takes it back', async () => {
    // Given a dossier at appraisal
    const dossier = await receive(environment.engine, environment.db, at('2026-11-02T09:00:00'));
    const appraisal = await taskOf(dossier.processInstanceId, USER_TASKS.appraisal);

    // When the specialist transfers it to the partner agency on Wed 04/11/2026 08:00
    workerNow = at('2026-11-04T08:00:00');
    await completeAs('specialist', appraisal, { outcome: 'transfer', partnerAgencyCode: DEMO_AGENCIES.partner.code });
    const review = await taskOf(dossier.processInstanceId, USER_TASKS.partnerReview);

    // Then the partner's specialists get the task, due in its budget of 4 working days: Tue 10/11/2026 08:00
    expect(await environment.engine.taskIdentityLinks(review.id)).toContainEqual(
      expect.objectContaining({ groupId: `specialist:${DEMO_AGENCIES.partner.code}`, type: 'candidate' }),
    );
    expect(dueOf(review)).toEqual(at('2026-11-10T08:00:00'));
    const transfer = await environment.db.interAgencyTransfer.findFirstOrThrow({
      where: { dossierId: dossier.id },
      include: { toAgency: true },
    });
    expect(transfer).toMatchObject({
      sentBy: 'specialist',
      sentAt: at('2026-11-04T08:00:00'),
      dueAt: at('2026-11-10T08:00:00'),
      returnedAt: null,
    });
    expect(transfer.toAgency.code).toBe(DEMO_AGENCIES.partner.code);
    expect((await dossierRow(dossier.id)).status).toBe('at_other_agency');
    expect((await eventOf(dossier.id, 'transferred')).data).toMatchObject({
      partnerAgencyCode: DEMO_AGENCIES.partner.code,
    });

    // When the partner's specialist returns it on Mon 09/11/2026 10:00
    workerNow = at('2026-11-09T10:00:00');
    await completeAs('partner.specialist', review);
    await taskOf(dossier.processInstanceId, USER_TASKS.appraisal, appraisal.id);

    // Then the transfer is closed, on time, and the dossier is back in progress at its own agency
    expect(
      await environment.db.interAgencyTransfer.findFirstOrThrow({ where: { dossierId: dossier.id } }),
    ).toMatchObject({ returnedAt: at('2026-11-09T10:00:00'), returnedBy: 'partner.specialist' });
    expect((await dossierRow(dossier.id)).status).toBe('in_progress');
    expect((await eventOf(dossier.id, 'transfer_returned')).data).toMatchObject({ onTime: true });
    expect((await dossierRow(dossier.id)).dueAt).toEqual(at('2026-11-23T09:00:00'));
    workerNow = null;
  });

  it('sends to the successor of a merged agency under its current code', async () => {
    const dossier = await receive(environment.engine, environment.db, new Date());
    const appraisal = await taskOf(dossier.processInstanceId, USER_TASKS.appraisal);

    await completeAs('specialist', appraisal, {
      outcome: 'transfer',
      partnerAgencyCode: DEMO_AGENCIES.mergedCommune.code,
    });
    const review = await taskOf(dossier.processInstanceId, USER_TASKS.partnerReview);

    expect(await environment.engine.taskIdentityLinks(review.id)).toContainEqual(
      expect.objectContaining({ groupId: `specialist:${DEMO_AGENCIES.commune.code}`, type: 'candidate' }),
    );
  });
});

describe('refusal during processing', () => {
  it('finishes the dossier as refused with its reasons and tells the applicant', async () => {
    const dossier = await receive(environment.engine, environment.db, new Date());
    const appraisal = await taskOf(dossier.processInstanceId, USER_TASKS.appraisal);

    await completeAs('specialist', appraisal, {
      outcome: 'refuse',
      refusalReason: 'Vị trí xây dựng nằm trong hành lang bảo vệ đê điều',
    });

    const history = await eventually(async () => {
      const entry = await historicProcessInstance(environment.engineAccess, dossier.processInstanceId);
      return entry.state === 'COMPLETED' ? entry : undefined;
    }, 'the process to end');
    expect(history.endTime).not.toBeNull();
    const refused = await dossierRow(dossier.id);
    expect(refused.status).toBe('refused');
    expect(refused.refusalReason).toBe('Vị trí xây dựng nằm trong hành lang bảo vệ đê điều');
    expect(refused.finishedAt).toBeInstanceOf(Date);
    expect(await eventTypes(dossier.id)).toContain('refused');
    const notices = await notificationsOf(dossier.id, 'refusal');
    expect(notices.map((message) => message.channel)).toEqual(['sms', 'email']);
    expect(notices[0]!.body).toContain('Lý do: Vị trí xây dựng nằm trong hành lang bảo vệ đê điều');
  });
});

describe('result and return', () => {
  async function toReturnResult(options: { resultDelivery?: 'counter' | 'post' } = {}) {
    const dossier = await receive(environment.engine, environment.db, new Date(), options);
    await completeAs('specialist', await taskOf(dossier.processInstanceId, USER_TASKS.appraisal), {
      outcome: 'approve',
    });
    await completeAs('leader', await taskOf(dossier.processInstanceId, USER_TASKS.leaderApproval), {
      outcome: 'approve',
    });
    return { dossier, returnResult: await taskOf(dossier.processInstanceId, USER_TASKS.returnResult) };
  }

  it('tells the applicant the result is ready, and records a return by post with its tracking reference', async () => {
    // Given an approved dossier waiting at return-result
    const { dossier, returnResult } = await toReturnResult({ resultDelivery: 'post' });

    // Then the result is ready and the applicant was told
    expect((await dossierRow(dossier.id)).status).toBe('result_ready');
    const ready = await notificationsOf(dossier.id, 'result_ready');
    expect(ready.map((message) => message.channel)).toEqual(['sms', 'email']);
    expect(ready[0]!.body).toContain('gửi qua dịch vụ bưu chính');

    // When the receptionist records the postal dispatch
    await completeAs('receptionist', returnResult, { returnMethod: 'post', postalTrackingRef: 'EB123456789VN' });

    // Then the dossier is returned by post, with the reference and its finishing time
    const returned = await eventually(async () => {
      const row = await dossierRow(dossier.id);
      return row.status === 'returned' ? row : undefined;
    }, 'status returned');
    expect(returned).toMatchObject({ returnedVia: 'post', postalTrackingRef: 'EB123456789VN' });
    expect(returned.finishedAt).toBeInstanceOf(Date);
    expect((await eventOf(dossier.id, 'returned')).data).toEqual({
      returnMethod: 'post',
      postalTrackingRef: 'EB123456789VN',
    });
  });

  it('refuses a return by post without a tracking reference: the task becomes an incident at once', async () => {
    const { dossier, returnResult } = await toReturnResult();

    await completeAs('receptionist', returnResult, { returnMethod: 'post' });

    const failed = await eventually(async () => {
      const [task] = await externalTasks(environment.engineAccess, dossier.processInstanceId);
      return task?.topicName === 'record-returned' && task.retries === 0 ? task : undefined;
    }, 'an incident at record-returned');
    expect(failed.errorMessage).toContain('postalTrackingRef');
    expect((await dossierRow(dossier.id)).status).toBe('result_ready');
  });

  it('records a return at the counter', async () => {
    const { dossier, returnResult } = await toReturnResult();

    await completeAs('receptionist', returnResult, { returnMethod: 'counter' });

    const returned = await eventually(async () => {
      const row = await dossierRow(dossier.id);
      return row.status === 'returned' ? row : undefined;
    }, 'status returned');
    expect(returned).toMatchObject({ returnedVia: 'counter', postalTrackingRef: null });
  });
});

describe('step deadlines', () => {
  it('reminds once when a step deadline has passed, and the step goes on', async () => {
    // Given a dossier received 60 days ago, so its appraisal deadline is in the past
    const dossier = await receive(environment.engine, environment.db, new Date(Date.now() - 60 * 86_400_000));

    // When the job executor fires the step's timer, then remind-step-overdue writes step_overdue for the appraisal
    const overdue = await eventOf(dossier.id, 'step_overdue');
    const dueAppraisal = await variableDate(dossier.processInstanceId, stepDueVariable('appraisal'));
    expect(overdue.data).toEqual({ step: 'appraisal', dueAt: dueAppraisal.toISOString() });
    await taskOf(dossier.processInstanceId, USER_TASKS.appraisal);
    expect((await eventTypes(dossier.id)).filter((type) => type === 'step_overdue')).toHaveLength(1);
  }, 120_000);
});

describe('process versions deployed before the step properties', () => {
  it('still get their appraisal deadline, and remind-appraisal-overdue still reminds', async () => {
    // Given the construction permit's diagram of issue 2 (appraisalWorkingDays, appraisalDueAt), deployed under its own key
    const fixture = await readFile(new URL('fixtures/house-construction-permit-issue-2.bpmn', import.meta.url), 'utf8');
    await environment.engine.deploy({
      name: 'workers-test-issue-2',
      source: 'workers/test',
      files: [{ fileName: 'house-construction-permit-issue-2.bpmn', content: fixture }],
    });
    // and a dossier received 60 days ago running on it
    const receivedAt = new Date(Date.now() - 60 * 86_400_000);
    const dossier = await insertDossier(environment.db, receivedAt);
    const instance = await environment.engine.startProcess('house-construction-permit-issue-2', {
      businessKey: dossier.code,
      variables: startVariables(dossier.code, receivedAt),
    });
    await environment.db.dossier.update({ where: { id: dossier.id }, data: { processInstanceId: instance.id } });

    // When the workers have planned it, then the appraisal is due 10 working days after receipt
    const appraisal = await taskOf(instance.id, USER_TASKS.appraisal);
    expect(dueOf(appraisal)).toEqual(clock.appointment(receivedAt, 10));
    expect((await dossierRow(dossier.id)).dueAt).toEqual(clock.appointment(receivedAt, 15));

    // And the past deadline's timer makes remind-appraisal-overdue write appraisal_overdue
    const overdue = await eventOf(dossier.id, 'appraisal_overdue');
    expect(overdue.data).toEqual({ appraisalDueAt: clock.appointment(receivedAt, 10).toISOString() });
  }, 120_000);
});

describe('the workers process', () => {
  it('stops cleanly on SIGTERM: exit code 0, after stopping its poll, dispatcher and scan and closing its pool', async () => {
    // Given the workers running as their own process, as npm start and docker-compose run them
    const logDir = await mkdtemp(path.join(tmpdir(), 'motcua-workers-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: {
        ...process.env,
        DATABASE_URL: environment.databaseUrl,
        ENGINE_URL: environment.engineAccess.url,
        ENGINE_USER: environment.engineAccess.user,
        ENGINE_PASSWORD: environment.engineAccess.password,
        WORKER_ID: `motcua-worker-test-${process.pid}-process`,
        NOTIFICATION_LOG: path.join(logDir, 'notifications.log'),
        NOTIFICATION_POLL_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await eventually(async () => (output.includes('workers started') ? true : undefined), 'the workers to start');
      // its dispatcher sends what the tests above queued, to the log file
      await eventually(
        async () =>
          (await readFile(path.join(logDir, 'notifications.log'), 'utf8').catch(() => '')) ? true : undefined,
        'a notification in the log',
      );

      // When it receives SIGTERM, then it logs its stop and exits 0
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('"msg":"stopped"');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(logDir, { recursive: true, force: true });
    }
  });
});
