import { httpErrors } from '@fastify/sensible';
import { candidateGroupsOf, USER_TASKS } from '@motcua/common';
import { EngineError, type EngineClient, type EngineTask } from '@motcua/common/engine';
import type { Db } from '@motcua/db';
import type { TokenPayload } from '../schemas/auth.js';
import type { CompleteTask, Task } from '../schemas/tasks.js';
import type { DossierRepository } from '../repositories/dossier-repository.js';
import { invalidField } from '../errors.js';
import { ENGINE_CALL_TRANSACTION } from './transaction-options.js';

/**
 * The officer's work list and the claim / unclaim / complete actions on engine user tasks.
 *
 * The engine owns the tasks; we decide who may act on them. A task is offered to the candidate
 * groups `${role}:${agencyCode}` of the agency handling the dossier; an officer may claim it when
 * one of their own groups is among them, and only the assignee may release or complete it.
 * Each action writes a dossier event in the same transaction as the engine call, so a failed
 * engine call leaves no event behind.
 */
export function createTaskService(deps: { db: Db; engine: EngineClient; dossiers: DossierRepository }) {
  const { db, engine, dossiers } = deps;

  function toIso(engineDate: string | null): string | null {
    return engineDate === null ? null : new Date(engineDate).toISOString();
  }

  async function getTask(id: string): Promise<EngineTask> {
    try {
      return await engine.getTask(id);
    } catch (error) {
      if (error instanceof EngineError && error.status === 404) throw httpErrors.notFound(`task ${id} does not exist`);
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

  return {
    /** Tasks the caller may claim (unassigned, offered to their groups) and tasks assigned to them, oldest first. */
    async list(caller: TokenPayload): Promise<Task[]> {
      const sorting = [{ sortBy: 'created', sortOrder: 'asc' as const }];
      const [claimable, assigned] = await Promise.all([
        engine.queryTasks({
          candidateGroups: candidateGroupsOf(caller.roles, caller.agencyCode),
          unassigned: true,
          sorting,
        }),
        engine.queryTasks({ assignee: caller.sub, sorting }),
      ]);
      const tasks = [...new Map([...claimable, ...assigned].map((task) => [task.id, task])).values()];
      if (tasks.length === 0) return [];
      const rows = await dossiers.findByProcessInstanceIds([...new Set(tasks.map((task) => task.processInstanceId))]);
      const byInstance = new Map(rows.map((row) => [row.processInstanceId, row]));
      return tasks
        .flatMap((task) => {
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
              dossierCode: dossier.code,
              procedureName: dossier.procedure.name,
              applicantName: dossier.applicantName,
            },
          ];
        })
        .sort((a, b) => a.created.localeCompare(b.created));
    },

    async claim(caller: TokenPayload, id: string): Promise<void> {
      const task = await getTask(id);
      await assertOfferedTo(caller, task);
      if (task.assignee === caller.sub) return;
      if (task.assignee !== null) throw httpErrors.conflict(`task ${id} is already claimed by ${task.assignee}`);
      const dossier = await dossierOf(task);
      await db.$transaction(async (tx) => {
        await tx.dossierEvent.create({
          data: { dossierId: dossier.id, type: 'task_claimed', actor: caller.sub, activityId: task.taskDefinitionKey },
        });
        await engine.claim(id, caller.sub).catch((error: unknown) => {
          // someone claimed it between our read and our claim
          if (error instanceof EngineError && error.engineType === 'TaskAlreadyClaimedException') {
            throw httpErrors.conflict(`task ${id} is already claimed by someone else`);
          }
          throw error;
        });
      }, ENGINE_CALL_TRANSACTION);
    },

    async unclaim(caller: TokenPayload, id: string): Promise<void> {
      const task = await getTask(id);
      assertAssignedTo(caller, task, 'release');
      const dossier = await dossierOf(task);
      await db.$transaction(async (tx) => {
        await tx.dossierEvent.create({
          data: {
            dossierId: dossier.id,
            type: 'task_unclaimed',
            actor: caller.sub,
            activityId: task.taskDefinitionKey,
          },
        });
        await engine.unclaim(id);
      }, ENGINE_CALL_TRANSACTION);
    },

    async complete(caller: TokenPayload, id: string, input: CompleteTask): Promise<void> {
      const task = await getTask(id);
      assertAssignedTo(caller, task, 'complete');
      if (task.taskDefinitionKey === USER_TASKS.leaderApproval && input.outcome === undefined) {
        throw invalidField('body/outcome', 'is required to complete leader-approval: approve or send_back');
      }
      const dossier = await dossierOf(task);
      await db.$transaction(async (tx) => {
        await tx.dossierEvent.create({
          data: {
            dossierId: dossier.id,
            type: 'task_completed',
            actor: caller.sub,
            activityId: task.taskDefinitionKey,
            note: input.comment ?? null,
            data: { outcome: input.outcome ?? null },
          },
        });
        await engine.complete(id, { outcome: input.outcome, comment: input.comment });
      }, ENGINE_CALL_TRANSACTION);
    },
  };
}
export type TaskService = ReturnType<typeof createTaskService>;
