import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS, USER_TASKS } from '@motcua/common';
import { computeAppointment } from '../../src/topics/compute-appointment.js';
import { requestSupplement } from '../../src/topics/request-supplement.js';
import { resumeAfterSupplement } from '../../src/topics/resume-after-supplement.js';
import type { WorkerDeps } from '../../src/topics/index.js';
import { eventually, receive } from '../support/dossiers.js';
import { testEnvironment, workerDeps, type TestEnvironment } from '../support/environment.js';
import { completeExternalTask, lockExternalTask } from '../support/external-tasks.js';

/**
 * A task handed out again (a failure after the handler's commit, a lost lock) runs its handler again:
 * these run the real handlers twice on the same real task and check that nothing is written twice.
 */
let environment: TestEnvironment;
let deps: WorkerDeps;
let now = new Date('2026-11-10T10:00:00+07:00');

beforeAll(async () => {
  environment = testEnvironment();
  deps = await workerDeps(environment, () => now);
}, 60_000);

afterAll(async () => {
  await environment?.close();
});

const at = (vietnamTime: string) => new Date(`${vietnamTime}+07:00`);

async function counts(dossierId: string) {
  const [events, notifications, pauses] = await Promise.all([
    environment.db.dossierEvent.findMany({ where: { dossierId }, orderBy: { id: 'asc' } }),
    environment.db.notification.findMany({ where: { dossierId } }),
    environment.db.clockPause.findMany({ where: { dossierId } }),
  ]);
  return { events: events.map((event) => event.type), notifications: notifications.length, pauses };
}

describe('a task run twice', () => {
  it('computes the appointment, pauses and resumes the clock once each, with the same results', async () => {
    // Given a dossier received Mon 02/11/2026 09:00, its compute-appointment task locked by us
    const dossier = await receive(environment.engine, environment.db, at('2026-11-02T09:00:00'));
    const compute = await lockExternalTask(environment.engineAccess, TOPICS.computeAppointment, dossier.code);

    // When compute-appointment runs twice
    const first = await computeAppointment.handler(compute, deps);
    const second = await computeAppointment.handler(compute, deps);

    // Then both runs give the same plan, and one event and one receipt per channel were written
    expect(second).toEqual(first);
    expect(await counts(dossier.id)).toMatchObject({
      events: ['appointment_computed', 'notification_queued'],
      notifications: 2,
    });
    await completeExternalTask(environment.engineAccess, compute, first);

    // Given the specialist asks for a supplement
    const [appraisal] = await eventually(async () => {
      const tasks = await environment.engine.queryTasks({
        processInstanceId: dossier.processInstanceId,
        taskDefinitionKey: USER_TASKS.appraisal,
      });
      return tasks.length > 0 ? tasks : undefined;
    }, 'the appraisal');
    await environment.engine.claim(appraisal!.id, 'specialist');
    await environment.engine.complete(appraisal!.id, { outcome: 'request_supplement', supplementItems: ['Bản vẽ'] });
    const request = await lockExternalTask(environment.engineAccess, TOPICS.requestSupplement, dossier.code);

    // When request-supplement runs twice, the second time a minute later
    now = at('2026-11-10T10:00:00');
    await requestSupplement.handler(request, deps);
    now = at('2026-11-10T10:01:00');
    await requestSupplement.handler(request, deps);

    // Then there is one pause, from the first run, one event and one request per channel
    const paused = await counts(dossier.id);
    expect(paused.pauses).toHaveLength(1);
    expect(paused.pauses[0]).toMatchObject({ pausedAt: at('2026-11-10T10:00:00'), remainingWorkingMinutes: 5070 });
    expect(paused.events.filter((type) => type === 'supplement_requested')).toHaveLength(1);
    expect(paused.notifications).toBe(4);
    await completeExternalTask(environment.engineAccess, request, {});

    // Given the one-stop unit received the items
    const [receiveSupplement] = await eventually(async () => {
      const tasks = await environment.engine.queryTasks({
        processInstanceId: dossier.processInstanceId,
        taskDefinitionKey: USER_TASKS.receiveSupplement,
      });
      return tasks.length > 0 ? tasks : undefined;
    }, 'receive-supplement');
    await environment.engine.claim(receiveSupplement!.id, 'receptionist');
    await environment.engine.complete(receiveSupplement!.id, {});
    const resume = await lockExternalTask(environment.engineAccess, TOPICS.resumeAfterSupplement, dossier.code);

    // When resume-after-supplement runs twice, the second time an hour later
    now = at('2026-11-16T14:00:00');
    const resumed = await resumeAfterSupplement.handler(resume, deps);
    now = at('2026-11-16T15:00:00');
    const resumedAgain = await resumeAfterSupplement.handler(resume, deps);

    // Then the second run answers like the first: the clock resumed once, at the first run's instant
    expect(resumedAgain).toEqual(resumed);
    expect(resumed.dueAt).toEqual(at('2026-11-27T13:00:00'));
    const after = await counts(dossier.id);
    expect(after.pauses[0]).toMatchObject({ resumedAt: at('2026-11-16T14:00:00'), resumedBy: 'receptionist' });
    expect(after.events.filter((type) => type === 'supplement_received')).toHaveLength(1);
    const row = await environment.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
    expect(row).toMatchObject({ dueAt: at('2026-11-27T13:00:00'), originalDueAt: at('2026-11-23T09:00:00') });
    await completeExternalTask(environment.engineAccess, resume, resumed);
  });
});
