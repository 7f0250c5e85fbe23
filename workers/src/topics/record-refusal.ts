/**
 * record-refusal: an officer refused the dossier during processing (outcome `refuse` with the
 * reasons). The dossier is finished as refused, with its reasons and finishing time (a refusal ends
 * the dossier for on-time statistics, docs/legal.md §5.1), the event refused is written and the
 * refusal with its reasons is queued to the applicant, all in one transaction. A retry keeps the
 * first finishing time.
 */
import { z } from 'zod';
import { TOPICS } from '@motcua/common';
import { isFinal, queueToApplicant } from '@motcua/domain';
import { addressee, findDossier, lockDossier, systemEvent } from '../dossiers.js';
import type { TopicWorker } from './topic-worker.js';

const Input = z.object({
  refusalReason: z.string().trim().min(1),
});

export const recordRefusal: TopicWorker = {
  topic: TOPICS.recordRefusal,
  variables: Object.keys(Input.shape),
  async handler(task, { db, now, publicBaseUrl }) {
    const input = Input.parse(task.variables);
    const dossier = await findDossier(db, task);
    await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      if (!isFinal(current.status)) {
        await tx.dossier.update({
          where: { id: current.id },
          data: { status: 'refused', refusalReason: input.refusalReason, finishedAt: now(), clockPausedAt: null },
        });
      }
      await systemEvent(tx, task, current.id, { type: 'refused', data: { refusalReason: input.refusalReason } });
      await queueToApplicant(
        tx,
        addressee(current),
        { kind: 'refusal', reason: input.refusalReason, atReception: false },
        { cause: current.code, publicBaseUrl },
      );
    });
    return {};
  },
};
