/**
 * record-refusal: an officer refused the dossier during processing (outcome `refuse` with the
 * reasons). The dossier is finished as refused, with its reasons and finishing time (a refusal ends
 * the dossier for on-time statistics, docs/legal.md §5.1), the event refused is written and the
 * refusal with its reasons is queued to the applicant, all in one transaction. A retry keeps the
 * first finishing time.
 */
import { z } from 'zod';
import { FINAL_STATUSES, TOPICS, type DossierStatus } from '@motcua/common';
import { findDossier, forMessage, lockDossier, systemEvent } from '../dossiers.js';
import { NOTIFICATION_KINDS, queueToApplicant, refusalMessage } from '../notifications/messages.js';
import type { TopicWorker } from './topic-worker.js';
import { DossierCode } from './variables.js';

const Input = z.object({
  dossierCode: DossierCode,
  refusalReason: z.string().trim().min(1),
});

export const recordRefusal: TopicWorker = {
  topic: TOPICS.recordRefusal,
  variables: Object.keys(Input.shape),
  async handler(task, { db, now, publicBaseUrl }) {
    const input = Input.parse(task.variables);
    const dossier = await findDossier(db, task, input.dossierCode);
    await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      if (!(FINAL_STATUSES as readonly DossierStatus[]).includes(current.status)) {
        await tx.dossier.update({
          where: { id: current.id },
          data: { status: 'refused', refusalReason: input.refusalReason, finishedAt: now(), clockPausedAt: null },
        });
      }
      await systemEvent(tx, task, current.id, { type: 'refused', data: { refusalReason: input.refusalReason } });
      await queueToApplicant(tx, forMessage(current), {
        kind: NOTIFICATION_KINDS.refusal,
        cause: current.code,
        text: refusalMessage(forMessage(current), { reason: input.refusalReason, publicBaseUrl }),
      });
    });
    return {};
  },
};
