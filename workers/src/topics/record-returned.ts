/**
 * record-returned: the result was handed to the applicant at the counter, sent by post or delivered
 * online; the dossier is finished. A result sent by post needs its postal tracking reference (the
 * server asks for it when return-result is completed; a task without it is an incident, not a
 * guess). The finishing time is what on-time statistics compare with the appointment (docs/legal.md
 * §3), so a retry keeps the first one.
 *
 * Process versions whose return-result did not ask for the method count as returned the way the
 * applicant registered at reception.
 */
import { z } from 'zod';
import { RESULT_DELIVERIES, TOPICS } from '@motcua/common';
import { findDossier, lockDossier, systemEvent } from '../dossiers.js';
import type { TopicWorker } from './topic-worker.js';

const Input = z.object({
  returnMethod: z.enum(RESULT_DELIVERIES).nullish(),
  /** An empty text counts as none. */
  postalTrackingRef: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().min(1).nullish()),
});

/** How the result left, once the method is known: by post only with its tracking reference. */
const Return = z
  .object({ returnMethod: z.enum(RESULT_DELIVERIES), postalTrackingRef: z.string().nullish() })
  .refine((value) => value.returnMethod !== 'post' || typeof value.postalTrackingRef === 'string', {
    path: ['postalTrackingRef'],
    message: 'is required when the result is returned by post',
  });

export const recordReturned: TopicWorker = {
  topic: TOPICS.recordReturned,
  variables: Object.keys(Input.shape),
  async handler(task, { db, now }) {
    const input = Input.parse(task.variables);
    const dossier = await findDossier(db, task);
    const { returnMethod: returnedVia, postalTrackingRef: givenRef } = Return.parse({
      returnMethod: input.returnMethod ?? dossier.resultDelivery,
      postalTrackingRef: input.postalTrackingRef,
    });
    const postalTrackingRef = returnedVia === 'post' ? (givenRef ?? null) : null;
    await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      if (current.status !== 'returned') {
        await tx.dossier.update({
          where: { id: current.id },
          data: { status: 'returned', returnedVia, postalTrackingRef, finishedAt: now() },
        });
      }
      await systemEvent(tx, task, current.id, {
        type: 'returned',
        data: { returnMethod: returnedVia, postalTrackingRef },
      });
    });
    return {};
  },
};
