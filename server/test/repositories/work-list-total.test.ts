import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QueryTaskSchema, TASK_LIST_TOTAL_CAP, type QueryTask, type Role } from '@motcua/common';
import { createDb, DEMO_AGENCIES, type Db } from '@motcua/db';
import { dossierAccessOf } from '@motcua/domain';
import { createTaskRepository } from '../../src/repositories/task-repository.js';
import type { TokenPayload } from '../../src/schemas/auth.js';

/**
 * The work list's total is counted up to TASK_LIST_TOTAL_CAP and answered as one more beyond it
 * (src/repositories/task-repository.ts workListStatements); the pages go on past it. An agency of its
 * own keeps the tasks of this file apart from those the other files open.
 */
let db: Db;
const AGENCY = { code: '000.99.77.H41', name: 'UBND xã Kiểm Thử Giới Hạn' };
const PROCESS = 'capped-work-list';
/** Past the cap for the specialists alone; a few more for the leaders, and a few for both. */
const SPECIALIST_TASKS = TASK_LIST_TOTAL_CAP + 3;
const LEADER_TASKS = 5;
const SHARED_TASKS = 4;
const DAY = 86_400_000;
const now = new Date();
const bounds = { now, nearlyDueUntil: new Date(now.getTime() + DAY) };

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  const agency = await db.agency.create({
    data: { ...AGENCY, parent: { connect: { code: DEMO_AGENCIES.district.code } } },
  });
  const version = await db.procedureVersion.findFirstOrThrow({ orderBy: { version: 'desc' } });
  // given one dossier received at the agency, whose process has every task of this file open
  await db.dossier.create({
    data: {
      code: `${AGENCY.code}-CAPPED`,
      procedureId: version.procedureId,
      procedureVersionId: version.id,
      legalRegime: 'Nghị định 118/2025/NĐ-CP',
      agencyId: agency.id,
      applicantName: 'Giới Hạn',
      applicantIdNumber: '049190000777',
      applicantPhone: '0905000111',
      applicantAddress: 'Thôn Mỹ Hòa',
      requestSummary: version.name,
      status: 'in_progress',
      receivedAt: now,
      dueAt: new Date(now.getTime() + 10 * DAY),
      processInstanceId: PROCESS,
      receivedBy: 'receptionist',
    },
  });
  const specialists = `specialist:${AGENCY.code}`;
  const leaders = `leader:${AGENCY.code}`;
  for (const [prefix, count, groups] of [
    ['specialist', SPECIALIST_TASKS, [specialists]],
    ['leader', LEADER_TASKS, [leaders]],
    ['shared', SHARED_TASKS, [specialists, leaders]],
  ] as const) {
    await db.$executeRaw`
      INSERT INTO "OpenTask" (id, "processInstanceId", "processDefinitionId", "taskDefinitionKey", name, created, due,
                              "candidateGroups")
      SELECT ${`${PROCESS}-${prefix}-`} || lpad(n::text, 5, '0'), ${PROCESS}, 'capped:1:x', 'review', 'Thẩm định',
             now() - n * interval '1 second', now() + n * interval '1 minute', ${groups}::text[]
      FROM generate_series(1, ${count}) AS n`;
  }
}, 120_000);

afterAll(async () => {
  await db.openTask.deleteMany({ where: { processInstanceId: PROCESS } });
  await db.dossier.deleteMany({ where: { processInstanceId: PROCESS } });
  // the agency's code history row is written with it
  await db.agencyCode.deleteMany({ where: { agency: { code: AGENCY.code } } });
  await db.agency.deleteMany({ where: { code: AGENCY.code } });
  await db.$disconnect();
});

async function workList(roles: Role[], query: Partial<QueryTask> = {}) {
  const caller: TokenPayload = {
    sub: `capped.${roles.join('.')}`,
    roles,
    agencyCode: AGENCY.code,
    fullName: 'Giới Hạn',
    ver: 0,
  };
  const access = await dossierAccessOf(db, caller);
  return createTaskRepository(db).workList(caller, access, QueryTaskSchema.parse(query), bounds);
}

describe('the work list’s total', () => {
  it('is exact up to the cap, each task offered to two of the caller’s groups counted once', async () => {
    // when a leader, whose groups hold fewer tasks than the cap, asks for the list
    const { total } = await workList(['leader']);
    // then every task offered to the leaders is counted, those shared with the specialists too
    expect(total).toBe(LEADER_TASKS + SHARED_TASKS);
  });

  it('says “more than the cap” past it, for one group and for the sum of several', async () => {
    // when the specialists, and an officer who is specialist and leader, ask for the list
    for (const roles of [['specialist'], ['specialist', 'leader']] as Role[][]) {
      const { total, rows } = await workList(roles, { perPage: 100 });
      // then the total is one more than the cap, and the page is full
      expect(total, roles.join('+')).toBe(TASK_LIST_TOTAL_CAP + 1);
      expect(rows).toHaveLength(100);
    }
  });

  it('leaves the pages going on past the cap, each task once, soonest due first', async () => {
    // when the specialists page through the whole list, 100 at a time, until a page is not full
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const { rows } = await workList(['specialist'], { perPage: 100, page });
      ids.push(...rows.map((row) => row.id));
      if (rows.length < 100) break;
    }
    // then they met every task offered to them, each once, in the order of their due dates
    expect(ids).toHaveLength(SPECIALIST_TASKS + SHARED_TASKS);
    expect(new Set(ids).size).toBe(ids.length);
    const dues = await db.openTask.findMany({ where: { id: { in: ids } }, select: { id: true, due: true } });
    const dueOf = new Map(dues.map((task) => [task.id, task.due!.getTime()]));
    const inOrder = ids.map((id) => dueOf.get(id)!);
    expect(inOrder).toEqual([...inOrder].sort((a, b) => a - b));
  });
});
