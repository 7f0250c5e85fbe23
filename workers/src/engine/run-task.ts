/**
 * How every external task ends: the handler's variables complete it, and any error (in the handler or
 * while completing) is reported as a failure with a retry budget, so a task is never left locked by a
 * swallowed exception. Handlers are idempotent, so running one again after a failure is safe.
 */
import { prettifyError, ZodError } from 'zod';
import { errorFields, type Logger } from '../logger.js';
import type { CompletionVariables, ExternalTask } from './task-client.js';

export interface RetryPolicy {
  /** Attempts before the task becomes an incident, the first one included. */
  retries: number;
  /** Wait before the engine hands a failed task out again. */
  retryTimeoutMs: number;
}

/** The body of the engine's POST /external-task/{id}/failure. */
export interface TaskFailure {
  errorMessage: string;
  errorDetails: string;
  /** Retries left; 0 raises an incident that an operator resolves. */
  retries: number;
  retryTimeout: number;
}

/** The two ways a task can end here, bound to one fetched task. */
export interface TaskOutcomeService {
  complete(variables: CompletionVariables): Promise<void>;
  handleFailure(failure: TaskFailure): Promise<void>;
}

/**
 * A fault that no retry will fix (e.g. a partner agency code that names no agency): the task goes to
 * an incident at once, for an operator to correct the data and retry it.
 */
export class PermanentTaskError extends Error {
  override name = 'PermanentTaskError';
}

/**
 * The failure report for `error`. The engine's retry count is null until a first failure, so the
 * policy's budget applies then; each failure uses one retry. Invalid process variables (a ZodError)
 * and a PermanentTaskError will not fix themselves: they go to an incident at once.
 */
export function failureFor(task: Pick<ExternalTask, 'retries'>, error: unknown, policy: RetryPolicy): TaskFailure {
  const permanent = error instanceof ZodError || error instanceof PermanentTaskError;
  const retries = permanent ? 0 : Math.max((task.retries ?? policy.retries) - 1, 0);
  const errorMessage =
    error instanceof ZodError
      ? `invalid process variables: ${prettifyError(error)}`
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  const errorDetails = error instanceof Error ? (error.stack ?? errorMessage) : errorMessage;
  return { errorMessage: errorMessage.slice(0, 600), errorDetails, retries, retryTimeout: policy.retryTimeoutMs };
}

/** Runs `handle` for `task` and ends the task in exactly one way: completed, or failed with a retry budget. */
export async function runTask(
  task: ExternalTask,
  handle: () => Promise<CompletionVariables>,
  service: TaskOutcomeService,
  policy: RetryPolicy,
  logger: Logger,
): Promise<'completed' | 'failed'> {
  const context = { topic: task.topicName, taskId: task.id, businessKey: task.businessKey };
  try {
    const variables = await handle();
    await service.complete(variables);
    logger.info(context, 'task completed');
    return 'completed';
  } catch (error) {
    const failure = failureFor(task, error, policy);
    logger.error({ ...context, ...errorFields(error), retriesLeft: failure.retries }, 'task failed');
    try {
      await service.handleFailure(failure);
    } catch (reportError) {
      // The lock then expires and the engine hands the task out again, which is safe: handlers are idempotent.
      logger.error({ ...context, ...errorFields(reportError) }, 'could not report the failure to the engine');
    }
    return 'failed';
  }
}
