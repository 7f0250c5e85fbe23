/**
 * Who worked on a dossier, as the engine knows it: the officer who completed the task that led to a
 * worker's step. Who handles a dossier now is the domain's rule (@motcua/domain currentHandlers).
 */
import type { EngineClient } from '@motcua/common/engine';

/**
 * The officer who completed the user task that the process left last, e.g. the specialist whose
 * outcome `request_supplement` started request-supplement; `system` when no user task has ended.
 */
export async function lastCompletedBy(engine: EngineClient, processInstanceId: string): Promise<string> {
  const completed = (await engine.historicTasks(processInstanceId)).filter(
    (task) => task.deleteReason === 'completed' && task.endTime !== null,
  );
  const last = completed.reduce<(typeof completed)[number] | undefined>(
    (latest, task) =>
      latest === undefined || Date.parse(task.endTime!) >= Date.parse(latest.endTime!) ? task : latest,
    undefined,
  );
  return last?.assignee ?? 'system';
}
