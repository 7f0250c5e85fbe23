import { toEngineDate, toEngineVariables } from './engine-variables.js';

/**
 * The one way our code talks to the BPMN engine: its REST API (Camunda 7 compatible), so the engine
 * stays swappable. Every call has a timeout, sends HTTP Basic credentials and turns a non-2xx answer
 * into an EngineError carrying the engine's status and message.
 */
export interface EngineConfig {
  /** e.g. http://127.0.0.1:8080/engine-rest */
  baseUrl: string;
  user: string;
  password: string;
  timeoutMs?: number;
}

export class EngineError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly engineType?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export interface EngineTask {
  id: string;
  name: string | null;
  assignee: string | null;
  created: string;
  due: string | null;
  followUp: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionId: string;
  description: string | null;
}

export interface EngineIdentityLink {
  userId: string | null;
  groupId: string | null;
  type: string;
}

export interface EngineProcessDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
}

export interface EngineProcessInstance {
  id: string;
  definitionId: string;
  businessKey: string | null;
  ended: boolean;
}

/** A process instance as the history keeps it, running or ended. */
export interface EngineHistoricProcessInstance {
  id: string;
  businessKey: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  startTime: string;
  endTime: string | null;
  /** ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED or INTERNALLY_TERMINATED. */
  state: string;
  deleteReason: string | null;
}

/** An external task, as the engine lists it (not fetched: nothing is locked by reading it). */
export interface EngineExternalTask {
  id: string;
  topicName: string;
  workerId: string | null;
  lockExpirationTime: string | null;
  processInstanceId: string;
}

export interface EngineHistoricActivity {
  id: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  assignee: string | null;
  taskId: string | null;
  startTime: string;
  endTime: string | null;
  durationInMillis: number | null;
  canceled: boolean;
}

/** A user task as the history keeps it, open or ended: who held it, when, and its due date at the time. */
export interface EngineHistoricTaskInstance {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  assignee: string | null;
  startTime: string;
  endTime: string | null;
  due: string | null;
  deleteReason: string | null;
}

/** One entry of the engine's user operation log (only the fields we read). */
export interface EngineUserOperation {
  id: string;
  /** Entries written by one operation share it (one per property changed). */
  operationId: string;
  taskId: string | null;
  /** Claim, Assign, Complete, Delete, SetOwner… */
  operationType: string;
  /** Task, ProcessInstance… */
  entityType: string;
  /** The property changed, e.g. `assignee`. */
  property: string | null;
  orgValue: string | null;
  newValue: string | null;
  timestamp: string;
}

export interface EngineDeployment {
  id: string;
  name: string | null;
  deploymentTime: string;
  deployedProcessDefinitions: Record<string, EngineProcessDefinition> | null;
}

/** A condition on a process variable in a task query; dates are compared as dates. */
export interface EngineVariableCondition {
  name: string;
  operator: 'eq' | 'neq' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'like';
  value: string | number | boolean;
}

/** Task query body of POST /task; only the fields we use. */
export interface EngineTaskQuery {
  candidateGroups?: string[];
  /** With candidateGroups: also the tasks someone holds (by default only unassigned ones match). */
  includeAssignedTasks?: boolean;
  assignee?: string;
  unassigned?: boolean;
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  taskDefinitionKey?: string;
  taskDefinitionKeyIn?: string[];
  taskDefinitionKeyNotIn?: string[];
  /** Tasks created after this instant (engine date, see toEngineDate). */
  createdAfter?: string;
  processVariables?: EngineVariableCondition[];
  /** Each entry is a query whose conditions are OR-ed; the result must match all entries and the rest. */
  orQueries?: Omit<EngineTaskQuery, 'orQueries' | 'sorting'>[];
  sorting?: { sortBy: string; sortOrder: 'asc' | 'desc' }[];
}

/** One instruction of a migration plan: what an activity of the source version becomes in the target. */
export interface EngineMigrationInstruction {
  sourceActivityIds: string[];
  targetActivityIds: string[];
  updateEventTrigger?: boolean;
}

/** A migration plan from one process definition version to another (POST /migration/generate). */
export interface EngineMigrationPlan {
  sourceProcessDefinitionId: string;
  targetProcessDefinitionId: string;
  instructions: EngineMigrationInstruction[];
}

/** What the engine found wrong with each instruction of a plan (POST /migration/validate). */
export interface EngineMigrationPlanReport {
  instructionReports: { instruction: EngineMigrationInstruction; failures: string[] }[];
}

/** How many activity instances of a definition's running processes sit at one activity. */
export interface EngineActivityStatistics {
  /** The activity id. */
  id: string;
  instances: number;
}

/** A variable of a running process instance, its value left serialized. */
export interface EngineVariableInstance {
  name: string;
  processInstanceId: string;
}

export type EngineClient = ReturnType<typeof createEngineClient>;

/** The fields PUT /task/{id} takes besides `due`; each one it is not given is cleared. */
const TASK_UPDATE_FIELDS = [
  'name',
  'description',
  'priority',
  'assignee',
  'owner',
  'delegationState',
  'followUp',
  'parentTaskId',
  'caseInstanceId',
  'tenantId',
] as const;

export function createEngineClient(config: EngineConfig) {
  const authorization = `Basic ${Buffer.from(`${config.user}:${config.password}`).toString('base64')}`;
  const timeoutMs = config.timeoutMs ?? 10_000;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const isForm = body instanceof FormData;
    const response = await fetch(`${config.baseUrl}${path}`, {
      method,
      headers: {
        authorization,
        accept: 'application/json',
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      let type: string | undefined;
      try {
        const parsed = JSON.parse(text) as { message?: string; type?: string };
        message = parsed.message ?? text;
        type = parsed.type;
      } catch {
        // a non-JSON error body (e.g. from a proxy) is reported as it is
      }
      throw new EngineError(`${method} ${path} → ${response.status}: ${message}`, response.status, type);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    /** True when the engine answers an authenticated request. */
    async isUp(): Promise<boolean> {
      try {
        await call('GET', '/engine');
        return true;
      } catch {
        return false;
      }
    },

    /** Deploys BPMN files; unchanged files are not redeployed, so deploying twice is harmless. */
    deploy(input: { name: string; source: string; files: { fileName: string; content: string }[] }) {
      const form = new FormData();
      form.set('deployment-name', input.name);
      form.set('deployment-source', input.source);
      form.set('enable-duplicate-filtering', 'true');
      form.set('deploy-changed-only', 'true');
      for (const file of input.files) {
        form.set(file.fileName, new Blob([file.content], { type: 'application/xml' }), file.fileName);
      }
      return call<EngineDeployment>('POST', '/deployment/create', form);
    },

    latestDefinition(key: string) {
      return call<EngineProcessDefinition>('GET', `/process-definition/key/${encodeURIComponent(key)}`);
    },

    async latestDefinitionXml(key: string): Promise<{ id: string; bpmn20Xml: string }> {
      return call('GET', `/process-definition/key/${encodeURIComponent(key)}/xml`);
    },

    /**
     * One process definition version, with its key. A definition id is opaque: the engine makes it
     * `key:version:uuid` only while that fits in 64 characters, so the key is read here, never parsed.
     */
    definition(id: string) {
      return call<EngineProcessDefinition>('GET', `/process-definition/${encodeURIComponent(id)}`);
    },

    /** Every deployed version of a process key, newest first; empty for a key never deployed. */
    definitionsOf(key: string) {
      const query = new URLSearchParams({ key, sortBy: 'version', sortOrder: 'desc' });
      return call<EngineProcessDefinition[]>('GET', `/process-definition?${query.toString()}`);
    },

    /** The BPMN XML of one process definition version (immutable: safe to cache by id). */
    definitionXml(id: string): Promise<{ id: string; bpmn20Xml: string }> {
      return call('GET', `/process-definition/${encodeURIComponent(id)}/xml`);
    },

    startProcess(key: string, input: { businessKey: string; variables: Record<string, unknown> }) {
      return call<EngineProcessInstance>('POST', `/process-definition/key/${encodeURIComponent(key)}/start`, {
        businessKey: input.businessKey,
        variables: toEngineVariables(input.variables),
      });
    },

    /** Running instances of a process with a business key (our dossier code). */
    processInstances(query: { businessKey: string; processDefinitionKey: string }) {
      const params = new URLSearchParams(query);
      return call<EngineProcessInstance[]>('GET', `/process-instance?${params.toString()}`);
    },

    /**
     * Deletes a running process instance without running its listeners or input/output mappings,
     * for an instance that must not have run at all (e.g. its dossier was not stored). An instance
     * that no longer exists counts as deleted.
     */
    deleteProcessInstance(id: string) {
      const params = new URLSearchParams({
        skipCustomListeners: 'true',
        skipIoMappings: 'true',
        failIfNotExists: 'false',
      });
      return call<void>('DELETE', `/process-instance/${encodeURIComponent(id)}?${params.toString()}`);
    },

    /**
     * Cancels running process instances with a reason that the engine's history keeps (the
     * historic instance's deleteReason). The engine does it asynchronously, as a batch; poll
     * `runningProcessInstance` to know when it is done. Listeners run as on any cancellation.
     */
    cancelProcessInstances(input: { processInstanceIds: string[]; deleteReason: string }) {
      return call<{ id: string }>('POST', '/process-instance/delete', {
        processInstanceIds: input.processInstanceIds,
        deleteReason: input.deleteReason,
        skipSubprocesses: false,
      });
    },

    /**
     * Process instances from the history, running or ended, one page at a time in the order of their
     * ids, or with `inStartOrder` of their start (ties in the order of their ids); `unfinished` keeps
     * the running ones, `startedBefore` and `startedAfter` those started at or before, at or after an
     * instant (the engine compares both inclusively).
     */
    historicProcessInstances(
      query: {
        processInstanceIds?: string[];
        processDefinitionKeyIn?: string[];
        unfinished?: boolean;
        startedBefore?: Date;
        startedAfter?: Date;
        inStartOrder?: boolean;
      },
      page: { firstResult?: number; maxResults?: number } = {},
    ) {
      const params = new URLSearchParams({
        firstResult: String(page.firstResult ?? 0),
        maxResults: String(page.maxResults ?? 1000),
      });
      const { startedBefore, startedAfter, inStartOrder, ...rest } = query;
      return call<EngineHistoricProcessInstance[]>('POST', `/history/process-instance?${params.toString()}`, {
        ...rest,
        ...(startedBefore ? { startedBefore: toEngineDate(startedBefore) } : {}),
        ...(startedAfter ? { startedAfter: toEngineDate(startedAfter) } : {}),
        sorting: [
          ...(inStartOrder ? [{ sortBy: 'startTime', sortOrder: 'asc' }] : []),
          { sortBy: 'instanceId', sortOrder: 'asc' },
        ],
      });
    },

    /** The external tasks a worker holds locked now (by the worker id it fetched them with). */
    lockedExternalTasks(workerId: string, page: { maxResults?: number } = {}) {
      const params = new URLSearchParams({
        workerId,
        locked: 'true',
        maxResults: String(page.maxResults ?? 1000),
      });
      return call<EngineExternalTask[]>('GET', `/external-task?${params.toString()}`);
    },

    /** Releases the lock of an external task at once, so any worker may fetch it again. */
    unlockExternalTask(id: string) {
      return call<void>('POST', `/external-task/${encodeURIComponent(id)}/unlock`);
    },

    /** A running process instance, or null once it has ended or was deleted. */
    async runningProcessInstance(id: string): Promise<EngineProcessInstance | null> {
      const params = new URLSearchParams({ processInstanceIds: id });
      const [instance] = await call<EngineProcessInstance[]>('GET', `/process-instance?${params.toString()}`);
      return instance ?? null;
    },

    queryTasks(query: EngineTaskQuery, page: { firstResult?: number; maxResults?: number } = {}) {
      const params = new URLSearchParams({
        firstResult: String(page.firstResult ?? 0),
        maxResults: String(page.maxResults ?? 200),
      });
      return call<EngineTask[]>('POST', `/task?${params.toString()}`, query);
    },

    /** How many tasks match the query (the same body as queryTasks, without sorting). */
    async countTasks(query: Omit<EngineTaskQuery, 'sorting'>): Promise<number> {
      return (await call<{ count: number }>('POST', '/task/count', query)).count;
    },

    getTask(id: string) {
      return call<EngineTask>('GET', `/task/${encodeURIComponent(id)}`);
    },

    taskIdentityLinks(id: string) {
      return call<EngineIdentityLink[]>('GET', `/task/${encodeURIComponent(id)}/identity-links`);
    },

    claim(id: string, userId: string) {
      return call<void>('POST', `/task/${encodeURIComponent(id)}/claim`, { userId });
    },

    unclaim(id: string) {
      return call<void>('POST', `/task/${encodeURIComponent(id)}/unclaim`);
    },

    complete(id: string, variables: Record<string, unknown>) {
      return call<void>('POST', `/task/${encodeURIComponent(id)}/complete`, {
        variables: toEngineVariables(variables),
      });
    },

    /** Executed steps in the order they happened; `occurrence` orders steps that began in the same millisecond. */
    historicActivities(processInstanceId: string) {
      return call<EngineHistoricActivity[]>('POST', '/history/activity-instance', {
        processInstanceId,
        sorting: [
          { sortBy: 'startTime', sortOrder: 'asc' },
          { sortBy: 'occurrence', sortOrder: 'asc' },
        ],
      });
    },

    /**
     * User tasks that ended (completed, cancelled or deleted with their process) after an instant,
     * in the order they ended; one page of them.
     */
    endedTasks(after: Date, page: { firstResult: number; maxResults: number }) {
      const params = new URLSearchParams({
        finishedAfter: toEngineDate(after),
        sortBy: 'endTime',
        sortOrder: 'asc',
        firstResult: String(page.firstResult),
        maxResults: String(page.maxResults),
      });
      return call<EngineHistoricTaskInstance[]>('GET', `/history/task?${params.toString()}`);
    },

    /** Every user task of a process instance, open and ended, in the order they were created. */
    historicTasks(processInstanceId: string) {
      const params = new URLSearchParams({
        processInstanceId,
        sortBy: 'startTime',
        sortOrder: 'asc',
        maxResults: '1000',
      });
      return call<EngineHistoricTaskInstance[]>('GET', `/history/task?${params.toString()}`);
    },

    /**
     * The engine's user operation log of a process instance, oldest first: each claim, assignment,
     * completion or cancellation, with the task it was done to and the values it changed.
     */
    historicUserOperations(processInstanceId: string) {
      const params = new URLSearchParams({
        processInstanceId,
        sortBy: 'timestamp',
        sortOrder: 'asc',
        maxResults: '5000',
      });
      return call<EngineUserOperation[]>('GET', `/history/user-operation?${params.toString()}`);
    },

    /** The variables of a running process instance, values as the engine stores them (dates as strings). */
    processVariables(processInstanceId: string) {
      return call<Record<string, { type: string; value: unknown }>>(
        'GET',
        `/process-instance/${encodeURIComponent(processInstanceId)}/variables?deserializeValues=false`,
      );
    },

    /** Sets (creates or overwrites) variables of a running process instance. */
    setProcessVariables(processInstanceId: string, variables: Record<string, unknown>) {
      return call<void>('POST', `/process-instance/${encodeURIComponent(processInstanceId)}/variables`, {
        modifications: toEngineVariables(variables),
      });
    },

    /**
     * Moves the due date of an open task. The engine's PUT /task replaces every field it takes, so
     * the task is read first and written back whole with the new due date.
     */
    async setTaskDue(id: string, due: Date) {
      const task = await call<Record<string, unknown>>('GET', `/task/${encodeURIComponent(id)}`);
      const body = Object.fromEntries(TASK_UPDATE_FIELDS.map((field) => [field, task[field] ?? null]));
      return call<void>('PUT', `/task/${encodeURIComponent(id)}`, { ...body, due: toEngineDate(due) });
    },

    /** Renames an open task (a migration keeps the name the old version gave it); written back whole, as setTaskDue. */
    async setTaskName(id: string, name: string) {
      const task = await call<Record<string, unknown>>('GET', `/task/${encodeURIComponent(id)}`);
      const body = Object.fromEntries(TASK_UPDATE_FIELDS.map((field) => [field, task[field] ?? null]));
      return call<void>('PUT', `/task/${encodeURIComponent(id)}`, { ...body, name, due: task.due ?? null });
    },

    /** Timer jobs of a process instance (boundary and intermediate timers) with their due dates. */
    timerJobs(processInstanceId: string) {
      const params = new URLSearchParams({ processInstanceId, timers: 'true' });
      return call<{ id: string; dueDate: string | null }[]>('GET', `/job?${params.toString()}`);
    },

    /** The candidate groups a task was ever offered to (the history keeps them after the task ended). */
    async historicCandidateGroups(taskId: string): Promise<string[]> {
      const params = new URLSearchParams({ taskId, type: 'candidate' });
      const log = await call<{ groupId: string | null; operationType: string }[]>(
        'GET',
        `/history/identity-link-log?${params.toString()}`,
      );
      return [
        ...new Set(log.flatMap((entry) => (entry.operationType === 'add' && entry.groupId ? [entry.groupId] : []))),
      ];
    },

    /**
     * The engine's migration plan between two versions: an instruction for every activity of the
     * source that has a counterpart of the same id, type and place in the target. Event triggers
     * (timers, messages) of mapped events follow the target's definition.
     */
    generateMigrationPlan(sourceProcessDefinitionId: string, targetProcessDefinitionId: string) {
      return call<EngineMigrationPlan>('POST', '/migration/generate', {
        sourceProcessDefinitionId,
        targetProcessDefinitionId,
        updateEventTriggers: true,
      });
    },

    /** The engine's validation of a plan, instruction by instruction (instances are checked on execution). */
    validateMigrationPlan(plan: EngineMigrationPlan) {
      return call<EngineMigrationPlanReport>('POST', '/migration/validate', plan);
    },

    /**
     * Migrates the given process instances with a plan, synchronously and all or nothing: the engine
     * refuses the whole call (400) when one instance cannot follow the plan. No listener or I/O
     * mapping runs (the policy allows none).
     */
    executeMigration(plan: EngineMigrationPlan, processInstanceIds: readonly string[]) {
      return call<void>('POST', '/migration/execute', {
        migrationPlan: plan,
        processInstanceIds,
        skipCustomListeners: true,
        skipIoMappings: true,
      });
    },

    /** Per activity of a definition, the activity instances of its running processes there now. */
    activityStatistics(definitionId: string) {
      return call<EngineActivityStatistics[]>(
        'GET',
        `/process-definition/${encodeURIComponent(definitionId)}/statistics`,
      );
    },

    /** The running instances of a definition that have an activity instance at one of `activityIds`. */
    processInstancesAt(definitionId: string, activityIds: readonly string[], page: { maxResults?: number } = {}) {
      return call<EngineProcessInstance[]>(
        'POST',
        `/process-instance?maxResults=${page.maxResults ?? 1000}`,
        { processDefinitionId: definitionId, activityIdIn: activityIds },
      );
    },

    /** The running instances of a process definition version (at most `maxResults`). */
    processInstancesOf(definitionId: string, page: { maxResults?: number } = {}) {
      const params = new URLSearchParams({
        processDefinitionId: definitionId,
        maxResults: String(page.maxResults ?? 1000),
      });
      return call<EngineProcessInstance[]>('GET', `/process-instance?${params.toString()}`);
    },

    /** The names of the variables of some running instances whose name is LIKE `pattern` (values not read). */
    variableNames(processInstanceIds: readonly string[], pattern: string, page: { maxResults?: number } = {}) {
      const params = new URLSearchParams({
        processInstanceIdIn: processInstanceIds.join(','),
        variableNameLike: pattern,
        deserializeValues: 'false',
        maxResults: String(page.maxResults ?? 10_000),
      });
      return call<EngineVariableInstance[]>('GET', `/variable-instance?${params.toString()}`);
    },

    /** Moves a timer job to fire at `due`. */
    setJobDueDate(id: string, due: Date) {
      return call<void>('PUT', `/job/${encodeURIComponent(id)}/duedate`, { duedate: toEngineDate(due) });
    },
  };
}
