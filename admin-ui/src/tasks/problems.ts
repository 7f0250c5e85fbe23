import type { Task, TaskListProblem } from '@motcua/common';

/** One definition of the work list whose steps could not be read, as the notice above the list names it. */
export interface UnreadableProcess {
  processDefinitionId: string;
  /** The process key and version, from the engine's id `<key>:<version>:<uuid>`. */
  processKey: string;
  version: string | null;
  /** The procedures of this page's tasks that run on it, each once. */
  procedureNames: string[];
  /** How many tasks of this page run on it. */
  taskCount: number;
}

/**
 * The work list's `problems` joined with the tasks of the page, so the notice can name the procedure
 * an officer knows rather than the engine's definition id.
 */
export function unreadableProcesses(
  problems: readonly TaskListProblem[],
  tasks: readonly Pick<Task, 'id' | 'procedureName'>[],
): UnreadableProcess[] {
  return problems.map((problem) => {
    const [processKey = problem.processDefinitionId, version = null] = problem.processDefinitionId.split(':');
    const ids = new Set(problem.taskIds);
    const procedureNames = [...new Set(tasks.filter((task) => ids.has(task.id)).map((task) => task.procedureName))];
    return {
      processDefinitionId: problem.processDefinitionId,
      processKey,
      version: version && /^\d+$/.test(version) ? version : null,
      procedureNames,
      taskCount: problem.taskIds.length,
    };
  });
}
