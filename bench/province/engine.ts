/**
 * What the benchmark asks of the engine beyond the shared client: starting a process directly at a
 * user task (the fast path), counting what waits (timers, external tasks), and the intake baseline —
 * the same diagram under another key whose topics no worker takes.
 */
import { stepDueVariable, TOPICS, type ProcessStep } from '@motcua/common';
import type { LegalClock } from '@motcua/common/calendar';
import { createEngineClient, toEngineVariables, type EngineClient } from '@motcua/common/engine';
import type { EngineAccess } from './stack.js';

export function engineClient(access: EngineAccess): EngineClient {
  return createEngineClient({ baseUrl: access.url, user: access.user, password: access.password, timeoutMs: 60_000 });
}

/** A REST call to the engine; the JSON answer, or an error quoting the engine's. */
export async function engineCall<T>(access: EngineAccess, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${access.url}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${access.user}:${access.password}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`engine ${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * The variables compute-appointment leaves on a process (workers/src/topics/compute-appointment.ts):
 * the appointment `dueAt` and each step's deadline, never after the appointment.
 */
export function plannedVariables(
  clock: LegalClock,
  steps: readonly ProcessStep[],
  receivedAt: Date,
  processingDays: number,
): { dueAt: Date; variables: Record<string, Date> } {
  const dueAt = clock.appointment(receivedAt, processingDays);
  const planned = clock.planSteps(
    clock.countingStart(receivedAt),
    steps.map((step) => ({ id: step.activityId, budgetMinutes: clock.parseBudget(step.budget) })),
  );
  const deadlines = Object.fromEntries(
    planned.map((step) => [stepDueVariable(step.id), step.dueAt > dueAt ? dueAt : step.dueAt]),
  );
  return { dueAt, variables: { dueAt, ...deadlines } };
}

/**
 * Starts a process at `activityId` (the engine's start instructions: the start event and the
 * compute-appointment task are not run), with the variables the reception and compute-appointment
 * would have set.
 */
export async function startAt(
  access: EngineAccess,
  key: string,
  activityId: string,
  businessKey: string,
  variables: Record<string, unknown>,
): Promise<{ id: string; definitionId: string }> {
  return engineCall(access, 'POST', `/process-definition/key/${encodeURIComponent(key)}/start`, {
    businessKey,
    variables: toEngineVariables(variables),
    startInstructions: [{ type: 'startBeforeActivity', activityId }],
  });
}

/** How many timers are due now and how many external tasks of a topic wait: the engine's backlog. */
export async function backlog(access: EngineAccess, topic: string): Promise<{ dueTimers: number; externalTasks: number }> {
  const now = new Date(Date.now() + 1000).toISOString().replace('Z', '+0000');
  const [timers, tasks] = await Promise.all([
    engineCall<{ count: number }>(access, 'GET', `/job/count?timers=true&dueDates=lt_${encodeURIComponent(now)}&withRetriesLeft=true`),
    engineCall<{ count: number }>(access, 'GET', `/external-task/count?topicName=${encodeURIComponent(topic)}&notLocked=true`),
  ]);
  return { dueTimers: timers.count, externalTasks: tasks.count };
}

/** The process key of the intake baseline: birth registration, whose topics no worker takes. */
export const BASELINE_KEY = 'bench-birth-registration';

/**
 * The diagram of `key` deployed again under BASELINE_KEY with every external-task topic renamed, so
 * its instances stop at the first service task (compute-appointment) and stay there: what remains of
 * an intake is the engine's own start.
 */
export async function deployBaseline(engine: EngineClient, key: string): Promise<{ deploymentId: string }> {
  const { bpmn20Xml } = await engine.latestDefinitionXml(key);
  const topics = Object.values(TOPICS);
  const renamed = bpmn20Xml
    .replaceAll(`id="${key}"`, `id="${BASELINE_KEY}"`)
    .replaceAll(`bpmnElement="${key}"`, `bpmnElement="${BASELINE_KEY}"`)
    .replace(/camunda:topic="([^"]+)"/g, (match, topic: string) =>
      topics.includes(topic as (typeof topics)[number]) ? `camunda:topic="bench-unclaimed-${topic}"` : match,
    );
  const deployment = await engine.deploy({
    name: 'bench-baseline',
    source: 'bench/province',
    files: [{ fileName: `${BASELINE_KEY}.bpmn`, content: renamed }],
  });
  return { deploymentId: deployment.id };
}
