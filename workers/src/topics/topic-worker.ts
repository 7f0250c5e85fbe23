/** The shape of one topic's worker, and what every handler is given to do its work. */
import type { Topic } from '@motcua/common';
import type { WorkingCalendar } from '@motcua/common/calendar';
import type { Db } from '@motcua/db';
import type { CompletionVariables, ExternalTask } from '../engine/task-client.js';

/** A handler's collaborators, passed in so tests run the real handler against a real database. */
export interface WorkerDeps {
  db: Db;
  calendar: WorkingCalendar;
  now: () => Date;
}

export interface TopicWorker {
  topic: Topic;
  /** Process variables to fetch with the task. */
  variables: readonly string[];
  /** Does the work and returns the variables to complete the task with; throws to fail it. */
  handler(task: ExternalTask, deps: WorkerDeps): Promise<CompletionVariables>;
}
