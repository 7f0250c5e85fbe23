/**
 * remind-appraisal-overdue: the appraisal passed its deadline (the diagram's non-interrupting timer
 * fired); records it in the dossier's history so the specialist's leader sees it. The appraisal
 * itself goes on.
 */
import { z } from 'zod';
import { TOPICS } from '@motcua/common';
import { findDossier, systemEvent } from '../dossiers.js';
import type { TopicWorker } from './topic-worker.js';

const Input = z.object({
  appraisalDueAt: z.date(),
});

export const remindAppraisalOverdue: TopicWorker = {
  topic: TOPICS.remindAppraisalOverdue,
  variables: Object.keys(Input.shape),
  async handler(task, { db }) {
    const input = Input.parse(task.variables);
    const dossier = await findDossier(db, task);
    await systemEvent(db, task, dossier.id, {
      type: 'appraisal_overdue',
      data: { appraisalDueAt: input.appraisalDueAt.toISOString() },
    });
    return {};
  },
};
