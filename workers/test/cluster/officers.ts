/**
 * The officers' side of the load, through the real server's HTTP API only: the one-stop unit
 * back-enters dossiers, and each step is claimed and completed by an officer it is offered to, with
 * an outcome the step offers. The procedures are the catalogue's procedures that run a shipped diagram.
 */
import { readdir } from 'node:fs/promises';
import { ROLES, RequiredDocumentSchema, USER_TASKS, type HandedInDocument, type Role } from '@motcua/common';
import { createEngineClient } from '@motcua/common/engine';
import { externalTasks, type TestEngine } from '@motcua/common/testing';
import type { Db } from '@motcua/db';
import { PROCESSES_DIR } from '@motcua/processes';
import { createProcessDefinitions } from '../../src/engine/process-definitions.js';
import { APPLICANT } from '../support/dossiers.js';

export interface ShippedProcedure {
  code: string;
  agencyCode: string;
  /** The legal processing time, in working days. */
  processingDays: number;
  /** Every mandatory document, as a complete reception hands them in. */
  documents: HandedInDocument[];
}

type EngineAccess = Pick<TestEngine, 'url' | 'user' | 'password'>;

export interface ReceivedDossier {
  code: string;
  processInstanceId: string;
}

const WAIT_MS = 180_000;
const POLL_MS = 400;

/** Polls `probe` until it finds something: a wait for the system, not a timing assertion. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, waitMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${waitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The catalogue's active procedures whose current version runs a diagram of processes/. */
export async function shippedProcedures(db: Db): Promise<ShippedProcedure[]> {
  const diagrams = new Set((await readdir(PROCESSES_DIR)).filter((name) => name.endsWith('.bpmn')));
  const procedures = await db.procedure.findMany({
    where: { active: true },
    include: { agency: true, versions: { orderBy: { version: 'desc' }, take: 1 } },
    orderBy: { code: 'asc' },
  });
  return procedures.flatMap(({ code, agency, versions: [version] }) =>
    version && diagrams.has(`${version.processKey}.bpmn`)
      ? [
          {
            code,
            agencyCode: agency.code,
            processingDays: version.processingDays,
            documents: RequiredDocumentSchema.array()
              .parse(version.requiredDocuments)
              .filter((document) => document.mandatory)
              .map(({ name, originals, copies }) => ({ name, originals, copies })),
          },
        ]
      : [],
  );
}

/** Officers working through the server at `serverUrl`; the engine `node` is only read, to know what is open. */
export function officersAt(serverUrl: string, db: Db, node: EngineAccess) {
  // a cold engine on a busy machine answers its first calls slowly
  const engine = createEngineClient({ baseUrl: node.url, user: node.user, password: node.password, timeoutMs: 60_000 });
  const tokens = new Map<string, Promise<string>>();
  /** The steps of each diagram, with the outcomes each offers (the work list reads them the same way). */
  const definitions = createProcessDefinitions(engine);

  async function call<T>(username: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${serverUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenOf(username)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} as ${username} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  function tokenOf(username: string): Promise<string> {
    let token = tokens.get(username);
    if (!token) {
      token = fetch(`${serverUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      }).then(async (response) => {
        if (!response.ok) throw new Error(`login as ${username} → ${response.status}: ${await response.text()}`);
        return ((await response.json()) as { token: string }).token;
      });
      tokens.set(username, token);
    }
    return token;
  }

  const officers = new Map<string, Promise<string>>();
  function officer(role: Role, agencyCode: string): Promise<string> {
    const key = `${role}:${agencyCode}`;
    let username = officers.get(key);
    if (!username) {
      username = db.account
        .findFirst({
          where: { active: true, roles: { has: role }, agency: { code: agencyCode } },
          orderBy: { username: 'asc' },
        })
        .then((account) => {
          if (!account) throw new Error(`no active ${role} in agency ${agencyCode}`);
          return account.username;
        });
      officers.set(key, username);
    }
    return username;
  }

  /** An officer of the role and agency of one of the task's candidate groups `<role>:<agency code>`. */
  async function officerFor(taskId: string): Promise<string> {
    for (const link of await engine.taskIdentityLinks(taskId)) {
      const [role, agencyCode] = link.type === 'candidate' && link.groupId ? link.groupId.split(':') : [];
      const known = ROLES.find((candidate) => candidate === role);
      if (known && agencyCode) return officer(known, agencyCode);
    }
    throw new Error(`task ${taskId} is offered to no group of a role`);
  }

  return {
    /** Back-entry (regulation Art. 7.2) of a complete dossier received at `receivedAt`. */
    async backEnter(procedure: ShippedProcedure, receivedAt: Date): Promise<ReceivedDossier> {
      return call<ReceivedDossier>(await officer('receptionist', procedure.agencyCode), 'POST', '/api/dossiers', {
        procedureCode: procedure.code,
        applicant: {
          fullName: APPLICANT.name,
          idNumber: APPLICANT.idNumber,
          phone: APPLICANT.phone,
          address: APPLICANT.address,
        },
        channel: 'counter',
        documents: procedure.documents,
        backEntry: {
          receivedAt: receivedAt.toISOString(),
          reason: 'Nhập lại hồ sơ đã tiếp nhận khi hệ thống gián đoạn',
        },
      });
    },

    /**
     * Carries the dossier through its steps, each once its overdue reminder has fired and been
     * recorded (the step is past its deadline, so its timer is due): approved, the result handed over
     * at the counter. Ends with the process, or at the open step `stopAt`, left for a later call.
     *
     * Not while the reminder is being recorded: on PostgreSQL, completing a step at the moment the
     * worker completes its reminder (the parallel path of the non-interrupting timer) fails one of the
     * two with an OptimisticLockingException, and the server answers that completion with 502. The
     * workers retry theirs; an officer would have to try again. That holds on one node as on two.
     */
    async carryThrough(dossier: ReceivedDossier, stopAt?: string): Promise<void> {
      const { code, processInstanceId } = dossier;
      for (;;) {
        const open = await until(`a step or the end of ${code}`, async () => {
          const [task] = await engine.queryTasks({ processInstanceId });
          if (task) return task;
          return (await engine.runningProcessInstance(processInstanceId)) === null ? null : undefined;
        });
        if (open === null) return;
        await until(`the overdue reminder of ${open.taskDefinitionKey} of ${code}`, async () => {
          if ((await engine.timerJobs(processInstanceId)).length > 0) return undefined;
          return (await externalTasks(node, processInstanceId)).length === 0 ? true : undefined;
        });
        if (open.taskDefinitionKey === stopAt) return;
        const username = await officerFor(open.id);
        const steps = await definitions.steps({
          processDefinitionId: open.processDefinitionId,
          processDefinitionKey: null,
        });
        const step = steps.find((candidate) => candidate.activityId === open.taskDefinitionKey);
        await call(username, 'POST', `/api/tasks/${open.id}/claim`);
        await call(username, 'POST', `/api/tasks/${open.id}/complete`, {
          ...(step?.outcomes.includes('approve') ? { outcome: 'approve' } : {}),
          ...(open.taskDefinitionKey === USER_TASKS.returnResult ? { returnMethod: 'counter' } : {}),
        });
      }
    },
  };
}
