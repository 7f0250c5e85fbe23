/**
 * compute-appointment: the appointment (ngày hẹn trả) and every step's deadline, by the legal clock
 * (docs/legal.md §3; Decree 61/2018 until 30/06/2025, Decree 118/2025 from 01/07/2025, see
 * @motcua/common/calendar for the rules and their bases).
 *
 * - `dueAt` = clock.appointment(receivedAt, processingDays): the procedure's legal time in working
 *   days from the counting start (afternoon cut-off, receipt day per configuration).
 * - Each step of the diagram's ISO internal process (user tasks with the `step`/`budget` properties,
 *   read from the definition's BPMN) is due its cumulative budget after the counting start, never after
 *   the appointment; each deadline becomes the Date variable `due_<activity id>` that the step's
 *   `camunda:dueDate` and overdue timer read.
 * - The dossier stores `dueAt` and, once and for ever, `originalDueAt`: the appointment printed on
 *   the receipt, against which statistics judge lateness (docs/legal.md §6); it moves to in_progress.
 * - The receipt notification (SMS, and e-mail when given) is queued in the same transaction.
 * - The task completes with the variable `dossierCode`: the server takes the code after the process
 *   has started, so this first step gives it to the process, before any user task exists (the work
 *   list finds a dossier's tasks by it).
 *
 * Process versions deployed before the step properties pass `appraisalWorkingDays`; for them the
 * appraisal deadline `appraisalDueAt` is still set.
 */
import { z } from 'zod';
import { TOPICS, VARIABLES, stepDueVariable } from '@motcua/common';
import { queueToApplicant } from '@motcua/domain';
import { addressee, findDossier, lockDossier, systemEvent } from '../dossiers.js';
import type { TopicWorker } from './topic-worker.js';

const Input = z.object({
  receivedAt: z.date(),
  /** Working days; 0 for a same-day procedure. */
  processingDays: z.number().int().min(0),
  /** Older process versions only. */
  appraisalWorkingDays: z.number().int().min(1).optional(),
});

export const computeAppointment: TopicWorker = {
  topic: TOPICS.computeAppointment,
  variables: Object.keys(Input.shape),
  async handler(task, { db, definitions, clock: currentClock, publicBaseUrl }) {
    const input = Input.parse(task.variables);
    const clock = currentClock();
    const steps = await definitions.steps(task);
    const dossier = await findDossier(db, task);

    const computedDueAt = clock.appointment(input.receivedAt, input.processingDays);
    const dueAt = await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      // A retry keeps what the first run stored and told the applicant.
      const appointment = current.originalDueAt === null ? computedDueAt : (current.dueAt ?? computedDueAt);
      await tx.dossier.update({
        where: { id: current.id },
        data: {
          dueAt: appointment,
          originalDueAt: current.originalDueAt ?? appointment,
          ...(current.status === 'received' ? { status: 'in_progress' } : {}),
        },
      });
      await systemEvent(tx, task, current.id, {
        type: 'appointment_computed',
        data: { dueAt: appointment.toISOString(), steps: steps.length },
      });
      await queueToApplicant(
        tx,
        addressee(current),
        { kind: 'receipt', receivedAt: input.receivedAt, dueAt: appointment },
        { cause: current.code, publicBaseUrl },
      );
      return appointment;
    });

    const planned = clock.planSteps(
      clock.countingStart(input.receivedAt),
      steps.map((step) => ({ id: step.activityId, budgetMinutes: clock.parseBudget(step.budget) })),
    );
    const stepDeadlines = Object.fromEntries(
      planned.map((step) => [stepDueVariable(step.id), step.dueAt > dueAt ? dueAt : step.dueAt]),
    );
    const legacy =
      input.appraisalWorkingDays === undefined
        ? {}
        : { appraisalDueAt: clock.appointment(input.receivedAt, input.appraisalWorkingDays) };
    return { [VARIABLES.dossierCode]: dossier.code, dueAt, ...stepDeadlines, ...legacy };
  },
};
