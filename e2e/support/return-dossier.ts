import { expect } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { USER_TASKS, type CompleteTask } from '@motcua/common';
import { claimTask, completeTask, forwardOutcome, nextOpenTask, type Officer } from './office-api.js';

/** More steps than any main path has: a path that loops (a send-back, say) fails instead of spinning. */
const MAX_STEPS = 12;

/**
 * Takes a received dossier along its main path to the return of its result by post, the officers of
 * its agency claiming and completing each task the work list offers, the way forward read from each
 * step's outcomes. No procedure or step is named.
 */
export async function takeToReturnByPost(
  request: APIRequestContext,
  officers: readonly Officer[],
  code: string,
  postalTrackingRef: string,
): Promise<void> {
  const done = new Set<string>();
  let returned = false;
  for (let step = 0; step < MAX_STEPS && !returned; step += 1) {
    const { officer, task } = await nextOpenTask(request, officers, code, done);
    const completion: CompleteTask = {};
    if (task.outcomes.length > 0) {
      const outcome = forwardOutcome(task.outcomes);
      expect(outcome, `${task.name} offers a way forward among ${task.outcomes.join(', ')}`).toBeDefined();
      completion.outcome = outcome;
    }
    if (task.taskDefinitionKey === USER_TASKS.returnResult) {
      completion.returnMethod = 'post';
      completion.postalTrackingRef = postalTrackingRef;
      returned = true;
    }
    await claimTask(request, officer, task);
    await completeTask(request, officer, task, completion);
    done.add(task.id);
  }
  expect(returned, `${code} reached its return step within ${MAX_STEPS} steps`).toBe(true);
}
