/**
 * What the engine's history says happened (ACT_HI_* over the REST API), and small counting helpers
 * for the facts the test asserts. The engine database is fresh, so every row belongs to the load.
 */
import { engineGet } from '@motcua/common/testing';

type EngineAccess = Parameters<typeof engineGet>[0];

/** One row of ACT_HI_JOB_LOG: a timer job created, executed (success), failed or deleted. */
export interface JobLogEntry {
  jobId: string;
  timestamp: string;
  jobDefinitionType: string;
  activityId: string;
  processInstanceId: string;
  /** The `hostname` of the node that wrote the entry. */
  hostname: string;
  creationLog: boolean;
  successLog: boolean;
  failureLog: boolean;
  deletionLog: boolean;
}

/** One row of ACT_HI_EXT_TASK_LOG. */
export interface ExternalTaskLogEntry {
  externalTaskId: string;
  topicName: string;
  activityId: string;
  processInstanceId: string;
  creationLog: boolean;
  successLog: boolean;
  failureLog: boolean;
  deletionLog: boolean;
}

export interface HistoricTask {
  id: string;
  taskDefinitionKey: string;
  processInstanceId: string;
  endTime: string | null;
  deleteReason: string | null;
}

export interface HistoricActivity {
  activityId: string;
  activityType: string;
  processInstanceId: string;
  endTime: string | null;
  canceled: boolean;
}

export interface HistoricProcess {
  id: string;
  businessKey: string;
  state: string;
  endTime: string | null;
}

export interface EngineHistory {
  processes: HistoricProcess[];
  activities: HistoricActivity[];
  tasks: HistoricTask[];
  jobLog: JobLogEntry[];
  externalTaskLog: ExternalTaskLogEntry[];
}

export async function readHistory(engine: EngineAccess): Promise<EngineHistory> {
  const [processes, activities, tasks, jobLog, externalTaskLog] = await Promise.all([
    engineGet<HistoricProcess[]>(engine, '/history/process-instance'),
    engineGet<HistoricActivity[]>(engine, '/history/activity-instance'),
    engineGet<HistoricTask[]>(engine, '/history/task'),
    engineGet<JobLogEntry[]>(engine, '/history/job-log'),
    engineGet<ExternalTaskLogEntry[]>(engine, '/history/external-task-log'),
  ]);
  return { processes, activities, tasks, jobLog, externalTaskLog };
}

/** How many items fall under each key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** The keys counted other than `expected` times: empty when every key occurs exactly that often. */
export function notExactly(counts: Map<string, number>, expected: number): [string, number][] {
  return [...counts].filter(([, count]) => count !== expected);
}

/** The engine's `yyyy-MM-dd'T'HH:mm:ss.SSSZ` as milliseconds; never NaN, so no comparison holds by accident. */
export function instantOf(text: string | null): number {
  const milliseconds = text === null ? Number.NaN : Date.parse(text);
  if (Number.isNaN(milliseconds)) throw new Error(`not an instant: ${text}`);
  return milliseconds;
}
