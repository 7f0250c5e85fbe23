/**
 * Walking a dossier of a procedure along one path of its diagram over the public API, as the officers
 * of the agencies concerned do it, with the real workers running the system steps in between.
 *
 * The journeys are read before the tests are collected: every procedure of the catalogue that runs a
 * shipped diagram (shippedProcedures), the definition of its process key that a reception starts now
 * (the engine's latest, so a newly deployed version is what gets walked), and the paths enumerated
 * from that definition (process-paths.ts).
 */
import type { FastifyInstance } from 'fastify';
import { DEMO_AGENCIES } from '@motcua/db';
import { ROLES, type Dossier, type Role, type Task } from '@motcua/common';
import { OTHER_DISTRICT } from '../helpers/accounts.js';
import { engineGet, testEngine } from '../helpers/engine.js';
import {
  loadShippedProcedures,
  officerOf,
  postTaskAction,
  RETURN_BY_POST,
  taskPage,
  until,
  type ShippedProcedure,
} from '../helpers/procedure-walk.js';
import { authHeader, type Username } from '../helpers/requests.js';
import { boundaryBranchNodes, readProcessGraph } from './process-graph.js';
import { enumeratePaths, type PathStep, type PathValues, type ProcessPath } from './process-paths.js';

/** A procedure of the catalogue with the paths of the definition its receptions start. */
export interface Journey {
  procedure: ShippedProcedure;
  /** The process definition the paths were read from. */
  definitionId: string;
  values: PathValues;
  /** The paths, or why they could not be enumerated from the diagram. */
  paths: ProcessPath[] | Error;
  /** The nodes only timers lead to (overdue reminders), which a walk may or may not pass. */
  timerBranches: Set<string>;
}

/**
 * The partner agency a transfer goes to: the seed's partner of the inter-agency step, unless it is the
 * procedure's own agency (a transfer must go elsewhere).
 */
function partnerOf(procedure: ShippedProcedure): string {
  return DEMO_AGENCIES.partner.code === procedure.agencyCode ? OTHER_DISTRICT.code : DEMO_AGENCIES.partner.code;
}

/** The data of the choices, by field of the completion body; what each choice needs is the contract's. */
function valuesFor(procedure: ShippedProcedure): PathValues {
  return {
    supplementItems: ['Bản sao giấy tờ có chứng thực', 'Bản chính tờ khai có chữ ký của người nộp'],
    refusalReason: 'Hồ sơ không đáp ứng điều kiện theo quy định',
    partnerAgencyCode: partnerOf(procedure),
    postalTrackingRef: RETURN_BY_POST.postalTrackingRef,
  };
}

/** Every shipped procedure with the paths of its deployed diagram, for a test file to read before collecting. */
export async function loadJourneys(): Promise<Journey[]> {
  const engine = testEngine();
  const procedures = await loadShippedProcedures();
  return Promise.all(
    procedures.map(async (procedure): Promise<Journey> => {
      const { id, bpmn20Xml } = await engine.latestDefinitionXml(procedure.processKey);
      const values = valuesFor(procedure);
      try {
        const graph = readProcessGraph(bpmn20Xml, procedure.processKey);
        return {
          procedure,
          definitionId: id,
          values,
          paths: enumeratePaths(graph, values),
          timerBranches: boundaryBranchNodes(graph),
        };
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        return { procedure, definitionId: id, values, paths: failure, timerBranches: new Set() };
      }
    }),
  );
}

/** The process variables a candidate group may name: the handling agency, and what completions set so far. */
function groupVariables(procedure: ShippedProcedure, before: readonly PathStep[]): Record<string, unknown> {
  return Object.assign({ agencyCode: procedure.agencyCode }, ...before.map((step) => step.completion)) as Record<
    string,
    unknown
  >;
}

/** The role and agency of the first candidate group of a role, its `${variable}`s filled in. */
export function groupOf(step: PathStep, variables: Record<string, unknown>): { role: Role; agencyCode: string } {
  for (const group of step.candidateGroups.split(',').map((text) => text.trim())) {
    const filled = group.replace(/\$\{(\w+)\}/g, (_, name: string) => {
      const value = variables[name];
      if (typeof value !== 'string')
        throw new Error(`${step.activityId}: group ${group} names ${name}, which is not set`);
      return value;
    });
    const [role, agencyCode] = filled.split(':');
    const known = ROLES.find((candidate) => candidate === role);
    if (known && agencyCode) return { role: known, agencyCode };
  }
  throw new Error(`${step.activityId} is offered to no group of a role: ${step.candidateGroups}`);
}

/** The officers a journey needs, by `<role>:<agency code>`: one per group a step is offered to, and the agency's receptionist and auditor. */
export class Officers {
  private readonly byGroup = new Map<string, Username>();

  private constructor(private readonly app: FastifyInstance) {}

  /**
   * Finds or creates every officer the journeys need and signs each in once, before the walks run
   * side by side (an account is created once, and logins are rate-limited).
   */
  static async prepare(app: FastifyInstance, journeys: readonly Journey[]): Promise<Officers> {
    const officers = new Officers(app);
    for (const { procedure, paths } of journeys) {
      await officers.add('receptionist', procedure.agencyCode);
      await officers.add('auditor', procedure.agencyCode);
      if (paths instanceof Error) continue;
      for (const path of paths) {
        for (const [index, step] of path.steps.entries()) {
          const { role, agencyCode } = groupOf(step, groupVariables(procedure, path.steps.slice(0, index)));
          await officers.add(role, agencyCode);
        }
      }
    }
    for (const username of new Set(officers.byGroup.values())) await authHeader(app, username);
    return officers;
  }

  private async add(role: Role, agencyCode: string) {
    const key = `${role}:${agencyCode}`;
    if (!this.byGroup.has(key)) this.byGroup.set(key, await officerOf(this.app, role, agencyCode));
  }

  of(role: Role, agencyCode: string): Username {
    const username = this.byGroup.get(`${role}:${agencyCode}`);
    if (!username) throw new Error(`no ${role} of ${agencyCode} was prepared`);
    return username;
  }

  /** The officer who does each step of the path: of the role and agency of the group it is offered to. */
  actorsOf(procedure: ShippedProcedure, path: ProcessPath): Username[] {
    return path.steps.map((step, index) => {
      const { role, agencyCode } = groupOf(step, groupVariables(procedure, path.steps.slice(0, index)));
      return this.of(role, agencyCode);
    });
  }
}

/** GET as the officer; the answer must be 200. */
export async function getAs<T>(app: FastifyInstance, username: Username, url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url, headers: await authHeader(app, username) });
  if (response.statusCode !== 200)
    throw new Error(`GET ${url} as ${username}: ${response.statusCode} ${response.body}`);
  return response.json<T>();
}

/**
 * What the engine and our database say about a dossier's process, for a walk that waited in vain:
 * its state, the tasks open and to whom, the workers' failures and the incidents.
 */
async function diagnose(app: FastifyInstance, dossierCode: string, processInstanceId: string): Promise<string> {
  const engine = testEngine();
  const [process, tasks, external, incidents, dossier] = await Promise.all([
    engineGet<{ state: string }>(`/history/process-instance/${processInstanceId}`),
    engine.queryTasks({ processInstanceId }),
    engineGet<{ topicName: string; retries: number | null; errorMessage: string | null }[]>(
      `/external-task?processInstanceId=${processInstanceId}`,
    ),
    engineGet<{ activityId: string; incidentMessage: string | null }[]>(
      `/incident?processInstanceId=${processInstanceId}`,
    ),
    app.db.dossier.findUnique({ where: { code: dossierCode } }),
  ]);
  const groups = await Promise.all(
    tasks.map(async (task) =>
      (await engine.taskIdentityLinks(task.id)).flatMap((link) => (link.groupId ? [link.groupId] : [])).join(','),
    ),
  );
  return [
    `process ${process.state}`,
    `dossier ${dossier?.status ?? 'missing'}`,
    `open tasks [${tasks.map((task, index) => `${task.taskDefinitionKey} for ${groups[index]}`).join('; ')}]`,
    `external tasks [${external.map((task) => `${task.topicName} retries ${task.retries} ${task.errorMessage ?? ''}`).join('; ')}]`,
    `incidents [${incidents.map((incident) => `${incident.activityId}: ${incident.incidentMessage}`).join('; ')}]`,
  ].join(', ');
}

/** Waits (bounded) for `probe`; on a timeout the error says where the dossier's process stands. */
async function waitOn<T>(
  app: FastifyInstance,
  dossier: Pick<Dossier, 'code' | 'processInstanceId'>,
  what: string,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  try {
    return await until(what, probe);
  } catch (error) {
    const state = await diagnose(app, dossier.code, dossier.processInstanceId!);
    throw new Error(`${error instanceof Error ? error.message : String(error)} (${state})`, { cause: error });
  }
}

/** Waits for the workers to bring the dossier to the step, as it appears in the officer's work list. */
export function waitForStep(
  app: FastifyInstance,
  dossier: Pick<Dossier, 'code' | 'processInstanceId'>,
  officer: Username,
  activityId: string,
): Promise<Task> {
  return waitOn(app, dossier, `${activityId} of ${dossier.code} in the work list of ${officer}`, async () =>
    (await taskPage(app, officer, { dossierCode: dossier.code })).data.find(
      (task) => task.taskDefinitionKey === activityId,
    ),
  );
}

/** Claims and completes the task as the officer over the API; anything but 204 is an error with the answer. */
export async function claimAndComplete(app: FastifyInstance, officer: Username, task: Task, step: PathStep) {
  for (const [action, body] of [
    ['claim', {}],
    ['complete', step.completion],
  ] as const) {
    const response = await postTaskAction(app, officer, task.id, action, body);
    if (response.statusCode !== 204) {
      throw new Error(
        `${action} ${step.activityId} (${JSON.stringify(body)}) as ${officer}: ${response.statusCode} ${response.body}`,
      );
    }
  }
}

/** Waits for the workers to end the dossier's process; the engine's history of it, as the engine gives it. */
export function waitForEnd(app: FastifyInstance, dossier: Pick<Dossier, 'code' | 'processInstanceId'>) {
  return waitOn(app, dossier, `the end of the process of ${dossier.code}`, async () => {
    const instance = await engineGet<{ state: string; endTime: string | null }>(
      `/history/process-instance/${dossier.processInstanceId}`,
    );
    return instance.state === 'ACTIVE' ? undefined : instance;
  });
}
