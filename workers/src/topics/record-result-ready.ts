/** record-result-ready: the leader approved; the result waits at the one-stop unit for the applicant. */
import { z } from 'zod';
import { TOPICS } from '@motcua/common';
import { findDossier, systemEvent } from '../dossiers.js';
import type { TopicWorker } from './topic-worker.js';

const Input = z.object({
  dossierCode: z.string().min(1),
});

export const recordResultReady: TopicWorker = {
  topic: TOPICS.recordResultReady,
  variables: Object.keys(Input.shape),
  async handler(task, { db }) {
    const input = Input.parse(task.variables);
    const dossier = await findDossier(db, task, input.dossierCode);
    await db.$transaction([
      db.dossier.updateMany({
        where: { id: dossier.id, status: { in: ['received', 'in_progress'] } },
        data: { status: 'result_ready' },
      }),
      systemEvent(db, task, dossier.id, { type: 'result_ready' }),
    ]);
    return {};
  },
};
