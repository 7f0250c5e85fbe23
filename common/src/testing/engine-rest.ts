/** Reads from the engine's REST API what the shared engine client does not expose (tests only). */
import type { TestEngine } from './test-engine.js';

type EngineAccess = Pick<TestEngine, 'url' | 'user' | 'password'>;

export async function engineGet<T>(engine: EngineAccess, path: string): Promise<T> {
  const response = await fetch(`${engine.url}${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`${engine.user}:${engine.password}`).toString('base64')}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export interface EngineVariableValue {
  type: string;
  value: unknown;
}

export function processVariables(engine: EngineAccess, processInstanceId: string) {
  return engineGet<Record<string, EngineVariableValue>>(
    engine,
    `/process-instance/${processInstanceId}/variables?deserializeValues=false`,
  );
}

export interface EngineExternalTask {
  id: string;
  activityId: string;
  topicName: string;
  workerId: string | null;
  retries: number | null;
  errorMessage: string | null;
}

export function externalTasks(engine: EngineAccess, processInstanceId: string) {
  return engineGet<EngineExternalTask[]>(engine, `/external-task?processInstanceId=${processInstanceId}`);
}

export function historicProcessInstance(engine: EngineAccess, processInstanceId: string) {
  return engineGet<{ id: string; state: string; endTime: string | null }>(
    engine,
    `/history/process-instance/${processInstanceId}`,
  );
}
