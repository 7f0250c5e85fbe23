/**
 * Drives process instances on the real engine over its REST API only, the way our workers and server
 * do: external tasks are fetched and locked by topic (worker id `test`) and completed with variables,
 * user tasks are completed with variables, timer jobs are executed by id.
 */
import { expect } from 'vitest';
import { readProcessSteps, stepDueVariable, type ProcessKey } from '@motcua/common';
import {
  createEngineClient,
  EngineError,
  toEngineVariables,
  type EngineClient,
  type EngineTask,
} from '@motcua/common/engine';
import { processVariables, type TestEngine } from '@motcua/common/testing';

export const WORKER_ID = 'test';
export const AGENCY = '000.00.17.H41';
/** The demo partner agency of the construction permit's inter-agency step (prisma seed). */
export const PARTNER_AGENCY = '000.08.17.H41';

export interface Instance {
  id: string;
  key: ProcessKey;
  businessKey: string;
}

export interface LockedExternalTask {
  id: string;
  activityId: string;
  topicName: string;
  variables: Record<string, { type: string; value: unknown }>;
}

/** Legal processing time in working days, as the catalogue gives it to the server (README.md tables). */
const PROCESSING_DAYS: Record<ProcessKey, number> = {
  'house-construction-permit': 15,
  'birth-registration': 0,
  'household-business-registration': 3,
};

let sequence = 0;

export function engineDriver(engine: TestEngine) {
  const client: EngineClient = createEngineClient({
    baseUrl: engine.url,
    user: engine.user,
    password: engine.password,
  });
  const authorization = `Basic ${Buffer.from(`${engine.user}:${engine.password}`).toString('base64')}`;

  async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${engine.url}${path}`, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new EngineError(`${method} ${path} → ${response.status}: ${text}`, response.status);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Starts a dossier's process with the variables the server sets at reception. */
  async function start(key: ProcessKey): Promise<Instance> {
    sequence += 1;
    const businessKey = `${AGENCY}-261127-${String(sequence).padStart(4, '0')}-${Date.now().toString(36)}`;
    const started = await client.startProcess(key, {
      businessKey,
      variables: {
        dossierCode: businessKey,
        procedureCode: key,
        agencyCode: AGENCY,
        receivedAt: new Date(),
        processingDays: PROCESSING_DAYS[key],
      },
    });
    return { id: started.id, key, businessKey };
  }

  /** Locks this instance's one open external task of `topic` and completes it with `variables`. */
  async function completeExternalTask(
    instance: Instance,
    topic: string,
    variables: Record<string, unknown> = {},
  ): Promise<LockedExternalTask> {
    const locked = await rest<LockedExternalTask[]>('POST', '/external-task/fetchAndLock', {
      workerId: WORKER_ID,
      maxTasks: 10,
      topics: [{ topicName: topic, lockDuration: 60_000, businessKey: instance.businessKey }],
    });
    expect(
      locked.map((task) => task.topicName),
      `one ${topic} task for ${instance.key}`,
    ).toEqual([topic]);
    const task = locked[0]!;
    await rest('POST', `/external-task/${task.id}/complete`, {
      workerId: WORKER_ID,
      variables: toEngineVariables(variables),
    });
    return task;
  }

  /** Completes compute-appointment as its worker does: one deadline per step of the diagram. */
  async function computeAppointment(instance: Instance, dueOf: (activityId: string) => Date = inDays(30)) {
    const { bpmn20Xml } = await client.latestDefinitionXml(instance.key);
    const deadlines = Object.fromEntries(
      readProcessSteps(bpmn20Xml, instance.key).map((step) => [
        stepDueVariable(step.activityId),
        dueOf(step.activityId),
      ]),
    );
    await completeExternalTask(instance, 'compute-appointment', { ...deadlines, dueAt: inDays(40)('') });
    return deadlines;
  }

  async function openTasks(instance: Instance): Promise<EngineTask[]> {
    return client.queryTasks({ processInstanceId: instance.id });
  }

  /** The instance's one open user task, which must be `taskDefinitionKey`. */
  async function theOpenTask(instance: Instance, taskDefinitionKey: string): Promise<EngineTask> {
    const tasks = await openTasks(instance);
    expect(
      tasks.map((task) => task.taskDefinitionKey),
      `open tasks of ${instance.key}`,
    ).toEqual([taskDefinitionKey]);
    return tasks[0]!;
  }

  async function completeUserTask(
    instance: Instance,
    taskDefinitionKey: string,
    variables: Record<string, unknown> = {},
  ) {
    const task = await theOpenTask(instance, taskDefinitionKey);
    await client.complete(task.id, variables);
    return task;
  }

  async function candidateGroups(task: EngineTask): Promise<string[]> {
    const links = await client.taskIdentityLinks(task.id);
    return links.filter((link) => link.type === 'candidate' && link.groupId).map((link) => link.groupId!);
  }

  /** Executes the timer job of a boundary event; the engine's own job executor may have been first. */
  async function fireTimer(instance: Instance, boundaryEventId: string): Promise<void> {
    const jobs = await rest<{ id: string }[]>(
      'GET',
      `/job?processInstanceId=${instance.id}&activityId=${encodeURIComponent(boundaryEventId)}&timers=true`,
    );
    // a timer already due may have been taken by the engine's job executor first: then it is gone
    for (const job of jobs) {
      try {
        await rest('POST', `/job/${job.id}/execute`);
      } catch (error) {
        if ((await timerJobs(instance, boundaryEventId)).some((left) => left.id === job.id)) throw error;
      }
    }
  }

  async function timerJobs(instance: Instance, boundaryEventId: string): Promise<{ id: string; dueDate: string }[]> {
    return rest<{ id: string; dueDate: string }[]>(
      'GET',
      `/job?processInstanceId=${instance.id}&activityId=${encodeURIComponent(boundaryEventId)}&timers=true`,
    );
  }

  /** Waits until this instance has an external task of `topic` (e.g. after a timer fired). */
  async function waitForExternalTask(instance: Instance, topic: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const tasks = await rest<{ activityId: string; topicName: string }[]>(
        'GET',
        `/external-task?processInstanceId=${instance.id}&topicName=${encodeURIComponent(topic)}`,
      );
      if (tasks.length > 0) return tasks;
      if (Date.now() > deadline) throw new Error(`no ${topic} task for ${instance.key} after 15 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function variables(instance: Instance) {
    return processVariables(engine, instance.id);
  }

  /** The end events the instance reached, in order, and whether it has ended. */
  async function ending(instance: Instance) {
    const activities = await client.historicActivities(instance.id);
    const history = await rest<{ state: string }>('GET', `/history/process-instance/${instance.id}`);
    return {
      state: history.state,
      endEvents: activities.filter((activity) => activity.activityType === 'noneEndEvent').map((a) => a.activityId),
    };
  }

  return {
    client,
    start,
    computeAppointment,
    completeExternalTask,
    openTasks,
    theOpenTask,
    completeUserTask,
    candidateGroups,
    fireTimer,
    timerJobs,
    waitForExternalTask,
    variables,
    ending,
  };
}

export type EngineDriver = ReturnType<typeof engineDriver>;

/** A deadline `days` days from now, whatever the step. */
export function inDays(days: number) {
  return (_activityId: string) => new Date(Date.now() + days * 86_400_000);
}
