/**
 * transfer-to-agency: an officer sent the dossier to a partner agency for its part (liên thông,
 * outcome `transfer` with `partnerAgencyCode`). The partner works within its own budget: the budget of
 * the diagram's partner step (user task `partner-review`), counted in working time from now (the
 * inter-agency split of the internal process, docs/legal.md §3). In one transaction: an
 * InterAgencyTransfer row with that deadline, the dossier at_other_agency, the event transferred.
 * The task completes with the partner step's deadline (`due_partner_review`) and the partner's
 * current code: an agency code retired by a merger resolves to its successor, whose officers get
 * the task (candidate group `specialist:${partnerAgencyCode}`).
 *
 * The dossier's own appointment does not move: the partner's time is part of the legal time. A retry
 * finds the open transfer of the first run.
 */
import { z } from 'zod';
import { TOPICS, USER_TASKS, stepDueVariable } from '@motcua/common';
import { resolveAgency } from '@motcua/db';
import { isFinal } from '@motcua/domain';
import { findDossier, lockDossier, systemEvent } from '../dossiers.js';
import { lastCompletedBy } from '../engine/officers.js';
import { PermanentTaskError } from '../engine/run-task.js';
import type { TopicWorker } from './topic-worker.js';

const Input = z.object({
  partnerAgencyCode: z.string().trim().min(1),
});

export const transferToAgency: TopicWorker = {
  topic: TOPICS.transferToAgency,
  variables: Object.keys(Input.shape),
  async handler(task, { db, engine, definitions, clock: currentClock, now }) {
    const input = Input.parse(task.variables);
    const clock = currentClock();
    const partnerStep = (await definitions.steps(task)).find((step) => step.activityId === USER_TASKS.partnerReview);
    if (!partnerStep) {
      throw new PermanentTaskError(`the diagram has no step ${USER_TASKS.partnerReview} with a budget`);
    }
    const partner = await resolveAgency(db, input.partnerAgencyCode);
    if (!partner) throw new PermanentTaskError(`partner agency ${input.partnerAgencyCode} does not exist`);
    const dossier = await findDossier(db, task);
    const sentBy = await lastCompletedBy(engine, task.processInstanceId);
    const sentAt = now();

    const transfer = await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      const transfer =
        (await tx.interAgencyTransfer.findFirst({
          where: { dossierId: current.id, returnedAt: null },
          orderBy: { sentAt: 'desc' },
        })) ??
        (await tx.interAgencyTransfer.create({
          data: {
            dossierId: current.id,
            toAgencyId: partner.id,
            sentBy,
            sentAt,
            dueAt: clock.addWorkingMinutes(sentAt, clock.parseBudget(partnerStep.budget)),
          },
        }));
      if (!isFinal(current.status)) {
        await tx.dossier.update({ where: { id: current.id }, data: { status: 'at_other_agency' } });
      }
      await systemEvent(tx, task, current.id, {
        type: 'transferred',
        data: {
          partnerAgencyCode: partner.code,
          requestedAgencyCode: input.partnerAgencyCode,
          sentBy: transfer.sentBy,
          sentAt: transfer.sentAt.toISOString(),
          dueAt: transfer.dueAt.toISOString(),
          budget: partnerStep.budget,
        },
      });
      return transfer;
    });
    return { partnerAgencyCode: partner.code, [stepDueVariable(partnerStep.activityId)]: transfer.dueAt };
  },
};
