/**
 * remind-step-overdue: a step passed its deadline (the non-interrupting timer on the step's user task
 * fired at `due_<step>`); records it in the dossier's history, where the step's handler and their
 * leader see it. The step itself goes on.
 *
 * The reminder service task names its step in the input parameter `overdueStep` (the step's activity
 * id), so one topic serves every step of every diagram. The event step_overdue is written once per
 * step and deadline: a step entered again (sent back) with the same, already past, deadline does not
 * remind twice; a deadline moved by a resume does.
 */
import { z } from 'zod';
import { TOPICS, stepDueVariable } from '@motcua/common';
import { findDossier, systemEvent } from '../dossiers.js';
import type { TopicWorker } from './topic-worker.js';

const Input = z.object({
  overdueStep: z.string().trim().min(1),
});

export const remindStepOverdue: TopicWorker = {
  topic: TOPICS.remindStepOverdue,
  // the step's deadline variable is named after the step
  variables: 'all',
  async handler(task, { db }) {
    const input = Input.parse(task.variables);
    const dueVariable = stepDueVariable(input.overdueStep);
    const dueAt = z.object({ [dueVariable]: z.date() }).parse(task.variables)[dueVariable]!;
    const dossier = await findDossier(db, task);
    await systemEvent(db, task, dossier.id, {
      type: 'step_overdue',
      dedupeKey: `step-overdue:${input.overdueStep}:${dueAt.toISOString()}`,
      data: { step: input.overdueStep, dueAt: dueAt.toISOString() },
    });
    return {};
  },
};
