/**
 * The part of camunda-external-task-client-js 3.1 (ESM, untyped) that task-client.ts uses, described
 * from its source. Only task-client.ts imports the library; everything else sees our own types.
 */
declare module 'camunda-external-task-client-js' {
  /** Request options handed to `got`; an interceptor returns them amended. */
  export type Interceptor = (
    config: Record<string, unknown> & { json?: Record<string, unknown> },
  ) => Record<string, unknown>;

  export interface ClientOptions {
    baseUrl: string;
    workerId: string;
    maxTasks: number;
    /** Handlers running at once; a poll asks for no more tasks than are free. */
    maxParallelExecutions: number;
    /** Pause before the next poll, in ms: read from `options` at the start of each poll. */
    interval: number;
    lockDuration: number;
    autoPoll: boolean;
    asyncResponseTimeout: number;
    interceptors: Interceptor[];
  }

  export class Variables {
    constructor();
    getAll(): Record<string, unknown>;
    setAll(values: Record<string, unknown>): this;
  }

  export interface LockedTask {
    id: string;
    topicName: string;
    workerId: string;
    activityId: string;
    activityInstanceId: string;
    processInstanceId: string;
    processDefinitionId: string;
    processDefinitionKey: string | null;
    businessKey: string | null;
    /** null until a failure has set it. */
    retries: number | null;
    variables: Variables;
  }

  export interface TaskService {
    complete(task: LockedTask, variables?: Variables): Promise<void>;
    handleFailure(
      task: LockedTask,
      options: { errorMessage: string; errorDetails: string; retries: number; retryTimeout: number },
    ): Promise<void>;
  }

  export type Handler = (args: { task: LockedTask; taskService: TaskService }) => Promise<void>;

  export class Client {
    constructor(options: ClientOptions);
    /** The options in force; `interval` may be changed between polls. */
    options: ClientOptions;
    /** Tasks whose handler is running. */
    activeTasksCount: number;
    subscribe(topic: string, options: { variables?: string[]; lockDuration?: number }, handler: Handler): unknown;
    start(): void;
    /** Stops polling after the fetch in flight; does not wait for it. */
    stop(): void;
    on(event: 'poll:start' | 'poll:success', listener: () => void): this;
    on(event: 'poll:error', listener: (error: Error) => void): this;
  }

  /** A class whose constructor returns the interceptor function. */
  export const BasicAuthInterceptor: new (options: { username: string; password: string }) => Interceptor;
}
