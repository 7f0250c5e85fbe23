import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { addWorkingDays, createWorkingCalendar } from '@motcua/common/calendar';
import { DossierNotFoundError } from '../src/dossiers.js';
import type { ExternalTask } from '../src/engine/task-client.js';
import { computeAppointment } from '../src/topics/compute-appointment.js';
import { recordResultReady } from '../src/topics/record-result-ready.js';
import { recordReturned } from '../src/topics/record-returned.js';
import { remindAppraisalOverdue } from '../src/topics/remind-appraisal-overdue.js';
import type { WorkerDeps } from '../src/topics/index.js';
import { createSeededDatabase, type SeededDatabase } from './support/database.js';
import { insertDossier } from './support/dossiers.js';

/** The real handlers against a real, freshly migrated database; the engine's task is built by hand. */
let database: SeededDatabase;
let deps: WorkerDeps;
let clock = new Date('2026-12-17T09:15:00+07:00');
const calendar = createWorkingCalendar();

beforeAll(async () => {
  database = await createSeededDatabase();
  deps = { db: database.db, calendar, now: () => clock };
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

function taskFor(
  topic: string,
  dossier: { processInstanceId: string | null },
  variables: Record<string, unknown>,
  activityInstanceId = `${topic}:1`,
): ExternalTask {
  return {
    id: `${topic}-task`,
    topicName: topic,
    activityId: topic,
    activityInstanceId,
    processInstanceId: dossier.processInstanceId ?? 'none',
    processDefinitionKey: 'house-construction-permit',
    businessKey: typeof variables.dossierCode === 'string' ? variables.dossierCode : null,
    retries: null,
    variables,
  };
}

async function eventsOf(dossierId: string) {
  return database.db.dossierEvent.findMany({ where: { dossierId }, orderBy: { id: 'asc' } });
}

describe('compute-appointment', () => {
  it('returns dueAt and appraisalDueAt, stores dueAt, moves the dossier to in_progress', async () => {
    const receivedAt = new Date('2026-11-27T10:00:00+07:00');
    const dossier = await insertDossier(database.db, receivedAt);
    const variables = { dossierCode: dossier.code, receivedAt, processingDays: 15, appraisalWorkingDays: 10 };

    const result = await computeAppointment.handler(taskFor('compute-appointment', dossier, variables), deps);

    expect(result).toEqual({
      dueAt: new Date('2026-12-18T10:00:00+07:00'),
      appraisalDueAt: addWorkingDays(receivedAt, 10, calendar),
    });
    const stored = await database.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
    expect(stored.dueAt).toEqual(new Date('2026-12-18T10:00:00+07:00'));
    expect(stored.status).toBe('in_progress');
    const events = await eventsOf(dossier.id);
    expect(events.map((event) => [event.type, event.actor, event.dedupeKey])).toEqual([
      ['appointment_computed', 'system', 'compute-appointment:compute-appointment:1'],
    ]);
  }, 30_000);

  it('writes its event once when the same task runs again', async () => {
    const receivedAt = new Date('2026-11-27T10:00:00+07:00');
    const dossier = await insertDossier(database.db, receivedAt);
    const task = taskFor('compute-appointment', dossier, {
      dossierCode: dossier.code,
      receivedAt,
      processingDays: 15,
      appraisalWorkingDays: 10,
    });

    await computeAppointment.handler(task, deps);
    await computeAppointment.handler(task, deps);

    expect(await eventsOf(dossier.id)).toHaveLength(1);
  }, 30_000);

  it('fails, to be retried, while the dossier row is not there yet', async () => {
    const task = taskFor(
      'compute-appointment',
      { processInstanceId: 'not-yet-linked' },
      {
        dossierCode: '000.00.17.H41-261127-9999',
        receivedAt: new Date(),
        processingDays: 15,
        appraisalWorkingDays: 10,
      },
    );

    await expect(computeAppointment.handler(task, deps)).rejects.toBeInstanceOf(DossierNotFoundError);
  }, 30_000);

  it('rejects variables of the wrong type before touching the database', async () => {
    const task = taskFor(
      'compute-appointment',
      { processInstanceId: 'whatever' },
      {
        dossierCode: 'whatever',
        receivedAt: '2026-11-27T10:00:00+07:00',
        processingDays: 15,
        appraisalWorkingDays: 10,
      },
    );

    await expect(computeAppointment.handler(task, deps)).rejects.toBeInstanceOf(ZodError);
  }, 30_000);
});

describe('remind-appraisal-overdue', () => {
  it('records one appraisal_overdue event per timer firing', async () => {
    const dossier = await insertDossier(database.db, new Date('2026-11-02T08:00:00+07:00'));
    const variables = { dossierCode: dossier.code, appraisalDueAt: new Date('2026-11-16T08:00:00+07:00') };

    await remindAppraisalOverdue.handler(taskFor('remind-appraisal-overdue', dossier, variables, 'a'), deps);
    await remindAppraisalOverdue.handler(taskFor('remind-appraisal-overdue', dossier, variables, 'a'), deps);
    await remindAppraisalOverdue.handler(taskFor('remind-appraisal-overdue', dossier, variables, 'b'), deps);

    const events = await eventsOf(dossier.id);
    expect(events.map((event) => event.type)).toEqual(['appraisal_overdue', 'appraisal_overdue']);
    expect(events[0]?.data).toEqual({ appraisalDueAt: '2026-11-16T01:00:00.000Z' });
  }, 30_000);
});

describe('record-result-ready and record-returned', () => {
  it('move the dossier to result_ready, then returned, keeping the first finishing time on a retry', async () => {
    const dossier = await insertDossier(database.db, new Date('2026-11-27T10:00:00+07:00'));
    await database.db.dossier.update({ where: { id: dossier.id }, data: { status: 'in_progress' } });
    const variables = { dossierCode: dossier.code };

    await recordResultReady.handler(taskFor('record-result-ready', dossier, variables), deps);
    expect((await database.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } })).status).toBe('result_ready');

    const firstFinish = clock;
    await recordReturned.handler(taskFor('record-returned', dossier, variables), deps);
    clock = new Date(firstFinish.getTime() + 60_000);
    await recordReturned.handler(taskFor('record-returned', dossier, variables), deps);

    const stored = await database.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
    expect(stored.status).toBe('returned');
    expect(stored.finishedAt).toEqual(firstFinish);
    expect((await eventsOf(dossier.id)).map((event) => event.type)).toEqual(['result_ready', 'returned']);
  }, 30_000);
});

describe('a process whose reception was rolled back', () => {
  it('never writes into another dossier that received the same code later', async () => {
    // Given a dossier linked to its own process, and an orphan process carrying the same code
    const receivedAt = new Date('2026-11-27T10:00:00+07:00');
    const dossier = await insertDossier(database.db, receivedAt);
    const orphan = taskFor(
      'compute-appointment',
      { processInstanceId: 'orphan-process' },
      {
        dossierCode: dossier.code,
        receivedAt,
        processingDays: 15,
        appraisalWorkingDays: 10,
      },
    );

    // When the orphan's task runs, then it fails and the dossier is untouched
    await expect(computeAppointment.handler(orphan, deps)).rejects.toBeInstanceOf(DossierNotFoundError);
    const stored = await database.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } });
    expect(stored.dueAt).toBeNull();
    expect(await eventsOf(dossier.id)).toHaveLength(0);
  }, 30_000);
});
