/**
 * compute-appointment: the appointment (ngày hẹn trả) and the appraisal deadline, in working days from
 * receipt (LEGAL.md section 3). Sets them as Date process variables — the appraisal task's due date
 * and its reminder timer read `appraisalDueAt` — stores the appointment on the dossier and moves it to
 * in_progress.
 */
import { z } from 'zod';
import { TOPICS } from '@motcua/common';
import { addWorkingDays } from '@motcua/common/calendar';
import { findDossier, systemEvent } from '../dossiers.js';
import type { TopicWorker } from './topic-worker.js';

const Input = z.object({
  dossierCode: z.string().min(1),
  receivedAt: z.date(),
  processingDays: z.number().int().min(1),
  /** Input parameter of the service task in the diagram. */
  appraisalWorkingDays: z.number().int().min(1),
});

export const computeAppointment: TopicWorker = {
  topic: TOPICS.computeAppointment,
  variables: Object.keys(Input.shape),
  async handler(task, { db, calendar }) {
    const input = Input.parse(task.variables);
    const dueAt = addWorkingDays(input.receivedAt, input.processingDays, calendar);
    const appraisalDueAt = addWorkingDays(input.receivedAt, input.appraisalWorkingDays, calendar);
    const dossier = await findDossier(db, task, input.dossierCode);
    await db.$transaction([
      db.dossier.update({ where: { id: dossier.id }, data: { dueAt } }),
      db.dossier.updateMany({ where: { id: dossier.id, status: 'received' }, data: { status: 'in_progress' } }),
      systemEvent(db, task, dossier.id, {
        type: 'appointment_computed',
        data: { dueAt: dueAt.toISOString(), appraisalDueAt: appraisalDueAt.toISOString() },
      }),
    ]);
    return { dueAt, appraisalDueAt };
  },
};
