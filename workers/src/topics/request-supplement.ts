/**
 * request-supplement: an officer found during processing that the dossier lacks something and chose
 * the outcome `request_supplement` with the missing items. The processing clock stops (docs/legal.md
 * §3, "pause for supplementation": the time the applicant takes does not count — Decree
 * 61/2018/NĐ-CP until 30/06/2025, Decree 118/2025/NĐ-CP from 01/07/2025; the arithmetic is the legal
 * clock's `remainingAt`/`resumedDue`): in one transaction, a
 * ClockPause row keeps the working minutes left to the appointment, the dossier waits as
 * awaiting_supplement, the event supplement_requested is written and the request listing every item
 * at once (as Mẫu 02) is queued to the applicant.
 *
 * A retry finds the open pause of the first run and writes nothing new: while the clock is paused the
 * process waits at receive-supplement, so an open pause can only be this request's.
 */
import { z } from 'zod';
import { TOPICS } from '@motcua/common';
import { queueToApplicant } from '@motcua/domain';
import { addressee, findDossier, lockDossier, systemEvent } from '../dossiers.js';
import { lastCompletedBy } from '../engine/officers.js';
import { PermanentTaskError } from '../engine/run-task.js';
import type { TopicWorker } from './topic-worker.js';
import { TextList } from './variables.js';

const Input = z.object({
  supplementItems: TextList,
});

export const requestSupplement: TopicWorker = {
  topic: TOPICS.requestSupplement,
  variables: Object.keys(Input.shape),
  async handler(task, { db, engine, clock: currentClock, now, publicBaseUrl }) {
    const input = Input.parse(task.variables);
    const clock = currentClock();
    const dossier = await findDossier(db, task);
    const requestedBy = await lastCompletedBy(engine, task.processInstanceId);
    const pausedAt = now();

    await db.$transaction(async (tx) => {
      const current = await lockDossier(tx, dossier.id);
      let pause = await tx.clockPause.findFirst({
        where: { dossierId: current.id, resumedAt: null },
        orderBy: { pausedAt: 'desc' },
      });
      if (!pause) {
        if (current.dueAt === null) {
          throw new PermanentTaskError(`dossier ${current.code} has no appointment: its clock cannot be paused`);
        }
        pause = await tx.clockPause.create({
          data: {
            dossierId: current.id,
            reason: 'supplement',
            items: input.supplementItems,
            requestedBy,
            pausedAt,
            // negative when already late: the dossier stays late by as much after the resume
            remainingWorkingMinutes: clock.remainingAt(current.dueAt, pausedAt),
          },
        });
        await tx.dossier.update({
          where: { id: current.id },
          data: { status: 'awaiting_supplement', clockPausedAt: pause.pausedAt },
        });
      }
      const items = z.array(z.string()).parse(pause.items);
      await systemEvent(tx, task, current.id, {
        type: 'supplement_requested',
        data: {
          supplementItems: items,
          requestedBy: pause.requestedBy,
          pausedAt: pause.pausedAt.toISOString(),
          remainingWorkingMinutes: pause.remainingWorkingMinutes,
        },
      });
      await queueToApplicant(
        tx,
        addressee(current),
        { kind: 'supplement_request', items, pausedAt: pause.pausedAt },
        { cause: pause.id, publicBaseUrl },
      );
    });
    return {};
  },
};
