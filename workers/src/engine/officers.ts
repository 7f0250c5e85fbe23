/**
 * Who is working on a dossier, as the engine knows it: the officer or group a dossier waits on now,
 * and the officer who completed the task that led to a worker's step.
 */
import type { EngineClient } from '@motcua/common/engine';

/** The dossier's current handler: each active user task with its assignee, or its candidate groups. */
export interface CurrentHandler {
  taskId: string;
  taskDefinitionKey: string;
  /** The officer who claimed the task, or null while it waits in its groups' queue. */
  assignee: string | null;
  /** Candidate groups, `<role>:<agency code>`. */
  candidateGroups: string[];
}

/** The active user tasks of a process instance and who handles each; empty when none is active. */
export async function currentHandlers(engine: EngineClient, processInstanceId: string): Promise<CurrentHandler[]> {
  const tasks = await engine.queryTasks({ processInstanceId });
  return Promise.all(
    tasks.map(async (task) => {
      const links = task.assignee ? [] : await engine.taskIdentityLinks(task.id);
      return {
        taskId: task.id,
        taskDefinitionKey: task.taskDefinitionKey,
        assignee: task.assignee,
        candidateGroups: links
          .filter((link) => link.type === 'candidate' && link.groupId)
          .map((link) => link.groupId as string),
      };
    }),
  );
}

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
