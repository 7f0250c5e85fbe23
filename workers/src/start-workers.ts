/**
 * Builds the external-task client, subscribes every topic worker and starts fetching. After each
 * completed task the process instance's open user tasks are projected (domain/src/open-tasks.ts), so
 * the step that followed is in the work list at once.
 */
import { syncInstanceTasks } from '@motcua/domain';
import { createTaskClient, type TaskClient } from './engine/task-client.js';
import type { WorkerConfig } from './config.js';
import type { Logger } from './logger.js';
import { TOPIC_WORKERS, type TopicWorker, type WorkerDeps } from './topics/index.js';

export function startWorkers(options: {
  config: WorkerConfig;
  deps: WorkerDeps;
  logger: Logger;
  workers?: readonly TopicWorker[];
}): TaskClient {
  const { config, deps, logger } = options;
  const client = createTaskClient({
    baseUrl: config.ENGINE_URL,
    user: config.ENGINE_USER,
    password: config.ENGINE_PASSWORD,
    workerId: config.WORKER_ID,
    lockDurationMs: config.WORKER_LOCK_DURATION_MS,
    pollTimeoutMs: config.WORKER_POLL_TIMEOUT_MS,
    maxTasks: config.WORKER_MAX_TASKS,
    retryPolicy: { retries: config.WORKER_RETRIES, retryTimeoutMs: config.WORKER_RETRY_TIMEOUT_MS },
    logger,
    afterComplete: (task) => syncInstanceTasks(deps.db, deps.engine, task.processInstanceId),
  });
  for (const worker of options.workers ?? TOPIC_WORKERS) {
    client.subscribe(worker.topic, worker.variables, (task) => worker.handler(task, deps));
  }
  client.start();
  return client;
}
