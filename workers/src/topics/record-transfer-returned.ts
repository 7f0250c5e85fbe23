/**
 * record-transfer-returned: the partner agency finished its part (partner-review completed) and the
 * dossier is back with the handling agency. In one transaction the open InterAgencyTransfer is
 * closed with who returned it and when, the dossier is in_progress again and the event
 * transfer_returned says whether the partner kept its own deadline. A retry finds the transfer closed
 * and writes nothing twice.
 */
import { TOPICS } from '@motcua/common';
import { findDossier, lockDossier, systemEvent } from '../dossiers.js';
import { lastCompletedBy } from '../engine/officers.js';
import type { TopicWorker } from './topic-worker.js';

export const recordTransferReturned: TopicWorker = {
  topic: TOPICS.recordTransferReturned,
  // the dossier is found by the task's process instance: no variable is needed
  variables: [],
  async handler(task, { db, engine, now }) {
    const dossier = await findDossier(db, task);
    const returnedBy = await lastCompletedBy(engine, task.processInstanceId);
    const returnedAt = now();

    await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      const open = await tx.interAgencyTransfer.findFirst({
        where: { dossierId: current.id, returnedAt: null },
        orderBy: { sentAt: 'desc' },
      });
      const transfer = open
        ? await tx.interAgencyTransfer.update({ where: { id: open.id }, data: { returnedAt, returnedBy } })
        : await tx.interAgencyTransfer.findFirst({
            where: { dossierId: current.id, returnedAt: { not: null } },
            orderBy: { returnedAt: 'desc' },
          });
      if (current.status === 'at_other_agency') {
        await tx.dossier.update({ where: { id: current.id }, data: { status: 'in_progress' } });
      }
      await systemEvent(tx, task, current.id, {
        type: 'transfer_returned',
        data: transfer?.returnedAt
          ? {
              returnedBy: transfer.returnedBy,
              returnedAt: transfer.returnedAt.toISOString(),
              dueAt: transfer.dueAt.toISOString(),
              onTime: transfer.returnedAt <= transfer.dueAt,
            }
          : {},
      });
    });
    return {};
  },
};
