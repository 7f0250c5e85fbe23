import { setTimeout } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import {
  candidateGroupsOf,
  ProcessStepsError,
  USER_TASKS,
  VARIABLES,
  type QueryTask,
  type TaskListProblem,
  type TaskOutcome,
} from '@motcua/common';
import { EngineError, type EngineClient, type EngineTask } from '@motcua/common/engine';
import type { Db, Prisma } from '@motcua/db';
import type { TokenPayload } from '../schemas/auth.js';
import type { CompleteTask, Task, TaskList } from '../schemas/tasks.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { TaskRepository } from '../repositories/task-repository.js';
import type { DossierRepository, DossierRow, NewDossierEvent } from '../repositories/dossier-repository.js';
import {
  BadGatewayError,
  ConflictError,
  ForbiddenError,
  InvalidFieldError,
  NotFoundError,
  recordAssignee,
  seesDossier,
  syncInstanceTasks,
  worksNow,
  type DossierAccess,
} from '@motcua/domain';
import type { TimelinessSource } from './dossier-service.js';
import { createStepOutcomes } from './step-outcomes.js';

/**
 * The officer's work list and the claim / unclaim / complete actions on engine user tasks.
 *
 * The engine owns the tasks; we decide who may act on them. A task is offered to the candidate
 * groups `${role}:${agencyCode}` of the agency handling the dossier, or of the partner agency during
 * an inter-agency transfer. An officer may claim or complete a task only when both hold: one of
 * their own groups is among its candidate groups, and their agency handles its dossier (received
 * it, or owns its procedure) or is the partner of the dossier's open transfer. Being its assignee is
 * not enough: a diagram could name an assignee outright, and that officer must still be offered the
 * task. Only the assignee may release or complete it.
 *
 * The work list is one page, sorted, filtered and counted by PostgreSQL over the projection of the
 * engine's open tasks (domain/src/open-tasks.ts, server/src/repositories/task-repository.ts): two
 * statements, whatever the number of open tasks. Nothing is filtered or sorted here. After each claim,
 * release and completion the projection is brought up to date, so the officer sees their action at once.
 *
 * Completing a task that is a step of the procedure's internal process requires one of the outcomes
 * its diagram offers (the step's `outcomes` property). The steps are read from the definition's XML
 * and the definition's key, which the engine gives (a definition id is opaque), once per definition
 * id: a deployed definition never changes. A definition whose steps cannot be read does not break
 * the work list: its tasks are listed without outcomes, and the answer and the log name it.
 *
 * Each action is done in the engine first and then written to the dossier's event log, so no
 * database transaction waits on the network and an action the engine refused leaves no event.
 * The events carry a dedupe key, so a repeated request (a retry, a double click) writes once.
 */

/** How often a completion is tried when it collides with a concurrent change of its process, and the wait between. */
const COMPLETE_ATTEMPTS = 4;
const COLLISION_BACKOFF_MS = 50;

/** The work list and the task actions (see the module's header), over the engine and our dossiers. */
export function createTaskService(deps: {
  engine: EngineClient;
  db: Db;
  dossiers: DossierRepository;
  tasks: TaskRepository;
  agencies: AgencyRepository;
  timeliness: TimelinessSource;
  log: Pick<FastifyBaseLogger, 'warn'>;
}) {
  const { engine, db, dossiers, tasks: taskRows, agencies, timeliness, log } = deps;
  const stepOutcomes = createStepOutcomes(engine);

  function notFound(id: string) {
    return new NotFoundError(`task ${id} does not exist`);
  }

  /** The outcomes a task offers; a 502 naming the definition when its diagram cannot be read. */
  async function outcomesOf(task: EngineTask): Promise<TaskOutcome[]> {
    try {
      return (await stepOutcomes(task.processDefinitionId)).get(task.taskDefinitionKey) ?? [];
    } catch (error) {
      if (!(error instanceof ProcessStepsError)) throw error;
      throw new BadGatewayError(`the steps of process definition ${task.processDefinitionId} cannot be read: ${error.message}`);
    }
  }

  /**
   * The outcomes of the steps of each definition, and a problem for each definition whose steps
   * cannot be read (logged as well): the other tasks are listed all the same.
   */
  async function outcomesOfPage(tasks: readonly Pick<EngineTask, 'id' | 'processDefinitionId'>[]) {
    const definitionIds = [...new Set(tasks.map((task) => task.processDefinitionId))];
    const outcomes = new Map<string, Map<string, TaskOutcome[]>>();
    const problems: TaskListProblem[] = [];
    await Promise.all(
      definitionIds.map(async (processDefinitionId) => {
        try {
          outcomes.set(processDefinitionId, await stepOutcomes(processDefinitionId));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const taskIds = tasks
            .filter((task) => task.processDefinitionId === processDefinitionId)
            .map((task) => task.id);
          log.warn({ err: error, processDefinitionId, taskIds }, 'the steps of a process definition cannot be read');
          problems.push({ processDefinitionId, message, taskIds });
        }
      }),
    );
    return { outcomes, problems };
  }

  async function getTask(id: string): Promise<EngineTask> {
    try {
      return await engine.getTask(id);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) throw notFound(id);
      throw error;
    }
  }

  async function dossierOf(task: EngineTask): Promise<DossierRow> {
    const [dossier] = await dossiers.findByProcessInstanceIds([task.processInstanceId]);
    if (!dossier) throw notFound(task.id);
    return dossier;
  }

  /** Whether one of the caller's groups is among the task's candidate groups. */
  async function offeredTo(caller: TokenPayload, task: EngineTask): Promise<boolean> {
    const groups = new Set(candidateGroupsOf(caller.roles, caller.agencyCode));
    const links = await engine.taskIdentityLinks(task.id);
    return links.some((link) => link.type === 'candidate' && link.groupId !== null && groups.has(link.groupId));
  }

  /**
   * The decision on a task the request names, before its body is read: a task of a dossier the caller
   * may not see does not exist for them (404); one they see but may not take, release or complete is a
   * 403. Claiming and completing need both one of the caller's groups among the task's candidate
   * groups and an agency that works the dossier now (domain/src/access.ts worksNow); releasing and
   * completing need the caller to hold the task.
   */
  async function authorize(caller: TokenPayload, id: string, action: TaskAction): Promise<AuthorizedTask> {
    const task = await getTask(id);
    const [dossier, access] = await Promise.all([dossierOf(task), dossiers.accessOf(caller)]);
    if (!seesDossier(access, dossier)) throw notFound(id);
    if (action !== 'claim') {
      const verb = action === 'unclaim' ? 'release' : 'complete';
      if (task.assignee === null) throw new ForbiddenError(`claim task ${id} before you ${verb} it`);
      if (task.assignee !== caller.sub) throw new ForbiddenError(`task ${id} is held by another officer`);
    }
    if (action !== 'unclaim') await assertMayWork(caller, access, task, dossier);
    return { task, dossier };
  }

  async function assertMayWork(caller: TokenPayload, access: DossierAccess, task: EngineTask, dossier: DossierRow) {
    if (!(await offeredTo(caller, task))) throw new ForbiddenError(`task ${task.id} is not offered to your groups`);
    if (!worksNow(access, dossier)) {
      throw new ForbiddenError(`task ${task.id} belongs to a dossier your agency does not handle`);
    }
  }

  /**
   * Completes the task in the engine, again when the engine refused it for a concurrent change of the
   * same process (OptimisticLockingException: a worker recording the step's overdue reminder at that
   * moment, say). The engine rolled the refused attempt back, so trying again is safe.
   */
  async function completeRetryingCollisions(id: string, variables: Record<string, unknown>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await engine.complete(id, variables);
      } catch (error) {
        const collided = error instanceof EngineError && error.engineType === 'OptimisticLockingException';
        if (!collided || attempt >= COMPLETE_ATTEMPTS) throw error;
        await setTimeout(COLLISION_BACKOFF_MS * attempt);
      }
    }
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
      throw new InvalidFieldError(
        'body/outcome',
        `is not offered by ${key}: complete it without an outcome`,
        'invalid_option',
        { options: '' },
      );
    }
    if (outcome === undefined) {
      throw new InvalidFieldError('body/outcome', `is required to complete ${key}: ${offered.join(', ')}`, 'outcome_required');
    }
    if (!offered.includes(outcome)) {
      throw new InvalidFieldError(
        'body/outcome',
        `must be one of ${offered.join(', ')} to complete ${key}`,
        'invalid_option',
        { options: offered.join(', ') },
      );
    }
  }

  /** The partner agency of a transfer: an existing agency other than the one handling the dossier. */
  async function checkPartner(code: string, dossier: { agencyId: string; procedure: { agencyId: string } }) {
    const partner = await agencies.findByCode(code);
    if (!partner) throw new InvalidFieldError('body/partnerAgencyCode', `${code} is not an agency`, 'unknown_agency');
    if (partner.id === dossier.agencyId || partner.id === dossier.procedure.agencyId) {
      throw new InvalidFieldError(
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
     * One page of the caller's work list: tasks offered to their groups that they hold or that
     * nobody holds (or only one of the two, `assignment`), of dossiers their agency works now, of a
     * procedure, a dossier or a timeliness, sorted by the step's due date or by creation (ties by
     * task id, so pages never overlap). Each task carries the outcomes it offers and its dossier's
     * status and timeliness. `total` counts exactly the tasks the pages list. Tasks without due date
     * (receive-supplement has none) come last ascending and first descending, as PostgreSQL orders
     * nulls.
     */
    async list(caller: TokenPayload, query: QueryTask): Promise<TaskList> {
      const [judge, access] = await Promise.all([timeliness(), dossiers.accessOf(caller)]);
      const { rows, total } = await taskRows.workList(caller, access, query, judge.bounds);
      const page = { total, page: query.page, perPage: query.perPage };
      if (rows.length === 0) return { data: [], problems: [], ...page };
      const { outcomes, problems } = await outcomesOfPage(rows);
      const data = rows.map(
        (row): Task => ({
          id: row.id,
          name: row.name,
          taskDefinitionKey: row.taskDefinitionKey,
          assignee: row.assignee,
          created: row.created.toISOString(),
          due: row.due?.toISOString() ?? null,
          outcomes: outcomes.get(row.processDefinitionId)?.get(row.taskDefinitionKey) ?? [],
          dossierCode: row.dossierCode,
          dossierStatus: row.dossierStatus,
          dossierDueAt: row.dossierDueAt?.toISOString() ?? null,
          timeliness: judge.timelinessOf({
            status: row.dossierStatus,
            dueAt: row.dossierDueAt,
            finishedAt: row.dossierFinishedAt,
          }),
          procedureCode: row.procedureCode,
          procedureName: row.procedureName,
          applicantName: row.applicantName,
        }),
      );
      return { data, problems, ...page };
    },

    authorize,

    /** Claims a task `authorize(…, 'claim')` let through. */
    async claim(caller: TokenPayload, { task, dossier }: AuthorizedTask): Promise<void> {
      const { id } = task;
      if (task.assignee !== null && task.assignee !== caller.sub) {
        throw new ConflictError(`task ${id} is already claimed by ${task.assignee}`);
      }
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
            throw new ConflictError(`task ${id} is already claimed by someone else`);
          }
        });
      }
      await recordAssignee(db, id, caller.sub);
      await dossiers.appendEvent(
        taskEvent(caller, task, dossier.id, {
          type: 'task_claimed',
          dedupeKey: await claimRoundKey(dossier.id, id, 'claim'),
          occurredAt,
        }),
      );
    },

    /** Releases a task `authorize(…, 'unclaim')` let through: the caller holds it. */
    async unclaim(caller: TokenPayload, { task, dossier }: AuthorizedTask): Promise<void> {
      const { id } = task;
      const occurredAt = new Date();
      // the key is taken before the release is written, which then counts for the next claim
      const dedupeKey = await claimRoundKey(dossier.id, id, 'unclaim');
      await engine.unclaim(id).catch(taskGone(id));
      await recordAssignee(db, id, null);
      await dossiers.appendEvent(
        taskEvent(caller, task, dossier.id, { type: 'task_unclaimed', dedupeKey, occurredAt }),
      );
    },

    /**
     * Completes a task `authorize(…, 'complete')` let through. The outcome must be one the step offers, with its data:
     * request_supplement its supplementItems, refuse its refusalReason, transfer a partnerAgencyCode
     * naming another existing agency; return-result needs the returnMethod (and the
     * postalTrackingRef when by post).
     */
    async complete(caller: TokenPayload, { task, dossier }: AuthorizedTask, input: CompleteTask): Promise<void> {
      const { id } = task;
      checkOutcome(task, await outcomesOf(task), input.outcome);
      if (task.taskDefinitionKey === USER_TASKS.returnResult && input.returnMethod === undefined) {
        throw new InvalidFieldError(
          'body/returnMethod',
          'is required to return the result: counter, post or online',
          'required',
        );
      }
      if (input.outcome === 'transfer' && input.partnerAgencyCode !== undefined) {
        await checkPartner(input.partnerAgencyCode, dossier);
      }
      const variables = variablesOf(task, input);
      // before the engine call: the workers' reaction to the completion is logged after it
      const occurredAt = new Date();
      // the comment may hold personal data: it stays in our event log and is never sent to the engine
      await completeRetryingCollisions(id, variables).catch(taskGone(id));
      await syncInstanceTasks(db, engine, task.processInstanceId);
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

/** What a request does to a task it names. */
export type TaskAction = 'claim' | 'unclaim' | 'complete';

/** A task the caller was found to may act on, with its dossier (see authorize). */
export interface AuthorizedTask {
  task: EngineTask;
  dossier: DossierRow;
}
