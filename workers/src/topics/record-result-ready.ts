/**
 * record-result-ready: the leader approved; the result waits for the applicant. A dossier whose clock
 * runs becomes result_ready (processing is over: it is no longer at risk, @motcua/domain's phases),
 * the event result_ready is written and the applicant is told (SMS, and e-mail when given) how the
 * result reaches them, in one transaction.
 */
import { TOPICS } from '@motcua/common';
import { isRunning, queueToApplicant } from '@motcua/domain';
import { addressee, findDossier, lockDossier, systemEvent } from '../dossiers.js';
import type { TopicWorker } from './topic-worker.js';

export const recordResultReady: TopicWorker = {
  topic: TOPICS.recordResultReady,
  // the dossier is found by the task's process instance: no variable is needed
  variables: [],
  async handler(task, { db, publicBaseUrl }) {
    const dossier = await findDossier(db, task);
    await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      if (isRunning(current.status)) {
        await tx.dossier.update({ where: { id: current.id }, data: { status: 'result_ready' } });
      }
      await systemEvent(tx, task, current.id, { type: 'result_ready' });
      await queueToApplicant(
        tx,
        addressee(current),
        { kind: 'result_ready', delivery: current.resultDelivery },
        { cause: current.code, publicBaseUrl },
      );
    });
    return {};
  },
};
