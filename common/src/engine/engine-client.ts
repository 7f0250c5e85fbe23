import { toEngineVariables } from './engine-variables.js';

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

export interface EngineDeployment {
  id: string;
  name: string | null;
  deploymentTime: string;
  deployedProcessDefinitions: Record<string, EngineProcessDefinition> | null;
}

/** Task query body of POST /task; only the fields we use. */
export interface EngineTaskQuery {
  candidateGroups?: string[];
  assignee?: string;
  unassigned?: boolean;
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  taskDefinitionKey?: string;
  sorting?: { sortBy: string; sortOrder: 'asc' | 'desc' }[];
}

export type EngineClient = ReturnType<typeof createEngineClient>;

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

    queryTasks(query: EngineTaskQuery, page: { firstResult?: number; maxResults?: number } = {}) {
      const params = new URLSearchParams({
        firstResult: String(page.firstResult ?? 0),
        maxResults: String(page.maxResults ?? 200),
      });
      return call<EngineTask[]>('POST', `/task?${params.toString()}`, query);
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
  };
}
