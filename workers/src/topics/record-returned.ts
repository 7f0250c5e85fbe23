/**
 * record-returned: the result was handed to the applicant; the dossier is finished. The finishing time
 * is what on-time statistics compare with the appointment (LEGAL.md section 3), so a retry keeps the
 * first one.
 */
import { z } from 'zod';
import { TOPICS } from '@motcua/common';
import { findDossier, systemEvent } from '../dossiers.js';
import type { TopicWorker } from './topic-worker.js';

const Input = z.object({
  dossierCode: z.string().min(1),
});

export const recordReturned: TopicWorker = {
  topic: TOPICS.recordReturned,
  variables: Object.keys(Input.shape),
  async handler(task, { db, now }) {
    const input = Input.parse(task.variables);
    const dossier = await findDossier(db, task, input.dossierCode);
    await db.$transaction([
      db.dossier.updateMany({
        where: { id: dossier.id, status: { not: 'returned' } },
        data: { status: 'returned', finishedAt: now() },
      }),
      systemEvent(db, task, dossier.id, { type: 'returned' }),
    ]);
    return {};
  },
};
