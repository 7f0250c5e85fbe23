/**
 * Our one door to camunda-external-task-client-js: it builds the library's client with the settings it
 * lacks by default and gives the rest of the workers our own small types. What it adds:
 * - the worker's own id (the library's default is one constant for every worker);
 * - polling without a pause while the engine answers: the library waits `interval` after every poll,
 *   which capped a worker at `maxTasks` tasks per interval (500 ms: about 20 a second). Long polling
 *   already waits on the engine while nothing is due, so the pause is only taken while every handler
 *   slot is busy (a short one) or while the engine cannot be reached (a longer one);
 * - HTTP timeouts (the library sets none: a hung engine would hang a poll for ever) and Basic auth;
 * - every handler wrapped by `runTask`, because the library swallows a thrown error and leaves the
 *   task locked with no retry;
 * - a `stop()` that ends the long poll in flight and waits for running handlers.
 */
import {
  BasicAuthInterceptor,
  Client,
  Variables,
  type Interceptor,
  type LockedTask,
  type TaskService,
} from 'camunda-external-task-client-js';
import { errorFields, type Logger } from '../logger.js';
import { runTask, type RetryPolicy, type TaskOutcomeService } from './run-task.js';

/** A fetched and locked external task, with its variables already read. */
export interface ExternalTask {
  id: string;
  topicName: string;
  activityId: string;
  /** Unique per execution of the activity: what makes an event written by a retried task unique. */
  activityInstanceId: string;
  processInstanceId: string;
  /** The process definition version the instance runs on (its BPMN is immutable). */
  processDefinitionId: string;
  processDefinitionKey: string | null;
  businessKey: string | null;
  /** Retries left, null until a failure has been reported. */
  retries: number | null;
  /** Fetched variables: Date variables as Date, Json as parsed values. */
  variables: Record<string, unknown>;
}

/** Process variables a handler completes its task with (Date values become engine Date variables). */
export type CompletionVariables = Record<string, unknown>;

export type TaskHandler = (task: ExternalTask) => Promise<CompletionVariables>;

export interface TaskClientOptions {
  baseUrl: string;
  user: string;
  password: string;
  workerId: string;
  lockDurationMs: number;
  /** Long-polling wait of a fetch while no task is available. */
  pollTimeoutMs: number;
  maxTasks: number;
  retryPolicy: RetryPolicy;
  logger: Logger;
  /**
   * Runs after a task was completed (e.g. projecting the user tasks that followed, see
   * domain/src/open-tasks.ts). Its failure is logged and nothing else: the task is done.
   */
  afterComplete?: (task: ExternalTask) => Promise<void>;
}

/** Variables to fetch with a task: a list of names, or every variable visible to it. */
export type FetchedVariables = readonly string[] | 'all';

export interface TaskClient {
  subscribe(topic: string, variables: FetchedVariables, handler: TaskHandler): void;
  start(): void;
  /** Stops fetching, aborts the fetch in flight and waits (up to the lock duration) for running handlers. */
  stop(): Promise<void>;
}

/** Time an ordinary call (complete, failure) may take before it is abandoned. */
const REQUEST_TIMEOUT_MS = 10_000;
const FAILURE_LOG_INTERVAL_MS = 30_000;
/** Pause before the next poll while the engine cannot be reached. */
const UNREACHABLE_POLL_PAUSE_MS = 1_000;
/** Pause before asking again while every handler slot is busy. */
const BUSY_POLL_PAUSE_MS = 20;

export function createTaskClient(options: TaskClientOptions): TaskClient {
  const stopping = new AbortController();
  /** Timeouts for every call; the fetch (recognised by its `topics`) also ends when stopping. */
  const timeouts: Interceptor = (config) =>
    config.json && 'topics' in config.json
      ? { ...config, timeout: { request: options.pollTimeoutMs + REQUEST_TIMEOUT_MS }, signal: stopping.signal }
      : { ...config, timeout: { request: REQUEST_TIMEOUT_MS } };

  const client = new Client({
    baseUrl: options.baseUrl,
    workerId: options.workerId,
    maxTasks: options.maxTasks,
    maxParallelExecutions: options.maxTasks,
    interval: 0,
    lockDuration: options.lockDurationMs,
    asyncResponseTimeout: options.pollTimeoutMs,
    autoPoll: false,
    interceptors: [new BasicAuthInterceptor({ username: options.user, password: options.password }), timeouts],
  });

  let pollInFlight = false;
  /** While the engine is unreachable the client polls twice a second: log the outage, not every poll. */
  let failingSince: number | null = null;
  let lastFailureLog = 0;
  client.on('poll:start', () => {
    pollInFlight = true;
    // the library reads the interval right after this event, for the pause that follows this poll
    client.options.interval =
      failingSince !== null
        ? UNREACHABLE_POLL_PAUSE_MS
        : client.activeTasksCount >= options.maxTasks
          ? BUSY_POLL_PAUSE_MS
          : 0;
  });
  client.on('poll:success', () => {
    pollInFlight = false;
    if (failingSince !== null) {
      options.logger.info({ failedForMs: Date.now() - failingSince }, 'fetching external tasks works again');
      failingSince = null;
    }
  });
  client.on('poll:error', (error) => {
    pollInFlight = false;
    if (stopping.signal.aborted) return;
    failingSince ??= Date.now();
    if (Date.now() - lastFailureLog >= FAILURE_LOG_INTERVAL_MS) {
      lastFailureLog = Date.now();
      options.logger.warn({ err: { message: error.message } }, 'fetching external tasks failed; polling again');
    }
  });

  return {
    subscribe(topic, variables, handler) {
      client.subscribe(
        topic,
        variables === 'all' ? {} : { variables: [...variables] },
        async ({ task, taskService }) => {
          const ours = toExternalTask(task);
          const ended = await runTask(
            ours,
            () => handler(ours),
            outcomeService(task, taskService),
            options.retryPolicy,
            options.logger,
          );
          if (ended === 'completed' && options.afterComplete) {
            await options.afterComplete(ours).catch((error: unknown) => {
              options.logger.warn({ taskId: ours.id, ...errorFields(error) }, 'after-completion step failed');
            });
          }
        },
      );
    },
    start() {
      client.start();
    },
    async stop() {
      client.stop();
      stopping.abort();
      const deadline = Date.now() + options.lockDurationMs;
      while ((pollInFlight || client.activeTasksCount > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

function toExternalTask(task: LockedTask): ExternalTask {
  return {
    id: task.id,
    topicName: task.topicName,
    activityId: task.activityId,
    activityInstanceId: task.activityInstanceId,
    processInstanceId: task.processInstanceId,
    processDefinitionId: task.processDefinitionId,
    processDefinitionKey: task.processDefinitionKey,
    businessKey: task.businessKey,
    retries: task.retries ?? null,
    variables: task.variables.getAll(),
  };
}

function outcomeService(task: LockedTask, taskService: TaskService): TaskOutcomeService {
  return {
    complete: (variables) => taskService.complete(task, new Variables().setAll(variables)),
    handleFailure: (failure) => taskService.handleFailure(task, failure),
  };
}
