import { httpErrors } from '@fastify/sensible';
import {
  candidateGroupsOf,
  readProcessSteps,
  USER_TASKS,
  VARIABLES,
  type IssueCode,
  type IssueParams,
  type TaskOutcome,
} from '@motcua/common';
import { EngineError, type EngineClient, type EngineTask, type EngineTaskQuery } from '@motcua/common/engine';
import type { Prisma } from '@motcua/db';
import type { TokenPayload } from '../schemas/auth.js';
import type { CompleteTask, Task } from '../schemas/tasks.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { DossierRepository, NewDossierEvent } from '../repositories/dossier-repository.js';
import { invalidField } from '../errors.js';
import type { TimelinessSource } from './dossier-service.js';

/**
 * The officer's work list and the claim / unclaim / complete actions on engine user tasks.
 *
 * The engine owns the tasks; we decide who may act on them. A task is offered to the candidate
 * groups `${role}:${agencyCode}` of the agency handling the dossier, or of the partner agency during
 * an inter-agency transfer; an officer may claim it when one of their own groups is among them, and
 * only the assignee may release or complete it.
 *
 * Completing a task that is a step of the procedure's internal process requires one of the outcomes
 * its diagram offers (the step's `outcomes` property, read from the definition's XML and cached by
 * definition id: a deployed definition never changes), with the data that outcome needs.
 *
 * Each action is done in the engine first and then written to the dossier's event log, so no
 * database transaction waits on the network and an action the engine refused leaves no event.
 * The events carry a dedupe key, so a repeated request (a retry, a double click) writes once.
 */

/** Tasks fetched from the engine per request while paging through the work list. */
const TASK_PAGE_SIZE = 200;

/** A 400 naming one field, with the params its code's sentence needs. */
function fieldError(path: string, message: string, code: IssueCode, params: IssueParams) {
  return httpErrors.createError(400, `${path} ${message}`, { issues: [{ path, message, code, params }] });
}

export function createTaskService(deps: {
  engine: EngineClient;
  dossiers: DossierRepository;
  agencies: AgencyRepository;
  timeliness: TimelinessSource;
  pageSize?: number;
}) {
  const { engine, dossiers, agencies, timeliness } = deps;
  const pageSize = deps.pageSize ?? TASK_PAGE_SIZE;
  /** Outcomes by activity id, per process definition id. */
  const outcomesByDefinition = new Map<string, Promise<Map<string, TaskOutcome[]>>>();

  function toIso(engineDate: string | null): string | null {
    return engineDate === null ? null : new Date(engineDate).toISOString();
  }

  function notFound(id: string) {
    return httpErrors.notFound(`task ${id} does not exist`);
  }

  /** The outcomes each step of a process definition offers, read once per definition. */
  function stepOutcomes(definitionId: string): Promise<Map<string, TaskOutcome[]>> {
    const cached = outcomesByDefinition.get(definitionId);
    if (cached) return cached;
    const loading = engine.definitionXml(definitionId).then(({ bpmn20Xml }) => {
      // a definition id is `<process key>:<version>:<id>`
      const steps = readProcessSteps(bpmn20Xml, definitionId.split(':')[0]);
      return new Map(steps.map((step) => [step.activityId, step.outcomes]));
    });
    // a failed read is not remembered: the next request tries again
    loading.catch(() => outcomesByDefinition.delete(definitionId));
    outcomesByDefinition.set(definitionId, loading);
    return loading;
  }

  async function outcomesOf(task: EngineTask): Promise<TaskOutcome[]> {
    return (await stepOutcomes(task.processDefinitionId)).get(task.taskDefinitionKey) ?? [];
  }

  /** Every task matching the query, page by page; sorted by id as well, so pages do not overlap. */
  async function allTasks(query: EngineTaskQuery): Promise<EngineTask[]> {
    const sorted = { ...query, sorting: [...(query.sorting ?? []), { sortBy: 'id', sortOrder: 'asc' as const }] };
    const tasks: EngineTask[] = [];
    for (;;) {
      const page = await engine.queryTasks(sorted, { firstResult: tasks.length, maxResults: pageSize });
      tasks.push(...page);
      if (page.length < pageSize) return tasks;
    }
  }

  async function getTask(id: string): Promise<EngineTask> {
    try {
      return await engine.getTask(id);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) throw notFound(id);
      throw error;
    }
  }

  async function dossierOf(task: EngineTask) {
    const dossier = await dossiers.findByProcessInstanceId(task.processInstanceId);
    if (!dossier) throw httpErrors.notFound(`task ${task.id} does not belong to a dossier`);
    return dossier;
  }

  async function assertOfferedTo(caller: TokenPayload, task: EngineTask) {
    const groups = new Set(candidateGroupsOf(caller.roles, caller.agencyCode));
    const links = await engine.taskIdentityLinks(task.id);
    const offered = links.some(
      (link) => link.type === 'candidate' && link.groupId !== null && groups.has(link.groupId),
    );
    if (!offered) throw httpErrors.forbidden(`task ${task.id} is not offered to your groups`);
  }

  function assertAssignedTo(caller: TokenPayload, task: EngineTask, action: string) {
    if (task.assignee === null) throw httpErrors.forbidden(`claim task ${task.id} before you ${action} it`);
    if (task.assignee !== caller.sub)
      throw httpErrors.forbidden(`task ${task.id} is assigned to ${task.assignee}, not to you`);
  }

  /** A task the engine no longer knows (completed or deleted meanwhile) is a 404, as on reading it. */
  function taskGone(id: string) {
    return (error: unknown): never => {
      if (error instanceof EngineError && error.status === 404) throw notFound(id);
      throw error;
    };
  }

  /**
   * The dedupe key of a claim or release: a task can be claimed and released many times, so the
   * key counts the releases written before it (`<task id>:claim:<n>`, `<task id>:unclaim:<n>`).
   * A repeated request counts the same releases and gets the same key.
   */
  async function claimRoundKey(dossierId: string, taskId: string, action: 'claim' | 'unclaim'): Promise<string> {
    const releases = await dossiers.countEvents(dossierId, `${taskId}:unclaim:`);
    return `${taskId}:${action}:${releases}`;
  }

  function taskEvent(
    caller: TokenPayload,
    task: EngineTask,
    dossierId: string,
    event: Pick<NewDossierEvent, 'type' | 'dedupeKey' | 'note' | 'data' | 'occurredAt'>,
  ): NewDossierEvent {
    return { dossierId, actor: caller.sub, activityId: task.taskDefinitionKey, ...event };
  }

  /** The outcome chosen, checked against the outcomes the task offers. */
  function checkOutcome(task: EngineTask, offered: TaskOutcome[], outcome: TaskOutcome | undefined): void {
    const key = task.taskDefinitionKey;
    if (offered.length === 0) {
      if (outcome === undefined) return;
      throw fieldError('body/outcome', `is not offered by ${key}: complete it without an outcome`, 'invalid_option', {
        options: '',
      });
    }
    if (outcome === undefined) {
      throw invalidField('body/outcome', `is required to complete ${key}: ${offered.join(', ')}`, 'outcome_required');
    }
    if (!offered.includes(outcome)) {
      throw fieldError('body/outcome', `must be one of ${offered.join(', ')} to complete ${key}`, 'invalid_option', {
        options: offered.join(', '),
      });
    }
  }

  /** The partner agency of a transfer: an existing agency other than the one handling the dossier. */
  async function checkPartner(code: string, dossier: { agencyId: string; procedure: { agencyId: string } }) {
    const partner = await agencies.findByCode(code);
    if (!partner) throw invalidField('body/partnerAgencyCode', `${code} is not an agency`, 'unknown_agency');
    if (partner.id === dossier.agencyId || partner.id === dossier.procedure.agencyId) {
      throw invalidField(
        'body/partnerAgencyCode',
        `${code} already handles this dossier: transfer it to another agency`,
        'same_agency',
      );
    }
  }

  /** The process variables the completion sets: the outcome and the data it needs. Never the comment. */
  function variablesOf(task: EngineTask, input: CompleteTask): Record<string, unknown> {
    const variables: Record<string, unknown> = {};
    if (input.outcome !== undefined) variables[VARIABLES.outcome] = input.outcome;
    if (input.outcome === 'request_supplement') variables[VARIABLES.supplementItems] = input.supplementItems;
    if (input.outcome === 'refuse') variables[VARIABLES.refusalReason] = input.refusalReason;
    if (input.outcome === 'transfer') variables[VARIABLES.partnerAgencyCode] = input.partnerAgencyCode;
    if (task.taskDefinitionKey === USER_TASKS.returnResult) {
      variables[VARIABLES.returnMethod] = input.returnMethod;
      if (input.returnMethod === 'post') variables[VARIABLES.postalTrackingRef] = input.postalTrackingRef;
    }
    return variables;
  }

  return {
    /**
     * Tasks the caller may claim (unassigned, offered to their groups) and tasks assigned to them,
     * oldest first, each with the outcomes it offers and its dossier's timeliness.
     */
    async list(caller: TokenPayload): Promise<Task[]> {
      const sorting = [{ sortBy: 'created', sortOrder: 'asc' as const }];
      const [claimable, assigned] = await Promise.all([
        allTasks({ candidateGroups: candidateGroupsOf(caller.roles, caller.agencyCode), unassigned: true, sorting }),
        allTasks({ assignee: caller.sub, sorting }),
      ]);
      const tasks = [...new Map([...claimable, ...assigned].map((task) => [task.id, task])).values()];
      if (tasks.length === 0) return [];
      const rows = await dossiers.findByProcessInstanceIds([...new Set(tasks.map((task) => task.processInstanceId))]);
      const byInstance = new Map(rows.map((row) => [row.processInstanceId, row]));
      const judge = await timeliness();
      const outcomes = await Promise.all(tasks.map(outcomesOf));
      return tasks
        .flatMap((task, index) => {
          // a process instance without a dossier row was not started by us: nothing to work on
          const dossier = byInstance.get(task.processInstanceId);
          if (!dossier) return [];
          return [
            {
              id: task.id,
              name: task.name,
              taskDefinitionKey: task.taskDefinitionKey,
              assignee: task.assignee,
              created: new Date(task.created).toISOString(),
              due: toIso(task.due),
              outcomes: outcomes[index] ?? [],
              dossierCode: dossier.code,
              dossierStatus: dossier.status,
              dossierDueAt: dossier.dueAt?.toISOString() ?? null,
              timeliness: judge.timelinessOf(dossier),
              procedureName: dossier.procedureVersion.name,
              applicantName: dossier.applicantName,
            },
          ];
        })
        .sort((a, b) => a.created.localeCompare(b.created));
    },

    async claim(caller: TokenPayload, id: string): Promise<void> {
      const task = await getTask(id);
      await assertOfferedTo(caller, task);
      if (task.assignee !== null && task.assignee !== caller.sub) {
        throw httpErrors.conflict(`task ${id} is already claimed by ${task.assignee}`);
      }
      const dossier = await dossierOf(task);
      const occurredAt = new Date();
      // already the caller's: a repeated request, which still writes its event if the first one could not
      if (task.assignee === null) {
        await engine.claim(id, caller.sub).catch(async (error: unknown) => {
          // a claim that raced ours: fine when it was the caller's own (a double click), 409 otherwise
          const raced =
            error instanceof EngineError &&
            (error.engineType === 'TaskAlreadyClaimedException' || error.engineType === 'OptimisticLockingException');
          if (!raced) return taskGone(id)(error);
          if ((await getTask(id)).assignee !== caller.sub) {
            throw httpErrors.conflict(`task ${id} is already claimed by someone else`);
          }
        });
      }
      await dossiers.appendEvent(
        taskEvent(caller, task, dossier.id, {
          type: 'task_claimed',
          dedupeKey: await claimRoundKey(dossier.id, id, 'claim'),
          occurredAt,
        }),
      );
    },

    async unclaim(caller: TokenPayload, id: string): Promise<void> {
      const task = await getTask(id);
      assertAssignedTo(caller, task, 'release');
      const dossier = await dossierOf(task);
      const occurredAt = new Date();
      // the key is taken before the release is written, which then counts for the next claim
      const dedupeKey = await claimRoundKey(dossier.id, id, 'unclaim');
      await engine.unclaim(id).catch(taskGone(id));
      await dossiers.appendEvent(
        taskEvent(caller, task, dossier.id, { type: 'task_unclaimed', dedupeKey, occurredAt }),
      );
    },

    /**
     * Completes a task the caller holds. The outcome must be one the step offers, with its data:
     * request_supplement its supplementItems, refuse its refusalReason, transfer a partnerAgencyCode
     * naming another existing agency; return-result needs the returnMethod (and the
     * postalTrackingRef when by post).
     */
    async complete(caller: TokenPayload, id: string, input: CompleteTask): Promise<void> {
      const task = await getTask(id);
      assertAssignedTo(caller, task, 'complete');
      checkOutcome(task, await outcomesOf(task), input.outcome);
      if (task.taskDefinitionKey === USER_TASKS.returnResult && input.returnMethod === undefined) {
        throw invalidField(
          'body/returnMethod',
          'is required to return the result: counter, post or online',
          'required',
        );
      }
      const dossier = await dossierOf(task);
      if (input.outcome === 'transfer' && input.partnerAgencyCode !== undefined) {
        await checkPartner(input.partnerAgencyCode, dossier);
      }
      const variables = variablesOf(task, input);
      // before the engine call: the workers' reaction to the completion is logged after it
      const occurredAt = new Date();
      // the comment may hold personal data: it stays in our event log and is never sent to the engine
      await engine.complete(id, variables).catch(taskGone(id));
      await dossiers.appendEvent(
        taskEvent(caller, task, dossier.id, {
          type: 'task_completed',
          dedupeKey: `${id}:complete`,
          note: input.comment ?? null,
          data: { outcome: input.outcome ?? null, ...(variables as Prisma.InputJsonObject) },
          occurredAt,
        }),
      );
    },
  };
}
export type TaskService = ReturnType<typeof createTaskService>;
