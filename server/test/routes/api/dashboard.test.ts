import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOSSIER_STATUSES,
  OPEN_TIMELINESS,
  type Dashboard,
  type DossierEventType,
  type DossierStatus,
} from '@motcua/common';
import { parseLocalDate, toVietnamDate, vietnamInstant } from '@motcua/common/calendar';
import { appendEvent } from '@motcua/domain';
import type { Db } from '@motcua/db';
import { ensureAccount } from '../../helpers/accounts.js';
import { ensureAgency, ensureProcedure } from '../../helpers/agency-tree.js';
import {
  loadShippedProcedures,
  nextTask,
  postTaskAction,
  receiveFor,
  startStack,
  taskPage,
} from '../../helpers/procedure-walk.js';
import { authHeader, DEMO_PROCEDURE_CODE, type Username } from '../../helpers/requests.js';

/**
 * GET /api/reports/dashboard: the counts of a seeded agency tree against a table computed by hand
 * below (statuses, timeliness judged now, the nearly-due and overdue pages, the trend of the last two
 * months); and, on the demo district with the real engine and workers, the same numbers as the
 * dossier list and the work list give for dossiers received and a task claimed in this test.
 *
 * The seeded tree (a province with a district and a commune, codes ending T98) is this file's own, so
 * no other test file's dossiers are counted there. Appointments are set around the moment the test
 * runs, so the timeliness is known whatever the day.
 */

const ROOT = { code: '000.00.00.T98', name: 'UBND tỉnh Bảng Điều Khiển' };
const DISTRICT = { code: '000.00.01.T98', name: 'UBND huyện An Bình' };
const COMMUNE = { code: '000.01.01.T98', name: 'UBND xã An Hòa' };
const PROCEDURE = { code: 'T98.000001', field: 'Hộ tịch', name: 'Đăng ký khai sinh (thử nghiệm)' };

const USERS = {
  rootAuditor: 't98.auditor',
  districtLeader: 't98.leader',
  communeLeader: 't98.commune.leader',
  receptionist: 't98.receptionist',
  specialist: 't98.specialist',
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
/** Today in Vietnam, and 00:00 of the first day of its month. */
const today = toVietnamDate(new Date(now));
const monthStart = vietnamInstant(parseLocalDate(`${today.slice(0, 8)}01`), 0);

interface SeededDossier {
  name: string;
  status: DossierStatus;
  receivedAt: Date;
  dueAt?: Date;
  reception?: 'reception_incomplete';
  paused?: boolean;
  /** Result ready and returned at this instant. */
  finishedAt?: Date;
}

/** The tree's dossiers; their names say what the hand-computed table counts them as. */
const DOSSIERS: SeededDossier[] = [
  // overdue for three days, received last month
  {
    name: 'OVERDUE_OLD',
    status: 'in_progress',
    receivedAt: new Date(monthStart.getTime() - 20 * DAY),
    dueAt: new Date(now - 3 * DAY),
  },
  // overdue by two hours, received this month
  { name: 'OVERDUE_NEW', status: 'in_progress', receivedAt: monthStart, dueAt: new Date(now - 2 * HOUR) },
  // due in half an hour: within any nearly-due lead of at least that much working time
  { name: 'NEARLY_DUE', status: 'in_progress', receivedAt: monthStart, dueAt: new Date(now + 30 * 60_000) },
  // due in forty days
  { name: 'NOT_DUE', status: 'received', receivedAt: monthStart, dueAt: new Date(now + 40 * DAY) },
  // waiting on a supplement: the clock stands still
  {
    name: 'PAUSED',
    status: 'awaiting_supplement',
    receivedAt: monthStart,
    dueAt: new Date(now + 40 * DAY),
    paused: true,
  },
  // received last month, result ready and returned at the start of this one, days before its appointment
  {
    name: 'RETURNED',
    status: 'returned',
    receivedAt: new Date(monthStart.getTime() - 10 * DAY),
    dueAt: new Date(monthStart.getTime() + 5 * DAY),
    finishedAt: monthStart,
  },
  // incomplete at reception: no clock, no timeliness, not received for the statistics
  { name: 'INCOMPLETE', status: 'incomplete', receivedAt: monthStart, reception: 'reception_incomplete' },
];

/** By hand: the dossiers per status, every other status none. */
const STATUSES: Partial<Record<DossierStatus, number>> = {
  in_progress: 3,
  received: 1,
  awaiting_supplement: 1,
  returned: 1,
  incomplete: 1,
};
/** By hand: the open dossiers per timeliness. */
const TIMELINESS = { not_due: 1, nearly_due: 1, overdue: 2, paused: 1 };
/** By hand, the last two months: received (new) and handled (early, on time, late). */
const TREND = [
  { received: 2, handled: 0, handledEarly: 0, handledOnTime: 0, handledLate: 0 },
  { received: 4, handled: 1, handledEarly: 1, handledOnTime: 0, handledLate: 0 },
];

let app: FastifyInstance;
let stop: () => Promise<void>;
const codeOf = new Map<string, string>();

/** Writes a dossier as reception and the workers would have written it, under the next code of its day. */
async function seedDossier(
  db: Db,
  dossier: SeededDossier,
  procedure: { id: string; versionId: string; agencyId: string },
) {
  const day = toVietnamDate(dossier.receivedAt).slice(2).replaceAll('-', '');
  const sequence = (await db.dossier.count({ where: { code: { startsWith: `${DISTRICT.code}-${day}-` } } })) + 1;
  const code = `${DISTRICT.code}-${day}-${String(sequence).padStart(4, '0')}`;
  codeOf.set(dossier.name, code);
  const row = await db.dossier.create({
    data: {
      code,
      procedureId: procedure.id,
      procedureVersionId: procedure.versionId,
      legalRegime: 'Nghị định 118/2025/NĐ-CP',
      agencyId: procedure.agencyId,
      applicantName: `Người nộp ${dossier.name}`,
      applicantIdNumber: '049190009898',
      applicantPhone: '0905000988',
      applicantAddress: 'Thôn Thử Nghiệm',
      requestSummary: PROCEDURE.name,
      channel: 'counter',
      status: dossier.status,
      receivedAt: dossier.receivedAt,
      dueAt: dossier.dueAt ?? null,
      originalDueAt: dossier.dueAt ?? null,
      finishedAt: dossier.finishedAt ?? null,
      clockPausedAt: dossier.paused ? dossier.receivedAt : null,
      receivedBy: USERS.receptionist,
    },
  });
  const event = (type: DossierEventType, occurredAt: Date, dedupeKey?: string) =>
    appendEvent(db, { dossierId: row.id, type, actor: 'system', occurredAt, ...(dedupeKey ? { dedupeKey } : {}) });
  await appendEvent(db, {
    dossierId: row.id,
    type: dossier.reception ?? 'received',
    actor: USERS.receptionist,
    occurredAt: dossier.receivedAt,
    data: { procedureCode: PROCEDURE.code, channel: 'counter' },
  });
  if (dossier.paused) {
    await db.clockPause.create({
      data: {
        dossierId: row.id,
        reason: 'supplement',
        items: ['Bản sao giấy chứng sinh'],
        requestedBy: USERS.specialist,
        pausedAt: dossier.receivedAt,
        remainingWorkingMinutes: 960,
      },
    });
    await event('supplement_requested', dossier.receivedAt, 'request-supplement:0');
  }
  if (dossier.finishedAt) {
    await event('result_ready', dossier.finishedAt, 'result-ready');
    await event('returned', dossier.finishedAt, 'returned');
  }
}

beforeAll(async () => {
  ({ app, stop } = await startStack());
  await ensureAgency(app.db, ROOT, null);
  const district = await ensureAgency(app.db, DISTRICT, ROOT.code);
  await ensureAgency(app.db, COMMUNE, DISTRICT.code);
  const accounts: [string, string, ('leader' | 'auditor' | 'receptionist' | 'specialist')[], string][] = [
    [USERS.rootAuditor, 'Phạm Thị Soát', ['auditor'], ROOT.code],
    [USERS.districtLeader, 'Lê Văn Điều', ['leader'], DISTRICT.code],
    [USERS.communeLeader, 'Võ Thị Khiển', ['leader'], COMMUNE.code],
    [USERS.receptionist, 'Ngô Thị Nhận', ['receptionist'], DISTRICT.code],
    [USERS.specialist, 'Đặng Văn Thụ', ['specialist'], DISTRICT.code],
  ];
  for (const [username, fullName, roles, agencyCode] of accounts) {
    await ensureAccount(app.db, { username, fullName, roles, agencyCode });
  }
  const version = { processKey: 'birth_registration', effectiveFrom: new Date('2026-01-01T00:00:00Z') };
  const procedure = { ...(await ensureProcedure(app.db, PROCEDURE, district.id, version)), agencyId: district.id };
  for (const dossier of DOSSIERS) await seedDossier(app.db, dossier, procedure);
}, 600_000);
afterAll(() => stop());

async function get(url: string, username: Username) {
  return app.inject({ method: 'GET', url, headers: await authHeader(app, username) });
}

async function dashboard(username: Username, query = ''): Promise<Dashboard> {
  const response = await get(`/api/reports/dashboard?${query}`, username);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Dashboard>();
}

function statusCounts(answer: Dashboard): Record<DossierStatus, number> {
  return Object.fromEntries(answer.statuses.map((row) => [row.status, row.count])) as Record<DossierStatus, number>;
}

describe('the counts of a seeded agency tree, by hand', () => {
  it('counts the district leader’s dossiers by status, every status listed', async () => {
    const answer = await dashboard(USERS.districtLeader);
    expect(answer.agency).toEqual(DISTRICT);
    expect(answer.statuses.map((row) => row.status)).toEqual([...DOSSIER_STATUSES]);
    expect(statusCounts(answer)).toEqual(
      Object.fromEntries(DOSSIER_STATUSES.map((status) => [status, STATUSES[status] ?? 0])),
    );
  });

  it('counts the open dossiers by the dossier list’s timeliness, judged now', async () => {
    const answer = await dashboard(USERS.districtLeader);
    expect(answer.timeliness).toEqual(TIMELINESS);
    expect(new Date(answer.nearlyDueUntil).getTime()).toBeGreaterThan(new Date(answer.at).getTime());
  });

  it('lists the overdue dossiers most overdue first, one page at a time, and the nearly due ones', async () => {
    const first = await dashboard(USERS.districtLeader, 'perPage=1');
    expect(first.overdue).toMatchObject({ total: 2, page: 1, perPage: 1 });
    expect(first.overdue.data.map((row) => row.code)).toEqual([codeOf.get('OVERDUE_OLD')]);
    const second = await dashboard(USERS.districtLeader, 'perPage=1&overduePage=2');
    expect(second.overdue.data.map((row) => row.code)).toEqual([codeOf.get('OVERDUE_NEW')]);
    expect(second.overdue.data[0]).toMatchObject({
      status: 'in_progress',
      applicantName: 'Người nộp OVERDUE_NEW',
      procedureName: PROCEDURE.name,
      agency: DISTRICT,
      handlers: [],
    });
    expect(first.nearlyDue.total).toBe(1);
    expect(first.nearlyDue.data.map((row) => row.code)).toEqual([codeOf.get('NEARLY_DUE')]);
    const past = await dashboard(USERS.districtLeader, 'perPage=1&nearlyDuePage=3');
    expect(past.nearlyDue).toMatchObject({ total: 1, page: 3, data: [] });
  });

  it('draws the trend of the last two months from the statistics', async () => {
    const answer = await dashboard(USERS.districtLeader, 'interval=month&periods=2');
    expect(answer.trend.interval).toBe('month');
    expect(answer.trend.to).toBe(today);
    expect(answer.trend.rows).toHaveLength(2);
    expect(answer.trend.rows[1]!.from).toBe(`${today.slice(0, 8)}01`);
    expect(
      answer.trend.rows.map(({ received, handled, handledEarly, handledOnTime, handledLate }) => ({
        received,
        handled,
        handledEarly,
        handledOnTime,
        handledLate,
      })),
    ).toEqual(TREND);
    // the same numbers as the statistics of the same months
    const statistics = await get(
      `/api/reports/statistics?groupBy=period&interval=month&from=${answer.trend.from}&to=${answer.trend.to}`,
      USERS.districtLeader,
    );
    expect(statistics.statusCode, statistics.body).toBe(200);
    const { rows, onTimeRate } = statistics.json<{
      rows: { figures: { handled: number } }[];
      onTimeRate: number | null;
    }>();
    expect(rows.map((row) => row.figures.handled)).toEqual(answer.trend.rows.map((row) => row.handled));
    expect(answer.trend.onTimeRate).toBe(onTimeRate);
  });

  it('splits the trend into calendar weeks, the current one last', async () => {
    const answer = await dashboard(USERS.districtLeader, 'interval=week&periods=3');
    expect(answer.trend.rows).toHaveLength(3);
    expect(answer.trend.rows.at(-1)!.to).toBe(today);
    expect(answer.trend.rows.reduce((sum, row) => sum + row.received, 0)).toBeLessThanOrEqual(6);
  });

  it('lists the subtree’s officers of a handling role, with no open task in a tree the engine never saw', async () => {
    const answer = await dashboard(USERS.districtLeader);
    expect(answer.workload.map((row) => row.username).sort()).toEqual(
      [USERS.districtLeader, USERS.communeLeader, USERS.receptionist, USERS.specialist].sort(),
    );
    for (const row of answer.workload) expect(row).toMatchObject({ assigned: 0, assignedOverdue: 0, claimable: 0 });
  });

  it('gives the province’s auditor the same dossiers, and the commune’s leader none of the district’s', async () => {
    const auditor = await dashboard(USERS.rootAuditor);
    expect(auditor.agency).toEqual(ROOT);
    expect(statusCounts(auditor)).toEqual(statusCounts(await dashboard(USERS.districtLeader)));
    expect(auditor.timeliness).toEqual(TIMELINESS);
    const commune = await dashboard(USERS.communeLeader);
    expect(commune.statuses.every((row) => row.count === 0)).toBe(true);
    expect(commune.overdue.total).toBe(0);
  });
});

describe('who may read it, and what it refuses', () => {
  it('refuses the roles outside oversight before reading the query', async () => {
    for (const username of [USERS.receptionist, USERS.specialist]) {
      expect((await get('/api/reports/dashboard?perPage=1000', username)).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/reports/dashboard' })).statusCode).toBe(401);
  });

  it('answers 400 naming the field for a bad query', async () => {
    for (const query of ['perPage=1000', 'interval=day', 'periods=1', 'overduePage=0']) {
      const response = await get(`/api/reports/dashboard?${query}`, USERS.districtLeader);
      expect(response.statusCode, query).toBe(400);
      expect(response.body).toContain(query.split('=')[0]);
    }
  });
});

describe('the demo district, with the real engine: the dashboard agrees with the lists', () => {
  let specialist: Username;

  beforeAll(async () => {
    const permit = (await loadShippedProcedures()).find((procedure) => procedure.code === DEMO_PROCEDURE_CODE)!;
    // two dossiers received at the counter; the first step of one claimed by the specialist it is offered to
    const codes = [await receiveFor(app, permit), await receiveFor(app, permit)];
    const [first, second] = await Promise.all(codes.map((code) => nextTask(app, code)));
    specialist = first!.officer;
    expect(second!.officer).toBe(specialist);
    expect((await postTaskAction(app, specialist, first!.task.id, 'claim')).statusCode).toBe(204);
  }, 120_000);

  it('counts each officer’s open tasks as their work list does', async () => {
    const answer = await dashboard('leader');
    const row = answer.workload.find((candidate) => candidate.username === specialist);
    expect(row).toBeDefined();
    const [mine, claimable] = await Promise.all([
      taskPage(app, specialist, { assignment: 'mine', perPage: 1 }),
      taskPage(app, specialist, { assignment: 'claimable', perPage: 1 }),
    ]);
    expect(row!.assigned).toBeGreaterThanOrEqual(1);
    expect(row!.assigned).toBe(mine.total);
    expect(row!.claimable).toBeGreaterThanOrEqual(1);
    expect(row!.claimable).toBe(claimable.total);
  });

  it('counts the dossiers by status and timeliness as the dossier list filters them', async () => {
    const answer = await dashboard('leader');
    const total = async (query: string) => {
      const response = await get(`/api/dossiers?perPage=1&${query}`, 'leader');
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ total: number }>().total;
    };
    for (const { status, count } of answer.statuses) expect(count, status).toBe(await total(`status=${status}`));
    for (const timeliness of OPEN_TIMELINESS) {
      expect(answer.timeliness[timeliness], timeliness).toBe(await total(`timeliness=${timeliness}`));
    }
    expect(answer.overdue.total).toBe(answer.timeliness.overdue);
    expect(answer.nearlyDue.total).toBe(answer.timeliness.nearly_due);
  });
});
