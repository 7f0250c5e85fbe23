import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateGroupsOf, TASK_TIMELINESS, type QueryTask, type Task } from '@motcua/common';
import { hashPassword, type Db } from '@motcua/db';
import { dossierAccessOf } from '@motcua/domain';
import { createTaskRepository } from '../../../src/repositories/task-repository.js';
import type { TokenPayload } from '../../../src/schemas/auth.js';
import type { EngineTask } from '@motcua/common/engine';
import { testEngine } from '../../helpers/engine.js';
import {
  firstTaskStep,
  nextTask,
  officerOf,
  receiveFor,
  loadShippedProcedures,
  postTaskAction,
  startStack,
  taskPage,
  until,
  type ShippedProcedure,
} from '../../helpers/procedure-walk.js';
import { authHeader, DISTRICT_CODE, mandatoryDocuments, type Username } from '../../helpers/requests.js';
import { workListDisagreements } from '../../helpers/work-list-joined.js';
import { newProcedureBody, versionBody } from './procedure-bodies.js';

/**
 * GET /api/tasks with tasks of every shipped procedure open at once: one page at a time, sorted,
 * filtered and counted by the engine, each task with the outcomes its diagram offers; and a
 * definition whose diagram cannot be read is reported without breaking the list.
 */
let app: FastifyInstance;
let stop: () => Promise<void>;

/** Read before the tests are collected, so that each procedure gets its own tests. */
const PROCEDURES = await loadShippedProcedures();

/** The officer a procedure's first step is offered to, with the dossiers this file opened for them. */
interface Officer {
  username: Username;
  procedure: ShippedProcedure;
  /** At the first step: fresh, held by the officer, received a month ago; then paused, when the step can ask for a supplement. */
  dossierCodes: string[];
}
const officers: Officer[] = [];

/** Thirty days back: a dossier received then is overdue now, whichever procedure. */
const LONG_AGO = new Date(Date.now() - 30 * 24 * 3_600_000).toISOString();

beforeAll(async () => {
  ({ app, stop } = await startStack());
  // given, for every shipped procedure at once: two fresh dossiers, one received a month ago and
  // handled by hand (overdue), one paused for a supplement, and one held by the officer
  for (const procedure of PROCEDURES) {
    const codes = [
      await receiveFor(app, procedure),
      await receiveFor(app, procedure),
      await receiveFor(app, procedure, {
        backEntry: { receivedAt: LONG_AGO, reason: 'Mất điện toàn huyện, tiếp nhận thủ công' },
      }),
    ];
    const firsts = await Promise.all(codes.map((code) => nextTask(app, code)));
    const { officer } = firsts[0]!;
    const held = firsts[1]!.task;
    expect((await act(officer, held.id, 'claim')).statusCode).toBe(204);
    if (firstTaskStep(procedure).outcomes.includes('request_supplement')) {
      const pausedCode = await receiveFor(app, procedure);
      const { task } = (await nextTask(app, pausedCode))!;
      expect((await act(officer, task.id, 'claim')).statusCode).toBe(204);
      const supplement = { outcome: 'request_supplement', supplementItems: ['Bản sao có chứng thực'] };
      expect((await act(officer, task.id, 'complete', supplement)).statusCode).toBe(204);
      await nextTask(app, pausedCode);
      codes.push(pausedCode);
    }
    officers.push({ username: officer, procedure, dossierCodes: codes });
  }
}, 600_000);
afterAll(() => stop());

function act(username: Username, taskId: string, action: 'claim' | 'complete', payload?: object) {
  return postTaskAction(app, username, taskId, action, payload);
}

/** Every page of the query, walked `perPage` tasks at a time; checks each page's size and echo. */
async function allPages(username: Username, query: Record<string, string | number>, perPage = 2) {
  const pages = [];
  for (let page = 1; ; page += 1) {
    const answer = await taskPage(app, username, { ...query, page, perPage });
    expect(answer).toMatchObject({ page, perPage });
    expect(answer.data.length).toBeLessThanOrEqual(perPage);
    pages.push(answer);
    if (page * perPage >= answer.total) break;
  }
  return { tasks: pages.flatMap((page) => page.data), total: pages[0]!.total };
}

/** The tasks' values in order, non-null ones ordered as asked, and null ones together at one end. */
function expectOrdered(values: (string | null)[], order: 'asc' | 'desc') {
  const present = values.filter((value): value is string => value !== null);
  const sorted = [...present].sort((a, b) => Date.parse(a) - Date.parse(b));
  expect(present).toEqual(order === 'asc' ? sorted : sorted.reverse());
  const firstNull = values.indexOf(null);
  if (firstNull === -1) return;
  const nulls = values.slice(firstNull, firstNull + values.length - present.length);
  expect(nulls.every((value) => value === null)).toBe(true);
  expect([0, present.length]).toContain(firstNull);
}

describe('the work list with tasks of every shipped procedure open at once', () => {
  it('answers 200 to each officer, with each dossier’s task and the outcomes its diagram offers', async () => {
    for (const { username, procedure, dossierCodes } of officers) {
      // the whole first page, with tasks of every procedure in the engine
      expect((await taskPage(app, username, { perPage: 100 })).problems).toEqual([]);
      for (const dossierCode of dossierCodes) {
        // each dossier's open task, as an officer it is offered to lists it
        const { task, officer } = (await nextTask(app, dossierCode))!;
        const { data } = await taskPage(app, officer, { dossierCode });
        const step = procedure.steps.find((candidate) => candidate.activityId === task.taskDefinitionKey);
        expect(data).toEqual([task]);
        expect(task).toMatchObject({ dossierCode, procedureCode: procedure.code, outcomes: step?.outcomes ?? [] });
      }
    }
  });

  it('answers one page at most perPage long, with the total of every page', async () => {
    for (const { username } of officers) {
      const answer = await taskPage(app, username, { perPage: 1 });
      expect(answer).toMatchObject({ page: 1, perPage: 1, problems: [] });
      expect(answer.data).toHaveLength(1);
      // the three dossiers this file left at the first step, at least
      expect(answer.total).toBeGreaterThanOrEqual(3);
    }
  });

  it.each([
    ['due', 'asc'],
    ['due', 'desc'],
    ['created', 'asc'],
    ['created', 'desc'],
  ] as const)('walks the pages sorted by %s %s, with no task twice and none left out', async (sort, order) => {
    for (const { username, procedure } of officers) {
      const { tasks, total } = await allPages(username, { procedureCode: procedure.code, sort, order });
      expect(new Set(tasks.map((task) => task.id)).size).toBe(tasks.length);
      expect(tasks).toHaveLength(total);
      expectOrdered(
        tasks.map((task) => task[sort]),
        order,
      );
    }
  });

  it('filters by procedure: only that procedure’s tasks, every one of them', async () => {
    for (const { username, procedure, dossierCodes } of officers) {
      const { tasks } = await allPages(username, { procedureCode: procedure.code }, 100);
      expect(tasks.every((task) => task.procedureCode === procedure.code)).toBe(true);
      // the three dossiers at the first step (the fourth waits at the one-stop unit)
      expect(tasks.map((task) => task.dossierCode)).toEqual(expect.arrayContaining(dossierCodes.slice(0, 3)));
    }
  });

  it('filters by the beginning of a dossier code, in either case: the tasks of the dossiers received that day', async () => {
    for (const { username, dossierCodes } of officers) {
      // the code without its sequence: the receiving agency and the day
      const day = dossierCodes[0]!.slice(0, dossierCodes[0]!.lastIndexOf('-') + 1);
      const { tasks } = await allPages(username, { dossierCode: day.toLowerCase() }, 100);
      expect(tasks.every((task) => task.dossierCode.startsWith(day))).toBe(true);
      expect(tasks.map((task) => task.dossierCode)).toEqual(expect.arrayContaining(dossierCodes.slice(0, 2)));
    }
  });

  it('filters by timeliness as the dossier list judges it, and the timeliness split the running dossiers’ tasks', async () => {
    // Among this file's dossiers only: the earlier files' processes go on under this file's workers,
    // and each request judges at its own instant, so a task of theirs whose appointment is passing
    // (or whose row and engine variable are a moment apart) may be counted by two requests, or none.
    const ours = new Set(officers.flatMap(({ dossierCodes }) => dossierCodes));
    const oursOf = (tasks: Task[]) => tasks.filter((task) => ours.has(task.dossierCode));
    for (const { username, procedure, dossierCodes } of officers) {
      const everything = oursOf((await allPages(username, { procedureCode: procedure.code }, 100)).tasks);
      let counted = everything.filter((task) => !TASK_TIMELINESS.some((value) => value === task.timeliness)).length;
      for (const timeliness of TASK_TIMELINESS) {
        const listed = oursOf((await allPages(username, { procedureCode: procedure.code, timeliness }, 100)).tasks);
        expect(
          listed
            .filter((task) => task.timeliness !== timeliness)
            .map(({ dossierCode, taskDefinitionKey, dossierStatus, dossierDueAt }) => ({
              dossierCode,
              taskDefinitionKey,
              dossierStatus,
              dossierDueAt,
            })),
          `tasks listed as ${timeliness}`,
        ).toEqual([]);
        counted += listed.length;
      }
      // every task of ours falls under one timeliness, or its dossier is no longer running
      expect(counted).toBe(everything.length);
      expect(everything.length).toBeGreaterThanOrEqual(3);
      // the dossier received a month ago is overdue; the one waiting on the applicant is paused
      const overdue = await allPages(username, { procedureCode: procedure.code, timeliness: 'overdue' }, 100);
      expect(overdue.tasks.map((task) => task.dossierCode)).toContain(dossierCodes[2]);
      if (dossierCodes[3]) {
        const paused = await taskPage(app, await receptionistOf(procedure), {
          dossierCode: dossierCodes[3],
          timeliness: 'paused',
        });
        expect(paused.data.map((task) => task.timeliness)).toEqual(['paused']);
      }
    }
  });

  it('splits the list into the caller’s tasks and the claimable ones', async () => {
    for (const { username, procedure, dossierCodes } of officers) {
      const query = { procedureCode: procedure.code };
      const all = await allPages(username, query, 100);
      const mine = await allPages(username, { ...query, assignment: 'mine' }, 100);
      const claimable = await allPages(username, { ...query, assignment: 'claimable' }, 100);
      expect(mine.tasks.every((task) => task.assignee === username)).toBe(true);
      expect(claimable.tasks.every((task) => task.assignee === null)).toBe(true);
      expect(mine.total + claimable.total).toBe(all.total);
      expect(mine.tasks.map((task) => task.dossierCode)).toContain(dossierCodes[1]);
      expect(claimable.tasks.map((task) => task.dossierCode)).toContain(dossierCodes[0]);
    }
  });

  it('lists each task once to an officer of several roles, also one offered to several of their groups, as the join', async () => {
    // given, in each agency of the officers above, an officer holding all of their roles there, and
    // each of their tasks here offered to every group of that officer as well
    const accounts = await app.db.account.findMany({
      where: { username: { in: officers.map((officer) => officer.username) } },
      include: { agency: true },
    });
    const byAgency = new Map<string, typeof accounts>();
    for (const account of accounts)
      byAgency.set(account.agency.code, [...(byAgency.get(account.agency.code) ?? []), account]);
    const widened: { id: string; groups: string[]; assignee: string | null }[] = [];
    try {
      for (const [agencyCode, held] of byAgency) {
        const roles = [...new Set(held.flatMap((account) => account.roles))];
        const username = `several.roles.${agencyCode}`;
        await app.db.account.upsert({
          where: { username },
          create: {
            username,
            passwordHash: await hashPassword('demo'),
            fullName: 'Cán bộ kiêm nhiệm',
            roles,
            agencyId: held[0]!.agencyId,
          },
          update: {},
        });
        const groups = candidateGroupsOf(roles, agencyCode);
        const widenedBefore = widened.length;
        const theirs = officers.filter((officer) => held.some((account) => account.username === officer.username));
        for (const { username: officer, procedure } of theirs) {
          for (const task of (await allPages(officer, { procedureCode: procedure.code }, 100)).tasks) {
            const row = await app.db.openTask.findUniqueOrThrow({ where: { id: task.id } });
            widened.push({ id: task.id, groups: row.candidateGroups, assignee: task.assignee });
            await app.db.openTask.update({
              where: { id: task.id },
              data: { candidateGroups: [...new Set([...row.candidateGroups, ...groups])] },
            });
          }
        }
        // then every request shape answers as the join of each task with its dossier
        const now = new Date();
        const bounds = { now, nearlyDueUntil: new Date(now.getTime() + 2 * 86_400_000) };
        for (const { procedure, dossierCodes } of theirs) {
          const dossier = { code: dossierCodes[0]!, procedureCode: procedure.code };
          expect(await workListDisagreements(app.db, username, dossier, bounds)).toEqual([]);
        }
        // and its pages hold each task once, with every task offered to them that nobody holds
        const { tasks, total } = await allPages(username, {}, 3);
        expect(new Set(tasks.map((task) => task.id)).size).toBe(tasks.length);
        expect(tasks).toHaveLength(total);
        const listed = new Set(tasks.map((task) => task.id));
        const claimable = widened.slice(widenedBefore).filter((task) => task.assignee === null);
        expect(claimable.length).toBeGreaterThan(0);
        expect(claimable.filter((task) => !listed.has(task.id))).toEqual([]);
      }
    } finally {
      for (const task of widened) {
        await app.db.openTask.update({ where: { id: task.id }, data: { candidateGroups: task.groups } });
      }
    }
  });

  it('reads the same rows on the pool’s prepared statements as through Prisma, in any time zone of the server', async () => {
    // node-postgres writes and reads a timestamp without zone in the process's time zone, Prisma in
    // UTC: the work list selects instants as timestamptz and sends them in UTC, so both give the same
    // rows wherever the server runs, also when an appointment is hours from the timeliness bounds
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    try {
      const repository = createTaskRepository(app.db);
      for (const { username, procedure, dossierCodes } of officers) {
        const account = await app.db.account.findUniqueOrThrow({ where: { username }, include: { agency: true } });
        const caller = { sub: username, roles: account.roles, agencyCode: account.agency.code } as TokenPayload;
        const access = await dossierAccessOf(app.db, caller);
        // "now" three hours before one of the officer's appointments, nearly due up to an hour before
        // it: shifted by the zone's seven hours, that dossier would turn overdue
        const appointment = (await taskPage(app, username, { procedureCode: procedure.code, perPage: 100 })).data
          .map((task) => task.dossierDueAt)
          .find((dueAt) => dueAt !== null);
        expect(appointment, `an appointment among ${username}'s tasks`).toBeDefined();
        const dueAt = Date.parse(appointment!);
        const bounds = { now: new Date(dueAt - 3 * 3_600_000), nearlyDueUntil: new Date(dueAt - 3_600_000) };
        const shapes: Partial<QueryTask>[] = [
          {},
          { procedureCode: procedure.code, sort: 'created', order: 'desc' },
          { dossierCode: dossierCodes[0]! },
          ...TASK_TIMELINESS.map((timeliness) => ({ timeliness })),
        ];
        for (const shape of shapes) {
          const query: QueryTask = { page: 1, perPage: 25, sort: 'due', order: 'asc', ...shape };
          const onThePool = await repository.workList(caller, access, query, bounds);
          // a transaction's client has no pool of its own: its statements go through Prisma
          const throughPrisma = await app.db.$transaction((transaction) =>
            createTaskRepository(transaction as unknown as Db).workList(caller, access, query, bounds),
          );
          expect(onThePool, JSON.stringify(shape)).toEqual(throughPrisma);
        }
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('answers 400 naming the query field for each value the OpenAPI document rules out', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, { get: { parameters: { in: string; name: string; schema: Record<string, unknown> }[] } }>;
    }>();
    const parameters = document.paths['/api/tasks']!.get.parameters.filter((parameter) => parameter.in === 'query');
    const cases = parameters.flatMap(({ name, schema }) => {
      const bad: string[] = [];
      if (Array.isArray(schema.enum)) bad.push('not-one-of-them');
      if (typeof schema.maximum === 'number') bad.push(String(schema.maximum + 1));
      if (typeof schema.minimum === 'number') bad.push(String(schema.minimum - 1));
      if (typeof schema.maxLength === 'number') bad.push('9'.repeat(schema.maxLength + 1));
      if (typeof schema.pattern === 'string') bad.push('not a code!');
      return bad.map((value) => [name, value] as const);
    });
    expect(cases.map(([name]) => name)).toEqual(
      expect.arrayContaining(['page', 'perPage', 'sort', 'order', 'timeliness', 'assignment']),
    );
    const headers = await authHeader(app, officers[0]!.username);
    for (const [name, value] of cases) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/tasks?${new URLSearchParams({ [name]: value }).toString()}`,
        headers,
      });
      expect(response.statusCode, `${name}=${value}`).toBe(400);
      expect(response.json().issues.map((issue: { path: string }) => issue.path)).toEqual([`querystring/${name}`]);
    }
  });
});

/** The receptionist of the procedure's agency, who receives supplements. */
function receptionistOf(procedure: ShippedProcedure): Promise<Username> {
  return officerOf(app, 'receptionist', procedure.agencyCode);
}

describe('a process definition whose diagram cannot be read', () => {
  const processKey = `unreadable-steps-${process.pid}`;
  const procedureCode = `9.${String(process.pid).padStart(6, '0')}`;
  let dossierCode: string;
  let officer: Username;
  /** The open task of the dossier, as the engine has it. */
  let open: EngineTask;

  beforeAll(async () => {
    // given a diagram deployed straight to the engine whose step offers an outcome nobody knows,
    // and a procedure of the district running it
    const fixture = await readFile(
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'unreadable-steps.bpmn'),
      'utf8',
    );
    await testEngine().deploy({
      name: processKey,
      source: 'tasks-work-list.test.ts',
      files: [{ fileName: `${processKey}.bpmn`, content: fixture.replaceAll('unreadable-steps', processKey) }],
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: await authHeader(app, 'admin'),
      payload: newProcedureBody(procedureCode, { processKey }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const version = versionBody();
    const procedure: ShippedProcedure = {
      code: procedureCode,
      name: version.name,
      agencyCode: DISTRICT_CODE,
      processKey,
      steps: [],
      documents: mandatoryDocuments(version.requiredDocuments),
    };
    dossierCode = await receiveFor(app, procedure);
    officer = await officerOf(app, 'specialist', procedure.agencyCode);
    // its process has no compute-appointment, so no `dossierCode` variable: the task is found by its process
    const { processInstanceId } = await app.db.dossier.findUniqueOrThrow({ where: { code: dossierCode } });
    open = await until(`no task of ${dossierCode}`, async () =>
      processInstanceId ? (await testEngine().queryTasks({ processInstanceId }))[0] : undefined,
    );
  });

  afterAll(async () => {
    // the dossier is withdrawn (its process cancelled) and the procedure leaves the catalogue
    const headers = await authHeader(app, 'admin');
    await app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierCode}/status-override`,
      headers,
      payload: { status: 'withdrawn', authorisingDocument: 'Biên bản kiểm thử', reason: 'Dữ liệu kiểm thử' },
    });
    await app.inject({ method: 'PATCH', url: `/api/procedures/${procedureCode}`, headers, payload: { active: false } });
  });

  it('names the definition in the answer and still lists the other tasks', async () => {
    // when the officer reads a page holding the task of that definition (the newest) and tasks of the shipped ones
    const shipped = officers.find((candidate) => candidate.username === officer)!;
    // (a process that begins with a user task is in the work list within a projector pass of its start)
    const page = await until(`the task of ${dossierCode} in the work list`, async () => {
      const read = await taskPage(app, officer, { perPage: 100, sort: 'created', order: 'desc' });
      return read.data.some((task) => task.id === open.id) ? read : undefined;
    });
    // then the answer names the definition and its task, which is listed without outcomes
    expect(page.problems).toEqual([
      {
        processDefinitionId: open.processDefinitionId,
        message: expect.stringContaining('perhaps'),
        taskIds: [open.id],
      },
    ]);
    expect(page.data.find((listed) => listed.id === open.id)).toMatchObject({ dossierCode, outcomes: [] });
    // and the tasks of the shipped definitions are listed with the outcomes their diagrams offer
    const others = page.data.filter((listed) => listed.procedureCode === shipped.procedure.code);
    expect(others.length).toBeGreaterThan(0);
    for (const listed of others) {
      const step = shipped.procedure.steps.find((candidate) => candidate.activityId === listed.taskDefinitionKey);
      expect(listed.outcomes).toEqual(step?.outcomes ?? []);
    }
  });

  it('answers 502 naming the definition when the task is completed', async () => {
    expect((await act(officer, open.id, 'claim')).statusCode).toBe(204);
    const response = await act(officer, open.id, 'complete', { outcome: 'approve' });
    expect(response.statusCode).toBe(502);
    expect(response.json().message).toContain(`process definition ${open.processDefinitionId}`);
  });
});
