import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_FIGURES,
  FIGURES,
  type BaseFigure,
  type DossierChannel,
  type DossierEventType,
  type DossierStatus,
  type Figure,
  type FigureCounts,
  type Index766,
  type Statistics,
  type StatisticsDossierPage,
} from '@motcua/common';
import { appendEvent } from '@motcua/domain';
import type { Db } from '@motcua/db';
import { ensureAccount } from '../../helpers/accounts.js';
import { ensureAgency, ensureProcedure } from '../../helpers/agency-tree.js';
import { build } from '../../helpers/build.js';
import { authHeader } from '../../helpers/requests.js';
import { readPdf } from '../../forms/pdf.js';
import { FIRST_DATA_ROW, STATISTICS_SHEET } from '../../../src/services/statistics-workbook.js';

/**
 * The processing statistics (Biểu 06, docs/legal.md §5.1) of a seeded month, against a table computed
 * by hand below; the drill-down lists exactly the dossiers each figure counts; the spreadsheet and
 * the PDF carry the API's numbers; the Decision 766 index takes its on-time rate from the same
 * figures; and who may read them.
 *
 * The month is November 2026 in an agency tree of its own (a test province with two districts and a
 * commune), so no other test file's dossiers are counted. Each dossier is written as the real paths
 * write it: the Dossier row as reception stores it, the events reception, the task service and the
 * workers append (received, task_completed, supplement_requested, result_ready, refused, withdrawn),
 * and the clock pauses of a supplement request.
 */

const ROOT = { code: '000.00.00.T99', name: 'UBND tỉnh Thử Nghiệm' };
const DISTRICT = { code: '000.00.01.T99', name: 'UBND huyện Thống Nhất' };
const DISTRICT2 = { code: '000.00.02.T99', name: 'UBND huyện Hòa Bình' };
const COMMUNE = { code: '000.01.01.T99', name: 'UBND xã Tân Lập' };
const BUILDING = { code: 'T99.000001', field: 'Hoạt động xây dựng', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ' };
const CIVIL = { code: 'T99.000002', field: 'Hộ tịch', name: 'Đăng ký khai sinh' };

const USERS = {
  rootLeader: 't99.leader',
  rootAuditor: 't99.auditor',
  districtLeader: 't99.district.leader',
  communeLeader: 't99.commune.leader',
  receptionist: 't99.receptionist',
  specialist: 't99.specialist',
  specialist2: 't99.specialist2',
} as const;

/** An instant given in Vietnam time (UTC+7), 2026. */
function vn(month: number, day: number, hour = 9, minute = 0): Date {
  return new Date(Date.UTC(2026, month - 1, day, hour - 7, minute));
}

interface SeededDossier {
  name: string;
  procedure: 'building' | 'civil';
  channel: DossierChannel;
  status: DossierStatus;
  receivedAt: Date;
  /** The appointment on the receipt; absent when the clock never started. */
  dueAt?: Date;
  /** Reception's event: absent = received complete. */
  reception?: 'reception_incomplete' | 'reception_refused';
  resultReadyAt?: Date;
  finishedAt?: Date;
  /** Who completed the specialist's step, an hour before the result was ready. */
  specialist?: string;
  pauses?: { pausedAt: Date; resumedAt?: Date }[];
}

/** The month's dossiers; their names say what the hand-computed table counts them as. */
const DOSSIERS: SeededDossier[] = [
  // carried over from October, result ready on 4/11 before the appointment of 5/11: early
  {
    name: 'D1',
    procedure: 'building',
    channel: 'counter',
    status: 'returned',
    receivedAt: vn(10, 20, 10),
    dueAt: vn(11, 5, 17),
    resultReadyAt: vn(11, 4, 10),
    finishedAt: vn(11, 6, 10),
    specialist: USERS.specialist,
  },
  // carried over, still open and past its appointment of 31/10
  {
    name: 'D2',
    procedure: 'building',
    channel: 'online',
    status: 'in_progress',
    receivedAt: vn(10, 25, 14),
    dueAt: vn(10, 31, 17),
  },
  // result ready on the appointment's day: on time
  {
    name: 'D3',
    procedure: 'building',
    channel: 'counter',
    status: 'returned',
    receivedAt: vn(11, 2),
    dueAt: vn(11, 9, 17),
    resultReadyAt: vn(11, 9, 11),
    finishedAt: vn(11, 10, 8),
    specialist: USERS.specialist,
  },
  // by post, result ready two days after the appointment: late (still waiting to be returned)
  {
    name: 'D4',
    procedure: 'building',
    channel: 'post',
    status: 'result_ready',
    receivedAt: vn(11, 3),
    dueAt: vn(11, 10, 17),
    resultReadyAt: vn(11, 12, 10),
    specialist: USERS.specialist2,
  },
  // online, paused three days for a supplement: 14/11 less three days is 11/11, before 12/11: early
  {
    name: 'D5',
    procedure: 'building',
    channel: 'online',
    status: 'returned',
    receivedAt: vn(11, 5),
    dueAt: vn(11, 12, 17),
    resultReadyAt: vn(11, 14, 10),
    finishedAt: vn(11, 16, 9),
    specialist: USERS.specialist,
    pauses: [{ pausedAt: vn(11, 6), resumedAt: vn(11, 9) }],
  },
  // asked twice for a supplement: late whatever the dates (Decision 766)
  {
    name: 'D6',
    procedure: 'building',
    channel: 'counter',
    status: 'result_ready',
    receivedAt: vn(11, 10),
    dueAt: vn(11, 17, 17),
    resultReadyAt: vn(11, 13, 10),
    specialist: USERS.specialist2,
    pauses: [
      { pausedAt: vn(11, 11, 9), resumedAt: vn(11, 11, 15) },
      { pausedAt: vn(11, 12, 9), resumedAt: vn(11, 12, 10) },
    ],
  },
  // refused during processing, long before the appointment: early, and refused
  {
    name: 'D7',
    procedure: 'building',
    channel: 'counter',
    status: 'refused',
    receivedAt: vn(11, 20),
    dueAt: vn(12, 10, 17),
    finishedAt: vn(11, 25, 10),
  },
  // withdrawn by the applicant a day after the appointment: late, and withdrawn
  {
    name: 'D8',
    procedure: 'civil',
    channel: 'online',
    status: 'withdrawn',
    receivedAt: vn(11, 24),
    dueAt: vn(11, 25, 17),
    finishedAt: vn(11, 26, 10),
  },
  // open at the month's end, appointment in December: in progress within time
  {
    name: 'D9',
    procedure: 'civil',
    channel: 'counter',
    status: 'in_progress',
    receivedAt: vn(11, 28),
    dueAt: vn(12, 3, 17),
  },
  // waiting on a supplement since 26/11, before its appointment of 27/11: in progress within time
  {
    name: 'D10',
    procedure: 'civil',
    channel: 'counter',
    status: 'awaiting_supplement',
    receivedAt: vn(11, 15),
    dueAt: vn(11, 27, 17),
    pauses: [{ pausedAt: vn(11, 26) }],
  },
  // open and past its appointment of 20/11: in progress, late
  {
    name: 'D11',
    procedure: 'civil',
    channel: 'counter',
    status: 'in_progress',
    receivedAt: vn(11, 16),
    dueAt: vn(11, 20, 17),
  },
  // received in December: not in November
  {
    name: 'D12',
    procedure: 'building',
    channel: 'counter',
    status: 'received',
    receivedAt: vn(12, 2),
    dueAt: vn(12, 9, 17),
  },
  // processing ended in October (result ready 10/10), returned in November: counted in October only, late there
  {
    name: 'D13',
    procedure: 'building',
    channel: 'counter',
    status: 'returned',
    receivedAt: vn(10, 1),
    dueAt: vn(10, 8, 17),
    resultReadyAt: vn(10, 10, 10),
    finishedAt: vn(11, 2, 9),
  },
  // incomplete at reception, and refused at reception: the clock never started
  {
    name: 'D14',
    procedure: 'building',
    channel: 'counter',
    status: 'incomplete',
    receivedAt: vn(11, 5),
    reception: 'reception_incomplete',
  },
  {
    name: 'D15',
    procedure: 'building',
    channel: 'counter',
    status: 'refused',
    receivedAt: vn(11, 6),
    reception: 'reception_refused',
    finishedAt: vn(11, 6),
  },
  // received at 23:00 on 30/11 in Vietnam (16:00 UTC): November; and at 00:30 on 1/12: December
  {
    name: 'D16',
    procedure: 'building',
    channel: 'counter',
    status: 'received',
    receivedAt: vn(11, 30, 23),
    dueAt: vn(12, 7, 17),
  },
  {
    name: 'D17',
    procedure: 'building',
    channel: 'counter',
    status: 'received',
    receivedAt: vn(12, 1, 0, 30),
    dueAt: vn(12, 8, 17),
  },
  // result ready at 18:30 on the appointment's day, after its hour: on time by the day
  {
    name: 'D18',
    procedure: 'building',
    channel: 'counter',
    status: 'returned',
    receivedAt: vn(11, 18),
    dueAt: vn(11, 25, 17),
    resultReadyAt: vn(11, 25, 18, 30),
    finishedAt: vn(11, 26, 8),
    specialist: USERS.specialist2,
  },
];

/** What each dossier counts as in November, by hand. */
const NOVEMBER: Record<string, BaseFigure[]> = {
  D1: ['carriedOver', 'handledEarly'],
  D2: ['carriedOver', 'inProgressLate'],
  D3: ['receivedCounter', 'handledOnTime'],
  D4: ['receivedPost', 'handledLate'],
  D5: ['receivedOnline', 'handledEarly', 'returnedForSupplement'],
  D6: ['receivedCounter', 'handledLate', 'returnedForSupplement'],
  D7: ['receivedCounter', 'handledEarly', 'refused'],
  D8: ['receivedOnline', 'handledLate', 'withdrawn'],
  D9: ['receivedCounter', 'inProgressOnTime'],
  D10: ['receivedCounter', 'inProgressOnTime', 'returnedForSupplement'],
  D11: ['receivedCounter', 'inProgressLate'],
  D16: ['receivedCounter', 'inProgressOnTime'],
  D18: ['receivedCounter', 'handledOnTime'],
};

/** The month's table, computed by hand from the comments above (columns in BASE_FIGURES order). */
const COLUMNS = BASE_FIGURES;
type Line = [number, number, number, number, number, number, number, number, number, number, number, number];
//                 carried online counter post early onTime late ipOnTime ipLate supplement refused withdrawn
const BY_AGENCY: Record<string, Line> = {
  [ROOT.code]: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  [DISTRICT.code]: [2, 1, 5, 1, 3, 2, 2, 1, 1, 2, 1, 0],
  [DISTRICT2.code]: [0, 1, 3, 0, 0, 0, 1, 2, 1, 1, 0, 1],
};
const TOTAL: Line = [2, 2, 8, 1, 3, 2, 3, 3, 2, 3, 1, 1];
const BY_OFFICER: Record<string, Line> = {
  [USERS.specialist]: [1, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0],
  [USERS.specialist2]: [0, 0, 2, 1, 0, 1, 2, 0, 0, 1, 0, 0],
  '-': [1, 1, 5, 0, 1, 0, 1, 3, 2, 1, 1, 1],
};
/** October and November by month: D13 handled late in October; D1 and D2 carried into November. */
const OCTOBER: Line = [0, 1, 2, 0, 0, 0, 1, 1, 1, 0, 0, 0];
const OCTOBER_TO_NOVEMBER: Line = [0, 3, 10, 1, 3, 2, 4, 3, 2, 3, 1, 1];

function line(figures: FigureCounts): number[] {
  return COLUMNS.map((figure) => figures[figure]);
}

let app: FastifyInstance;
const codeOf = new Map<string, string>();

/** Writes a dossier as reception, the task service and the workers would have written it. */
async function seedDossier(
  db: Db,
  dossier: SeededDossier,
  index: number,
  procedures: Record<'building' | 'civil', { id: string; versionId: string; agencyId: string; agencyCode: string }>,
) {
  const procedure = procedures[dossier.procedure];
  const day = dossier.receivedAt.toISOString().slice(2, 10).replaceAll('-', '');
  const code = `${procedure.agencyCode}-${day}-${String(9000 + index).padStart(4, '0')}`;
  codeOf.set(dossier.name, code);
  if (await db.dossier.findUnique({ where: { code } })) return;
  const started = dossier.reception === undefined;
  const row = await db.dossier.create({
    data: {
      code,
      procedureId: procedure.id,
      procedureVersionId: procedure.versionId,
      legalRegime: 'Nghị định 118/2025/NĐ-CP',
      agencyId: procedure.agencyId,
      applicantName: `Người nộp ${dossier.name}`,
      applicantIdNumber: '049190009999',
      applicantPhone: '0905000999',
      applicantAddress: 'Thôn Thử Nghiệm',
      requestSummary: dossier.procedure === 'building' ? BUILDING.name : CIVIL.name,
      channel: dossier.channel,
      status: dossier.status,
      receivedAt: dossier.receivedAt,
      dueAt: dossier.dueAt ?? null,
      originalDueAt: dossier.dueAt ?? null,
      finishedAt: dossier.finishedAt ?? null,
      clockPausedAt: dossier.pauses?.find((pause) => !pause.resumedAt)?.pausedAt ?? null,
      receivedBy: USERS.receptionist,
    },
  });
  const event = (type: DossierEventType, actor: string, occurredAt: Date, dedupeKey?: string) =>
    appendEvent(db, { dossierId: row.id, type, actor, occurredAt, ...(dedupeKey ? { dedupeKey } : {}) });
  await appendEvent(db, {
    dossierId: row.id,
    type: dossier.reception ?? 'received',
    actor: USERS.receptionist,
    occurredAt: dossier.receivedAt,
    data: { procedureCode: dossier.procedure === 'building' ? BUILDING.code : CIVIL.code, channel: dossier.channel },
  });
  if (!started) return;
  for (const [number, pause] of (dossier.pauses ?? []).entries()) {
    await db.clockPause.create({
      data: {
        dossierId: row.id,
        reason: 'supplement',
        items: ['Bản vẽ bổ sung'],
        requestedBy: USERS.specialist,
        pausedAt: pause.pausedAt,
        remainingWorkingMinutes: 960,
        resumedAt: pause.resumedAt ?? null,
        resumedBy: pause.resumedAt ? 'system' : null,
      },
    });
    await event('supplement_requested', 'system', pause.pausedAt, `request-supplement:${number}`);
    if (pause.resumedAt) await event('supplement_received', 'system', pause.resumedAt, `resume:${number}`);
  }
  if (dossier.specialist && dossier.resultReadyAt) {
    const completedAt = new Date(dossier.resultReadyAt.getTime() - 3_600_000);
    await event('task_completed', dossier.specialist, completedAt, 'appraise:complete');
    // the leader approves after the specialist: not the handling officer
    await event('task_completed', USERS.rootLeader, new Date(completedAt.getTime() + 60_000), 'approve:complete');
  }
  if (dossier.resultReadyAt) await event('result_ready', 'system', dossier.resultReadyAt, 'result-ready');
  if (dossier.status === 'returned') await event('returned', 'system', dossier.finishedAt!, 'returned');
  if (dossier.status === 'refused') await event('refused', 'system', dossier.finishedAt!, 'refused');
  if (dossier.status === 'withdrawn') await event('withdrawn', 'leader', dossier.finishedAt!);
}

beforeAll(async () => {
  app = await build();
  const root = await ensureAgency(app.db, ROOT, null);
  const district = await ensureAgency(app.db, DISTRICT, ROOT.code);
  const district2 = await ensureAgency(app.db, DISTRICT2, ROOT.code);
  await ensureAgency(app.db, COMMUNE, DISTRICT.code);
  void root;
  const version = { processKey: 'household_business_registration', effectiveFrom: vn(1, 1) };
  const building = await ensureProcedure(app.db, BUILDING, district.id, version);
  const civil = await ensureProcedure(app.db, CIVIL, district2.id, version);
  const accounts: [string, string, ('leader' | 'auditor' | 'receptionist' | 'specialist')[], string][] = [
    [USERS.rootLeader, 'Trần Thị Lãnh', ['leader'], ROOT.code],
    [USERS.rootAuditor, 'Phạm Văn Kiểm', ['auditor'], ROOT.code],
    [USERS.districtLeader, 'Lê Văn Huyện', ['leader'], DISTRICT.code],
    [USERS.communeLeader, 'Võ Thị Xã', ['leader'], COMMUNE.code],
    [USERS.receptionist, 'Ngô Thị Tiếp', ['receptionist'], DISTRICT.code],
    [USERS.specialist, 'Lê Văn Thụ', ['specialist'], DISTRICT.code],
    [USERS.specialist2, 'Đặng Thị Lý', ['specialist'], DISTRICT.code],
  ];
  for (const [username, fullName, roles, agencyCode] of accounts) {
    await ensureAccount(app.db, { username, fullName, roles, agencyCode });
  }
  const procedures = {
    building: { ...building, agencyId: district.id, agencyCode: DISTRICT.code },
    civil: { ...civil, agencyId: district2.id, agencyCode: DISTRICT2.code },
  };
  for (const [index, dossier] of DOSSIERS.entries()) await seedDossier(app.db, dossier, index, procedures);
  // citizens' ratings of three finished dossiers, as the public rating route stores them (docs/legal.md §7)
  for (const [name, level, ratedAt] of [
    ['D1', 'dissatisfied', vn(11, 7)],
    ['D7', 'satisfied', vn(11, 26)],
    ['D8', 'very_satisfied', vn(11, 27)],
  ] as const) {
    const dossier = await app.db.dossier.findUniqueOrThrow({ where: { code: codeOf.get(name)! } });
    await app.db.satisfactionRating.upsert({
      where: { dossierId: dossier.id },
      update: {},
      create: {
        dossierId: dossier.id,
        agencyId: dossier.agencyId,
        officer: USERS.receptionist,
        scores: [2, 2, 2, 2, 2, 2, 2, 2, 2],
        level,
        ratedAt,
      },
    });
  }
});
afterAll(async () => {
  await app.close();
});

async function get(url: string, username: string = USERS.rootLeader) {
  return app.inject({ method: 'GET', url, headers: await authHeader(app, username) });
}

const MONTH = `agencyCode=${ROOT.code}&from=2026-11-01&to=2026-11-30`;

async function statistics(query: string, username?: string): Promise<Statistics> {
  const response = await get(`/api/reports/statistics?${query}`, username);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Statistics>();
}

describe('the statistics of a month (Biểu 06)', () => {
  it('count per agency exactly what the hand-computed table says', async () => {
    const result = await statistics(`${MONTH}&groupBy=agency`);
    expect(result.agency).toEqual(ROOT);
    expect(Object.fromEntries(result.rows.map((row) => [row.key, line(row.figures)]))).toEqual(BY_AGENCY);
    expect(line(result.total)).toEqual(TOTAL);
  });

  it('add the totals up as Biểu 06 checks them: received = carried over + online + counter/post = handled + in progress', async () => {
    const { total, onTimeRate } = await statistics(MONTH);
    expect(total.received).toBe(13);
    expect(total.receivedCounterOrPost).toBe(9);
    expect(total.handled).toBe(8);
    expect(total.inProgress).toBe(5);
    expect(total.received).toBe(total.handled + total.inProgress);
    // (3 early + 2 on time + 3 in progress within time) ÷ 13 received
    expect(onTimeRate).toBe(61.54);
  });

  it('count per handling officer (the last specialist to complete a step), per field and per procedure', async () => {
    const byOfficer = await statistics(`${MONTH}&groupBy=officer`);
    expect(Object.fromEntries(byOfficer.rows.map((row) => [row.key ?? '-', line(row.figures)]))).toEqual(BY_OFFICER);
    expect(byOfficer.rows.find((row) => row.key === USERS.specialist)?.label).toBe('Lê Văn Thụ');

    const byField = await statistics(`${MONTH}&groupBy=field`);
    expect(Object.fromEntries(byField.rows.map((row) => [row.key, line(row.figures)]))).toEqual({
      [BUILDING.field]: BY_AGENCY[DISTRICT.code],
      [CIVIL.field]: BY_AGENCY[DISTRICT2.code],
    });
    const byProcedure = await statistics(`${MONTH}&groupBy=procedure`);
    expect(byProcedure.rows.map((row) => [row.key, row.label, line(row.figures)])).toEqual([
      [BUILDING.code, BUILDING.name, BY_AGENCY[DISTRICT.code]],
      [CIVIL.code, CIVIL.name, BY_AGENCY[DISTRICT2.code]],
    ]);
  });

  it('split a period by month, each month its own carried over, the total over the whole period', async () => {
    const result = await statistics(
      `agencyCode=${ROOT.code}&from=2026-10-01&to=2026-11-30&groupBy=period&interval=month`,
    );
    expect(result.rows.map((row) => [row.key, row.label, line(row.figures)])).toEqual([
      ['2026-10-01..2026-10-31', 'Tháng 10/2026', OCTOBER],
      ['2026-11-01..2026-11-30', 'Tháng 11/2026', TOTAL],
    ]);
    expect(line(result.total)).toEqual(OCTOBER_TO_NOVEMBER);
    // what was in progress at the end of October is what November carried over
    expect(result.rows[0]!.figures.inProgress).toBe(result.rows[1]!.figures.carriedOver);
  });

  it('count a district’s subtree for its own leader', async () => {
    const result = await statistics(`agencyCode=${DISTRICT.code}&from=2026-11-01&to=2026-11-30`, USERS.districtLeader);
    expect(line(result.total)).toEqual(BY_AGENCY[DISTRICT.code]);
    expect(result.rows.map((row) => row.key)).toEqual([DISTRICT.code, COMMUNE.code]);
  });
});

/** The totals of Biểu 06, as sums of the base figures, written out by hand. */
const TOTALS_BY_HAND: Partial<Record<Figure, BaseFigure[]>> = {
  received: ['carriedOver', 'receivedOnline', 'receivedCounter', 'receivedPost'],
  receivedCounterOrPost: ['receivedCounter', 'receivedPost'],
  handled: ['handledEarly', 'handledOnTime', 'handledLate'],
  inProgress: ['inProgressOnTime', 'inProgressLate'],
};

describe('the drill-down', () => {
  async function page(figure: Figure, extra = ''): Promise<StatisticsDossierPage> {
    const response = await get(`/api/reports/statistics/dossiers?${MONTH}&figure=${figure}&perPage=100${extra}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<StatisticsDossierPage>();
  }
  const expectedCodes = (figures: readonly BaseFigure[]) =>
    Object.entries(NOVEMBER)
      .filter(([, counted]) => counted.some((figure) => figures.includes(figure)))
      .map(([name]) => codeOf.get(name)!)
      .sort();

  it('lists, for every figure, the dossiers it counts, as many as the figure says', async () => {
    const { total } = await statistics(MONTH);
    for (const figure of FIGURES) {
      const listed = await page(figure);
      const parts = TOTALS_BY_HAND[figure] ?? [figure as BaseFigure];
      expect(listed.total, figure).toBe(total[figure]);
      expect(listed.data.map((dossier) => dossier.code).sort(), figure).toEqual(expectedCodes(parts));
    }
  });

  it('narrows to one row of a grouping, and pages', async () => {
    const row = await page('handled', `&groupBy=officer&key=${USERS.specialist2}`);
    expect(row.data.map((dossier) => dossier.code).sort()).toEqual(
      ['D4', 'D6', 'D18'].map((name) => codeOf.get(name)!).sort(),
    );
    expect(row.data.every((dossier) => dossier.officer === USERS.specialist2)).toBe(true);
    const none = await page('received', '&groupBy=officer&key=-');
    expect(none.total).toBe(BY_OFFICER['-']!.slice(0, 4).reduce((sum, value) => sum + value, 0));

    const first = await get(`/api/reports/statistics/dossiers?${MONTH}&figure=received&perPage=5&page=1`);
    const third = await get(`/api/reports/statistics/dossiers?${MONTH}&figure=received&perPage=5&page=3`);
    const beyond = await get(`/api/reports/statistics/dossiers?${MONTH}&figure=received&perPage=5&page=9`);
    expect(first.json<StatisticsDossierPage>().data).toHaveLength(5);
    expect(third.json<StatisticsDossierPage>().data).toHaveLength(3);
    expect(beyond.json<StatisticsDossierPage>()).toMatchObject({ data: [], total: 13, page: 9 });
  });

  it('tells each dossier’s end of processing and officer, without the applicant’s personal data', async () => {
    const listed = await page('handledEarly');
    const d5 = listed.data.find((dossier) => dossier.code === codeOf.get('D5'));
    expect(d5).toMatchObject({
      procedureCode: BUILDING.code,
      field: BUILDING.field,
      agency: DISTRICT,
      channel: 'online',
      processingEndedAt: vn(11, 14, 10).toISOString(),
      originalDueAt: vn(11, 12, 17).toISOString(),
      officer: USERS.specialist,
    });
    expect(JSON.stringify(listed)).not.toContain('Người nộp');
    expect(JSON.stringify(listed)).not.toContain('0905000999');
  });
});

describe('the exports', () => {
  it('the spreadsheet holds the API’s numbers, row by row', async () => {
    const api = await statistics(`${MONTH}&groupBy=agency`);
    const response = await get(`/api/reports/statistics.xlsx?${MONTH}&groupBy=agency`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain(`thong-ke-${ROOT.code}-2026-11-01-2026-11-30.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(STATISTICS_SHEET)!;
    const printed = [...api.rows.map((row) => row.figures), api.total];
    const headers = sheet.getRow(FIRST_DATA_ROW - 1).values as unknown[];
    printed.forEach((figures, offset) => {
      const values = sheet.getRow(FIRST_DATA_ROW + offset).values as unknown[];
      // exceljs rows are 1-based: [, STT, label, figures…]
      const label = values[2];
      expect(label).toBe(offset < api.rows.length ? api.rows[offset]!.label : 'Tổng cộng');
      const numbers = values.slice(3);
      expect(numbers).toHaveLength(headers.slice(3).length);
      expect(numbers.every((value) => typeof value === 'number')).toBe(true);
      expect(numbers.reduce<number>((sum, value) => sum + (value as number), 0)).toBeGreaterThanOrEqual(0);
    });
    const totalRow = sheet.getRow(FIRST_DATA_ROW + api.rows.length).values as unknown[];
    // the printed order: received, carried over, online, counter, post, handled, early, on time, late, in progress, within, late, supplement, refused, withdrawn
    expect(totalRow.slice(3)).toEqual([13, 2, 2, 8, 1, 8, 3, 2, 3, 5, 3, 2, 3, 1, 1]);
    const districtRow = sheet.getRow(FIRST_DATA_ROW + 1).values as unknown[];
    expect(districtRow.slice(2)).toEqual([DISTRICT.name, 9, 2, 1, 5, 1, 7, 3, 2, 2, 2, 1, 1, 2, 1, 0]);
  });

  it('the PDF is A4, laid out like Biểu 06, with the same totals', async () => {
    const response = await get(`/api/reports/statistics.pdf?${MONTH}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(response.rawPayload);
    expect(Math.round(Math.max(pdf.pages[0]!.width, pdf.pages[0]!.height))).toBe(842);
    expect(pdf.text).toContain('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(pdf.text).toContain('Biểu số 06/VPCP/KSTT');
    expect(pdf.text).toContain(DISTRICT.name);
    expect(pdf.text).toContain('Tổng cộng');
    expect(pdf.text).toContain('61,54%');
  });
});

describe('the Decision 766 index', () => {
  it('computes the on-time rate from the same figures and marks what needs outside data', async () => {
    const response = await get(`/api/reports/index-766?${MONTH}`);
    expect(response.statusCode, response.body).toBe(200);
    const index = response.json<Index766>();
    expect(index.agencies.map((entry) => entry.agency.code)).toEqual([ROOT.code, DISTRICT.code, DISTRICT2.code]);
    const whole = index.agencies[0]!;
    const onTime = whole.indicators.find((indicator) => indicator.id === '2.1')!;
    expect(onTime).toMatchObject({
      availability: 'computed',
      numerator: 8,
      denominator: 13,
      value: 61.54,
      maxPoints: 20,
    });
    // no target: ratio × maximum
    expect(onTime.points).toBe(12.31);
    expect(onTime.formula).toContain('÷');
    expect(onTime.source).toContain('766');
    const district2 = index.agencies[2]!.indicators.find((indicator) => indicator.id === '2.1')!;
    // (0 + 0 + 2 within time) ÷ 4
    expect(district2).toMatchObject({ numerator: 2, denominator: 4, value: 50, points: 10 });
    const average = whole.indicators.find((indicator) => indicator.id === '2.2')!;
    expect(average).toMatchObject({ availability: 'computed', unit: 'ngày', points: 0, denominator: 8 });
    expect(average.value).toBeGreaterThan(0);
    // citizens' ratings, for reference (no points): 2 of 3 satisfied; the district 1 of 2, the other 1 of 1
    const rated = index.agencies.map((entry) => entry.indicators.find((indicator) => indicator.id === '5.r'));
    expect(rated.map((indicator) => [indicator?.numerator, indicator?.denominator, indicator?.value])).toEqual([
      [2, 3, 66.67],
      [1, 2, 50],
      [1, 1, 100],
    ]);
    expect(rated[0]).toMatchObject({ availability: 'computed', points: 0, maxPoints: 0 });
    for (const indicator of whole.indicators.filter((candidate) => !['2.1', '2.2', '5.r'].includes(candidate.id))) {
      expect(indicator, indicator.id).toMatchObject({ availability: 'needs_outside_data', value: null, points: null });
      expect(indicator.missing, indicator.id).toBeTruthy();
    }
    expect(whole.computedMaxPoints).toBe(20);
  });
});

describe('who may read them', () => {
  it('the oversight roles of the agency and those above it; 403 to an agency below, another tree or another role', async () => {
    expect((await get(`/api/reports/statistics?${MONTH}`, USERS.rootAuditor)).statusCode).toBe(200);
    expect(
      (await get(`/api/reports/statistics?agencyCode=${DISTRICT.code}&from=2026-11-01&to=2026-11-30`)).statusCode,
    ).toBe(200);
    for (const [username, agencyCode] of [
      [USERS.districtLeader, ROOT.code],
      [USERS.communeLeader, DISTRICT.code],
      ['admin', ROOT.code],
      ['leader', DISTRICT.code],
    ] as const) {
      for (const path of ['/statistics', '/statistics/dossiers', '/statistics.xlsx', '/statistics.pdf', '/index-766']) {
        const figure = path === '/statistics/dossiers' ? '&figure=received' : '';
        const response = await get(
          `/api/reports${path}?agencyCode=${agencyCode}&from=2026-11-01&to=2026-11-30${figure}`,
          username,
        );
        expect(response.statusCode, `${username} ${path}`).toBe(403);
      }
    }
    for (const username of [USERS.receptionist, USERS.specialist]) {
      expect((await get(`/api/reports/statistics?${MONTH}`, username)).statusCode, username).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: `/api/reports/statistics?${MONTH}` })).statusCode).toBe(401);
  });

  it('a bad query answers 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['agencyCode=000.00.99.X00&from=2026-11-01&to=2026-11-30', 'agencyCode'],
      [`agencyCode=${ROOT.code}&from=2026-11-30&to=2026-11-01`, 'from'],
      [`agencyCode=${ROOT.code}&from=2026-11-01&to=2026-11-31`, 'to'],
      [`${MONTH}&groupBy=weather`, 'groupBy'],
      [`${MONTH}&groupBy=period&interval=decade`, 'interval'],
      [`agencyCode=${ROOT.code}&from=2020-01-01&to=2026-11-30`, 'to'],
    ];
    for (const [query, field] of cases) {
      const response = await get(`/api/reports/statistics?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.body, query).toContain(field);
    }
    for (const [query, field] of [
      [`${MONTH}&figure=everything`, 'figure'],
      [`${MONTH}&figure=handled&groupBy=officer`, 'key'],
      [`${MONTH}&figure=handled&perPage=1000`, 'perPage'],
    ] as const) {
      const response = await get(`/api/reports/statistics/dossiers?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.body, query).toContain(field);
    }
  });
});
