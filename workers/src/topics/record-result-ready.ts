/**
 * record-result-ready: the leader approved; the result waits for the applicant. The dossier becomes
 * result_ready, the event result_ready is written and the applicant is told (SMS, and e-mail when
 * given) how the result reaches them, in one transaction.
 */
import { z } from 'zod';
import { TOPICS } from '@motcua/common';
import { findDossier, forMessage, lockDossier, systemEvent } from '../dossiers.js';
import { NOTIFICATION_KINDS, queueToApplicant, resultReadyMessage } from '../notifications/messages.js';
import type { TopicWorker } from './topic-worker.js';
import { DossierCode } from './variables.js';

const Input = z.object({ dossierCode: DossierCode });

export const recordResultReady: TopicWorker = {
  topic: TOPICS.recordResultReady,
  variables: Object.keys(Input.shape),
  async handler(task, { db, publicBaseUrl }) {
    const input = Input.parse(task.variables);
    const dossier = await findDossier(db, task, input.dossierCode);
    await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      if (current.status === 'received' || current.status === 'in_progress') {
        await tx.dossier.update({ where: { id: current.id }, data: { status: 'result_ready' } });
      }
      await systemEvent(tx, task, current.id, { type: 'result_ready' });
      await queueToApplicant(tx, forMessage(current), {
        kind: NOTIFICATION_KINDS.resultReady,
        cause: current.code,
        text: resultReadyMessage(forMessage(current), { delivery: current.resultDelivery, publicBaseUrl }),
      });
    });
    return {};
  },
};
