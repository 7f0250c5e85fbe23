import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  PermanentTaskError,
  failureFor,
  runTask,
  type TaskFailure,
  type TaskOutcomeService,
} from '../src/engine/run-task.js';
import type { CompletionVariables, ExternalTask } from '../src/engine/task-client.js';
import type { Logger } from '../src/logger.js';

const policy = { retries: 3, retryTimeoutMs: 10_000 };

function task(retries: number | null = null): ExternalTask {
  return {
    id: 'task-1',
    topicName: 'compute-appointment',
    activityId: 'compute-appointment',
    activityInstanceId: 'compute-appointment:1',
    processInstanceId: 'process-1',
    processDefinitionId: 'house-construction-permit:1:definition-1',
    processDefinitionKey: 'house-construction-permit',
    businessKey: '000.00.17.H41-261127-0001',
    retries,
    variables: {},
  };
}

/** Records what runTask asks of the engine; either call can be made to fail. */
function recordingService(options: { completeFails?: boolean; failureFails?: boolean } = {}) {
  const calls: { completed: CompletionVariables[]; failures: TaskFailure[] } = { completed: [], failures: [] };
  const service: TaskOutcomeService = {
    async complete(variables) {
      if (options.completeFails) throw new Error('engine answered 500');
      calls.completed.push(variables);
    },
    async handleFailure(failure) {
      if (options.failureFails) throw new Error('engine unreachable');
      calls.failures.push(failure);
    },
  };
  return { service, calls };
}

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const logger: Logger = {
    info: (_fields, message) => lines.push({ level: 'info', message }),
    warn: (_fields, message) => lines.push({ level: 'warn', message }),
    error: (_fields, message) => lines.push({ level: 'error', message }),
  };
  return { logger, lines };
}

describe('runTask', () => {
  it('completes the task with the variables the handler returns', async () => {
    const { service, calls } = recordingService();
    const dueAt = new Date('2026-12-18T03:00:00Z');

    const result = await runTask(task(), async () => ({ dueAt }), service, policy, recordingLogger().logger);

    expect(result).toBe('completed');
    expect(calls.completed).toEqual([{ dueAt }]);
    expect(calls.failures).toEqual([]);
  });

  it('turns a thrown error into a failure with the retry budget less one, on the first failure', async () => {
    const { service, calls } = recordingService();

    const result = await runTask(
      task(null),
      async () => {
        throw new Error('dossier not committed yet');
      },
      service,
      policy,
      recordingLogger().logger,
    );

    expect(result).toBe('failed');
    expect(calls.completed).toEqual([]);
    expect(calls.failures).toEqual([
      {
        errorMessage: 'Error: dossier not committed yet',
        errorDetails: expect.stringContaining('dossier not committed yet'),
        retries: 2,
        retryTimeout: 10_000,
      },
    ]);
  });

  it('reports a failure when completing the task fails after the handler succeeded', async () => {
    const { service, calls } = recordingService({ completeFails: true });

    const result = await runTask(task(), async () => ({}), service, policy, recordingLogger().logger);

    expect(result).toBe('failed');
    expect(calls.failures).toHaveLength(1);
    expect(calls.failures[0]?.errorMessage).toContain('engine answered 500');
  });

  it('does not throw when the failure cannot be reported, and logs it', async () => {
    const { service } = recordingService({ failureFails: true });
    const { logger, lines } = recordingLogger();

    const result = await runTask(
      task(),
      async () => {
        throw new Error('boom');
      },
      service,
      policy,
      logger,
    );

    expect(result).toBe('failed');
    expect(lines.map((line) => line.message)).toContain('could not report the failure to the engine');
  });
});

describe('failureFor', () => {
  it('uses one retry per failure and never goes below zero', () => {
    expect(failureFor(task(2), new Error('x'), policy).retries).toBe(1);
    expect(failureFor(task(1), new Error('x'), policy).retries).toBe(0);
    expect(failureFor(task(0), new Error('x'), policy).retries).toBe(0);
  });

  it('raises an incident at once for invalid process variables, naming the variable', () => {
    const parsed = z.object({ receivedAt: z.date() }).safeParse({ receivedAt: '2026-11-27' });
    if (parsed.success) throw new Error('expected invalid input');

    const failure = failureFor(task(null), parsed.error, policy);

    expect(failure.retries).toBe(0);
    expect(failure.errorMessage).toMatch(/^invalid process variables: .*receivedAt/s);
  });

  it('raises an incident at once for a fault no retry fixes', () => {
    const failure = failureFor(
      task(null),
      new PermanentTaskError('partner agency 000.99.99.H41 does not exist'),
      policy,
    );

    expect(failure.retries).toBe(0);
    expect(failure.errorMessage).toBe('PermanentTaskError: partner agency 000.99.99.H41 does not exist');
  });

  it('describes a thrown non-error value', () => {
    expect(failureFor(task(), 'plain string', policy).errorMessage).toBe('plain string');
  });
});
