/**
 * resume-after-supplement: the applicant brought what was asked for (the one-stop unit completed
 * receive-supplement), so the processing clock runs again with the working time it had left (docs/legal.md
 * §3; the arithmetic is the legal clock's `resumedDue`). In one transaction: the open
 * ClockPause is closed, the dossier's appointment becomes resume + remaining working minutes, the
 * dossier is in_progress again and the event supplement_received is written. The appointment printed
 * on the receipt (`originalDueAt`) never changes here: statistics keep judging against it.
 *
 * Re-planning the step deadlines: every `due_*` variable that still lay ahead when the clock stopped
 * is moved so that it keeps the working time it had left then; a deadline already past at the pause
 * stays where it was (that step was late before the applicant was asked). This is the same shift the
 * appointment gets, step by step, so the plan stays consistent with `dueAt` whichever step the
 * dossier goes back to, and a step that had used half of its budget does not get it all again (which
 * re-planning the remaining steps from the current one would give).
 *
 * A retry after the transaction committed finds the pause closed and recomputes the same result from
 * its stored times.
 */
import { TOPICS } from '@motcua/common';
import { findDossier, lockDossier, systemEvent } from '../dossiers.js';
import { lastCompletedBy } from '../engine/officers.js';
import { PermanentTaskError } from '../engine/run-task.js';
import type { TopicWorker } from './topic-worker.js';
import { stepDueVariables } from './variables.js';

export const resumeAfterSupplement: TopicWorker = {
  topic: TOPICS.resumeAfterSupplement,
  // the step deadlines' names depend on the diagram
  variables: 'all',
  async handler(task, { db, engine, clock: currentClock, now }) {
    const clock = currentClock();
    const dossier = await findDossier(db, task);
    const resumedBy = await lastCompletedBy(engine, task.processInstanceId);
    const resumedAt = now();

    const { pause, dueAt } = await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      const open = await tx.clockPause.findFirst({
        where: { dossierId: current.id, resumedAt: null },
        orderBy: { pausedAt: 'desc' },
      });
      const pause = open
        ? await tx.clockPause.update({ where: { id: open.id }, data: { resumedAt, resumedBy } })
        : await tx.clockPause.findFirst({
            where: { dossierId: current.id, resumedAt: { not: null } },
            orderBy: { resumedAt: 'desc' },
          });
      if (!pause?.resumedAt) {
        throw new PermanentTaskError(`dossier ${current.code} has no clock pause to resume`);
      }
      const dueAt = clock.resumedDue(pause.resumedAt, pause.remainingWorkingMinutes);
      if (open) {
        await tx.dossier.update({
          where: { id: current.id },
          data: {
            dueAt,
            clockPausedAt: null,
            ...(current.status === 'awaiting_supplement' ? { status: 'in_progress' } : {}),
          },
        });
      }
      await systemEvent(tx, task, current.id, {
        type: 'supplement_received',
        data: {
          pausedAt: pause.pausedAt.toISOString(),
          resumedAt: pause.resumedAt.toISOString(),
          resumedBy: pause.resumedBy,
          pausedWorkingMinutes: clock.workingMinutesBetween(pause.pausedAt, pause.resumedAt),
          remainingWorkingMinutes: pause.remainingWorkingMinutes,
          dueAt: dueAt.toISOString(),
        },
      });
      return { pause: { ...pause, resumedAt: pause.resumedAt }, dueAt };
    });

    const shifted: Record<string, Date> = {};
    for (const [name, deadline] of stepDueVariables(task.variables)) {
      if (deadline <= pause.pausedAt) continue;
      shifted[name] = clock.resumedDue(pause.resumedAt, clock.remainingAt(deadline, pause.pausedAt));
    }
    return { dueAt, ...shifted };
  },
};
