/**
 * Fetches and locks an external task over the engine's REST API, as a worker would, so a test can
 * run a real handler on a real task as often as a retry would (the topic workers are not subscribed
 * in such a test file).
 */
import { toEngineVariables } from '@motcua/common/engine';
import type { ExternalTask } from '../../src/engine/task-client.js';
import { eventually } from './dossiers.js';

type EngineAccess = { url: string; user: string; password: string };

const WORKER_ID = `motcua-test-locker-${process.pid}`;

async function post<T>(engine: EngineAccess, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${engine.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${engine.user}:${engine.password}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface LockedTask extends Omit<ExternalTask, 'variables' | 'retries'> {
  retries: number | null;
  variables: Record<string, { type: string; value: unknown }>;
}

/** The engine's typed values as the worker library hands them over: Date and Json parsed. */
function readVariables(variables: LockedTask['variables']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, { type, value }]) => {
      if (type === 'Date' && typeof value === 'string') return [name, new Date(value)];
      if (type === 'Json' && typeof value === 'string') return [name, JSON.parse(value) as unknown];
      return [name, value];
    }),
  );
}

/** Waits for the task of `topic` of the dossier `businessKey` and locks it for this test. */
export async function lockExternalTask(
  engine: EngineAccess,
  topic: string,
  businessKey: string,
): Promise<ExternalTask> {
  const task = await eventually(async () => {
    const [locked] = await post<LockedTask[]>(engine, '/external-task/fetchAndLock', {
      workerId: WORKER_ID,
      maxTasks: 1,
      topics: [{ topicName: topic, lockDuration: 300_000, businessKey }],
    });
    return locked;
  }, `external task ${topic} of ${businessKey}`);
  return { ...task, variables: readVariables(task.variables) };
}

/** Completes a locked task with the variables its handler returned. */
export async function completeExternalTask(
  engine: EngineAccess,
  task: ExternalTask,
  variables: Record<string, unknown>,
) {
  await post(engine, `/external-task/${task.id}/complete`, {
    workerId: WORKER_ID,
    variables: toEngineVariables(variables),
  });
}
