/** The shape of one topic's worker, and what every handler is given to do its work. */
import type { Topic } from '@motcua/common';
import type { LegalClock } from '@motcua/common/calendar';
import type { EngineClient } from '@motcua/common/engine';
import type { Db } from '@motcua/db';
import type { ProcessDefinitions } from '../engine/process-definitions.js';
import type { CompletionVariables, ExternalTask, FetchedVariables } from '../engine/task-client.js';

/** A handler's collaborators, passed in so tests run the real handler against a real database and engine. */
export interface WorkerDeps {
  db: Db;
  /** The engine's REST API, for what a task does not carry (a definition's BPMN, who completed a task). */
  engine: EngineClient;
  /** The process steps and budgets of a definition, read from its BPMN once. */
  definitions: ProcessDefinitions;
  /** The legal clock with the holiday rows read last. */
  clock: () => LegalClock;
  now: () => Date;
  /** Base of the public status page, for the lookup link in messages. */
  publicBaseUrl?: string;
}

export interface TopicWorker {
  topic: Topic;
  /** Process variables to fetch with the task; 'all' when their names depend on the diagram (due_*). */
  variables: FetchedVariables;
  /** Does the work and returns the variables to complete the task with; throws to fail it. */
  handler(task: ExternalTask, deps: WorkerDeps): Promise<CompletionVariables>;
}
