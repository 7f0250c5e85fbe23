import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOSSIER_STATUSES,
  type Apology,
  type ApologyReport,
  type AtRiskDossier,
  type Dossier,
  type DossierApologies,
} from '@motcua/common';
import { dayNumberOf, toVietnamDate, vietnamInstant, weekdayOf } from '@motcua/common/calendar';
import { processVariables } from '@motcua/common/testing';
import { isRunning } from '@motcua/domain';
import { createAtRiskScan } from '@motcua/workers/src/scans/at-risk.js';
import { inject } from 'vitest';
import { ensureAccount, ensureOtherDistrict, OTHER_DISTRICT } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { engineGet, testEngine, UNREACHABLE_ENGINE_URL } from '../../helpers/engine.js';
import { claimTask, getDossier, waitForDossier, waitForTask, workTask } from '../../helpers/dossier-journey.js';
import { authHeader, DISTRICT_CODE, receiveDossier, type Username } from '../../helpers/requests.js';
import { startTestWorkers } from '../../helpers/workers.js';
import { workListDisagreements } from '../../helpers/work-list-joined.js';

/**
 * The apology with a new appointment (Mẫu 04, docs/legal.md §6): the current handler drafts, a
 * leader of the handling agency other than the drafter approves or rejects; only approval moves the
 * appointment, at most APOLOGY_LIMIT (1) times per dossier, notifies the applicant once and makes the
 * engine follow; a dossier gets one, and is listed at risk, only while its clock runs. Dossiers are
 * received and carried through the API with the real workers and engine.
 */
let app: FastifyInstance;
let workers: { stop(): Promise<void> };
const engineAccess = () => ({
  url: inject('engineUrl'),
  user: inject('engineUser'),
  password: inject('enginePassword'),
});
const today = toVietnamDate(new Date());

beforeAll(async () => {
  app = await build();
  workers = startTestWorkers();
  await ensureOtherDistrict(app.db);
  await ensureAccount(app.db, {
    username: 'apology-specialist2',
    fullName: 'Đặng Văn Em',
    roles: ['specialist'],
    agencyCode: DISTRICT_CODE,
  });
  await ensureAccount(app.db, {
    username: 'apology-leader2',
    fullName: 'Trịnh Văn Tâm',
    roles: ['leader'],
    agencyCode: DISTRICT_CODE,
  });
  await ensureAccount(app.db, {
    username: 'apology-leader-dl',
    fullName: 'Võ Thị Hạnh',
    roles: ['leader'],
    agencyCode: OTHER_DISTRICT.code,
  });
  await ensureAccount(app.db, {
    username: 'apology-specialist-dl',
    fullName: 'Ngô Văn Khoa',
    roles: ['specialist'],
    agencyCode: OTHER_DISTRICT.code,
  });
});
afterAll(async () => {
  await workers.stop();
  await app.close();
});

/** A dossier received complete whose appointment the workers have computed. */
async function dossierWithAppointment(overrides: Parameters<typeof receiveDossier>[1] = {}): Promise<Dossier> {
  const { code } = await receiveDossier(app, overrides);
  return waitForDossier(app, code, (dossier) => dossier.dueAt !== null && dossier.status === 'in_progress');
}

/** `hour`:00 in Vietnam on the first working day (of the server's legal clock) after `after`. */
async function workingDayAfter(after: string, hour = 9): Promise<Date> {
  const { calendar } = await app.legalClock.setup();
  let day = dayNumberOf(new Date(after)) + 1;
  while (!calendar.isWorkingDay(day)) day += 1;
  return vietnamInstant(day, hour * 60);
}

async function firstSaturdayAfter(after: string): Promise<Date> {
  let day = dayNumberOf(new Date(after)) + 1;
  while (weekdayOf(day) !== 6) day += 1;
  return vietnamInstant(day, 10 * 60);
}

async function draft(username: Username, code: string, body: object) {
  return app.inject({
    method: 'POST',
    url: `/api/dossiers/${code}/apologies`,
    headers: await authHeader(app, username),
    payload: body,
  });
}

async function decide(username: Username, id: string, decision: 'approve' | 'reject', body: object = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/apologies/${id}/${decision}`,
    headers: await authHeader(app, username),
    payload: body,
  });
}

async function apologyCounts(): Promise<ApologyReport> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/reports/apologies?from=${today}&to=${today}`,
    headers: await authHeader(app, 'auditor'),
  });
  expect(response.statusCode).toBe(200);
  return response.json<ApologyReport>();
}

function districtRow(report: ApologyReport) {
  return report.agencies.find((row) => row.agency.code === DISTRICT_CODE)!;
}

const REASON = 'Chờ ý kiến của Sở Xây dựng về chỉ giới xây dựng của thửa đất';

/** Runs the workers' at-risk scan two hours before the dossier's appointment; the codes it flagged. */
async function scanForRisk(dossier: Dossier): Promise<string[]> {
  const setup = await app.legalClock.setup();
  const scan = createAtRiskScan({
    db: app.db,
    engine: testEngine(),
    clock: () => setup,
    now: () => new Date(Date.parse(dossier.dueAt!) - 2 * 3_600_000),
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    intervalMs: 60_000,
  });
  return scan.scanOnce();
}

describe('drafting an apology', () => {
  let dossier: Dossier;
  let newDueAt: Date;

  beforeAll(async () => {
    dossier = await dossierWithAppointment();
    await claimTask(app, 'specialist', dossier.code, 'appraisal');
    newDueAt = await workingDayAfter(dossier.dueAt!);
  });

  it('lets only the officer holding the dossier draft its apology', async () => {
    // given the appraisal is claimed by the specialist
    const body = { reason: REASON, newDueAt: newDueAt.toISOString() };
    // when another specialist of the agency, the receptionist or the auditor drafts, then 403
    for (const username of ['apology-specialist2', 'receptionist', 'auditor'] as const) {
      const response = await draft(username, dossier.code, body);
      expect(response.statusCode, username).toBe(403);
    }
    // and an officer of another district does not even see the dossier
    expect((await draft('apology-specialist-dl', dossier.code, body)).statusCode).toBe(404);
  });

  it('tells each officer whether they may draft, by the same rules', async () => {
    // given the appraisal is claimed by the specialist and no apology exists yet
    async function mayDraft(username: Username): Promise<boolean> {
      const response = await app.inject({
        method: 'GET',
        url: `/api/dossiers/${dossier.code}/apologies`,
        headers: await authHeader(app, username),
      });
      expect(response.statusCode, username).toBe(200);
      return response.json<DossierApologies>().mayDraft;
    }
    // then the specialist holding it and the agency's leader may; the others may not
    expect(await mayDraft('specialist')).toBe(true);
    expect(await mayDraft('leader')).toBe(true);
    for (const username of ['apology-specialist2', 'receptionist', 'auditor'] as const) {
      expect(await mayDraft(username), username).toBe(false);
    }
  });

  it('refuses a new date that is not later than the current appointment', async () => {
    const response = await draft('specialist', dossier.code, { reason: REASON, newDueAt: dossier.dueAt });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([expect.objectContaining({ path: 'body/newDueAt', code: 'due_not_later' })]);
  });

  it('refuses a new date on a day off or outside office hours', async () => {
    const saturday = await firstSaturdayAfter(dossier.dueAt!);
    const evening = await workingDayAfter(dossier.dueAt!, 19);
    for (const date of [saturday, evening]) {
      const response = await draft('specialist', dossier.code, { reason: REASON, newDueAt: date.toISOString() });
      expect(response.statusCode, date.toISOString()).toBe(400);
      expect(response.json().issues[0]).toMatchObject({ path: 'body/newDueAt', code: 'outside_working_time' });
    }
  });

  it('stores the handler’s draft without moving the appointment', async () => {
    // when the specialist holding the appraisal drafts
    const response = await draft('specialist', dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() });
    // then the draft waits for the leader, against the current appointment
    expect(response.statusCode).toBe(201);
    expect(response.json<Apology>()).toMatchObject({
      dossierCode: dossier.code,
      status: 'draft',
      number: null,
      letterNumber: null,
      reason: REASON,
      previousDueAt: dossier.dueAt,
      newDueAt: newDueAt.toISOString(),
      draftedBy: { username: 'specialist', fullName: 'Lê Văn Cường' },
      agency: { code: DISTRICT_CODE },
    });
    // and the appointment has not moved
    expect(await getDossier(app, dossier.code)).toMatchObject({
      dueAt: dossier.dueAt,
      originalDueAt: dossier.originalDueAt,
    });
  });

  it('keeps one draft at a time', async () => {
    const response = await draft('leader', dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() });
    expect(response.statusCode).toBe(409);
    expect(response.json().issues[0].code).toBe('apology_pending');
  });

  it('says no one may draft while a draft waits', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossier.code}/apologies`,
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.json<DossierApologies>()).toMatchObject({ data: [{ status: 'draft' }], mayDraft: false });
  });

  it('lists the draft to the agency’s leader', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/apologies?status=draft',
      headers: await authHeader(app, 'leader'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ data: Apology[] }>().data.map((apology) => apology.dossierCode)).toContain(dossier.code);
  });
});

describe('approving an apology', () => {
  let dossier: Dossier;
  let apology: Apology;
  let newDueAt: Date;
  let before: ApologyReport;

  beforeAll(async () => {
    before = await apologyCounts();
    dossier = await dossierWithAppointment({
      applicant: {
        fullName: 'Nguyễn Thị Hồng Nhung',
        idNumber: '049186001234',
        phone: '0905123456',
        address: 'Thôn Mỹ Phước, xã Duy Thành, huyện Duy Xuyên',
        email: 'hongnhung@example.vn',
      },
    });
    await claimTask(app, 'specialist', dossier.code, 'appraisal');
    newDueAt = await workingDayAfter(dossier.dueAt!, 10);
    const response = await draft('specialist', dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() });
    expect(response.statusCode).toBe(201);
    apology = response.json<Apology>();
  });

  it('lets only a leader of the handling agency decide', async () => {
    expect((await decide('specialist', apology.id, 'approve')).statusCode).toBe(403);
    expect((await decide('apology-leader-dl', apology.id, 'approve')).statusCode).toBe(404);
    expect((await decide('apology-leader-dl', apology.id, 'reject', { note: 'Không đồng ý' })).statusCode).toBe(404);
  });

  it('moves the appointment, never the original one, numbers the letter and makes the engine follow', async () => {
    // when the leader approves
    const response = await decide('leader', apology.id, 'approve', { note: 'Đồng ý' });
    // then the apology is approved with the letter's number of the agency and year
    expect(response.statusCode).toBe(200);
    const approved = response.json<Apology>();
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: { username: 'leader', fullName: 'Phạm Thị Dung' },
      decisionNote: 'Đồng ý',
      engineSynced: true,
    });
    expect(approved.number).toBeGreaterThanOrEqual(1);
    expect(approved.letterNumber).toBe(`${approved.number}/PXL`);
    // and the appointment is the new date, the one printed on the receipt unchanged
    expect(await getDossier(app, dossier.code)).toMatchObject({
      dueAt: newDueAt.toISOString(),
      originalDueAt: dossier.originalDueAt,
    });
    // and the engine's appointment follows, while the appraisal keeps its own earlier deadline
    const variables = await processVariables(engineAccess(), dossier.processInstanceId!);
    expect(Date.parse(variables.dueAt!.value as string)).toBe(newDueAt.getTime());
    const appraisal = await waitForTask(app, 'specialist', dossier.code, 'appraisal');
    expect(Date.parse(appraisal.due!)).toBeLessThan(Date.parse(dossier.dueAt!));
    // and the handler's work list judges the dossier by the new appointment, as a join of each task
    // with its dossier does: overdue by the old one, nearly due by the new one
    const bounds = { now: new Date(Date.parse(dossier.dueAt!) + 60_000), nearlyDueUntil: newDueAt };
    const procedureCode = dossier.procedure.code;
    expect(await workListDisagreements(app.db, 'specialist', { code: dossier.code, procedureCode }, bounds)).toEqual(
      [],
    );
  });

  it('queues the apology to the applicant once, by SMS and e-mail', async () => {
    // when the leader approves again (a retry)
    const again = await decide('leader', apology.id, 'approve');
    expect(again.statusCode).toBe(200);
    // then nothing more is numbered, logged or queued
    const first = await app.db.apology.findUniqueOrThrow({ where: { id: apology.id } });
    expect(again.json<Apology>().number).toBe(first.number);
    const notifications = await app.db.notification.findMany({
      where: { dossierId: dossier.id, kind: 'apology' },
      orderBy: { channel: 'asc' },
    });
    expect(notifications.map((n) => [n.channel, n.recipient])).toEqual([
      ['sms', '0905123456'],
      ['email', 'hongnhung@example.vn'],
    ]);
    expect(notifications[0]!.body).toContain(dossier.code);
    const events = await app.db.dossierEvent.findMany({ where: { dossierId: dossier.id, type: 'apology_approved' } });
    expect(events).toHaveLength(1);
  });

  it('refuses a second new appointment for the same dossier (APOLOGY_LIMIT 1)', async () => {
    const later = await workingDayAfter(newDueAt.toISOString());
    const response = await draft('specialist', dossier.code, { reason: REASON, newDueAt: later.toISOString() });
    expect(response.statusCode).toBe(409);
    expect(response.json().issues[0].code).toBe('apology_limit_reached');
  });

  it('counts the drafted and approved apology for the agency', async () => {
    const after = districtRow(await apologyCounts());
    expect(after.drafted - districtRow(before).drafted).toBe(1);
    expect(after.approved - districtRow(before).approved).toBe(1);
    expect(after.rejected - districtRow(before).rejected).toBe(0);
  });
});

describe('rejecting an apology', () => {
  it('keeps the appointment and counts the rejection', async () => {
    // given a draft
    const before = districtRow(await apologyCounts());
    const dossier = await dossierWithAppointment();
    await claimTask(app, 'specialist', dossier.code, 'appraisal');
    const newDueAt = await workingDayAfter(dossier.dueAt!);
    const drafted = await draft('specialist', dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() });
    const { id } = drafted.json<Apology>();
    // when the leader rejects without a note, then 400 naming the note
    const bare = await decide('leader', id, 'reject', {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().issues[0].path).toBe('body/note');
    // when the leader rejects saying why
    const rejected = await decide('leader', id, 'reject', { note: 'Chưa đủ căn cứ để gia hạn' });
    // then it is rejected and the appointment stays
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json<Apology>()).toMatchObject({
      status: 'rejected',
      number: null,
      decisionNote: 'Chưa đủ căn cứ để gia hạn',
    });
    expect((await getDossier(app, dossier.code)).dueAt).toBe(dossier.dueAt);
    // and it cannot be decided again
    expect((await decide('leader', id, 'approve')).json().issues[0].code).toBe('apology_decided');
    // and the rejection is counted
    const after = districtRow(await apologyCounts());
    expect([
      after.drafted - before.drafted,
      after.approved - before.approved,
      after.rejected - before.rejected,
    ]).toEqual([1, 0, 1]);
    // and a rejected draft does not use up the limit: the handler may draft again
    expect(
      (await draft('specialist', dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() })).statusCode,
    ).toBe(201);
  });
});

describe('the engine follows the approved date', () => {
  it('moves the due date of an open step that was due at the old appointment', async () => {
    // given a dossier whose open step, the appraisal the specialist holds, ends at its appointment
    // (as when one step takes the whole legal time)
    const dossier = await dossierWithAppointment();
    const appraising = await claimTask(app, 'specialist', dossier.code, 'appraisal');
    await app.db.dossier.update({ where: { id: dossier.id }, data: { dueAt: new Date(appraising.due!) } });
    const current = await getDossier(app, dossier.code);
    // when the specialist drafts and the leader approves
    const newDueAt = await workingDayAfter(current.dueAt!, 14);
    const drafted = await draft('specialist', dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() });
    expect(drafted.statusCode).toBe(201);
    const approved = await decide('leader', drafted.json<Apology>().id, 'approve');
    expect(approved.json<Apology>().engineSynced).toBe(true);
    // then the open task is due at the new date, and so is its overdue reminder
    const task = await waitForTask(app, 'specialist', dossier.code, 'appraisal');
    expect(Date.parse(task.due!)).toBe(newDueAt.getTime());
    const timers = await engineGet<{ dueDate: string }[]>(
      `/job?processInstanceId=${dossier.processInstanceId}&timers=true`,
    );
    expect(timers.map((timer) => Date.parse(timer.dueDate))).toEqual([newDueAt.getTime()]);
  });

  it('reports an engine it could not reach, and approving again makes the engine follow', async () => {
    // given an apology the leader drafted and another leader approved while the engine was down:
    // the database is updated, the engine is not
    const dossier = await dossierWithAppointment();
    const newDueAt = await workingDayAfter(dossier.dueAt!, 11);
    const down = await build({ ENGINE_URL: UNREACHABLE_ENGINE_URL });
    let id: string;
    try {
      const drafted = await down.inject({
        method: 'POST',
        url: `/api/dossiers/${dossier.code}/apologies`,
        headers: await authHeader(down, 'leader'),
        payload: { reason: REASON, newDueAt: newDueAt.toISOString() },
      });
      expect(drafted.statusCode).toBe(201);
      id = drafted.json<Apology>().id;
      const approved = await down.inject({
        method: 'POST',
        url: `/api/apologies/${id}/approve`,
        headers: await authHeader(down, 'apology-leader2'),
        payload: {},
      });
      expect(approved.statusCode).toBe(200);
      expect(approved.json<Apology>()).toMatchObject({ status: 'approved', engineSynced: false });
    } finally {
      await down.close();
    }
    expect((await getDossier(app, dossier.code)).dueAt).toBe(newDueAt.toISOString());
    const stale = await processVariables(engineAccess(), dossier.processInstanceId!);
    expect(Date.parse(stale.dueAt!.value as string)).toBe(Date.parse(dossier.dueAt!));
    // when that leader approves again with the engine up
    const retried = await decide('apology-leader2', id, 'approve');
    // then the engine follows
    expect(retried.json<Apology>().engineSynced).toBe(true);
    const synced = await processVariables(engineAccess(), dossier.processInstanceId!);
    expect(Date.parse(synced.dueAt!.value as string)).toBe(newDueAt.getTime());
    const listed = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossier.code}/apologies`,
      headers: await authHeader(app, 'auditor'),
    });
    expect(listed.json<{ data: Apology[] }>().data).toEqual([expect.objectContaining({ id, engineSynced: true })]);
  });
});

describe('the dossiers at risk', () => {
  it('lists a flagged dossier to its handler and leader until an apology moves its appointment', async () => {
    // given a dossier whose appraisal the specialist holds, flagged by the workers' scan a few hours before its appointment
    const dossier = await dossierWithAppointment();
    await claimTask(app, 'specialist', dossier.code, 'appraisal');
    expect(await scanForRisk(dossier)).toContain(dossier.code);
    const atRisk = async (username: Username) => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/reports/at-risk',
        headers: await authHeader(app, username),
      });
      expect(response.statusCode).toBe(200);
      return response.json<{ data: AtRiskDossier[] }>().data.map((entry) => entry.code);
    };
    // then the specialist holding it and the leader see it; another specialist does not
    expect(await atRisk('specialist')).toContain(dossier.code);
    expect(await atRisk('leader')).toContain(dossier.code);
    expect(await atRisk('apology-specialist2')).not.toContain(dossier.code);
    expect(
      (await app.inject({ method: 'GET', url: '/api/reports/at-risk', headers: await authHeader(app, 'auditor') }))
        .statusCode,
    ).toBe(403);
    // when an apology moves its appointment
    const newDueAt = await workingDayAfter(dossier.dueAt!);
    const drafted = await draft('specialist', dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() });
    await decide('leader', drafted.json<Apology>().id, 'approve');
    // then it is no longer at risk
    expect(await atRisk('leader')).not.toContain(dossier.code);
  });
});

describe('a paused dossier', () => {
  it('gets no apology while the clock waits on the applicant', async () => {
    const dossier = await dossierWithAppointment();
    await workTask(app, 'specialist', dossier.code, 'appraisal', {
      outcome: 'request_supplement',
      supplementItems: ['Bản vẽ mặt cắt công trình có chữ ký của chủ đầu tư'],
    });
    await waitForDossier(app, dossier.code, (current) => current.status === 'awaiting_supplement');
    const newDueAt = await workingDayAfter(dossier.dueAt!);
    const response = await draft('leader', dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() });
    expect(response.statusCode).toBe(409);
    expect(response.json().issues[0].code).toBe('wrong_status');
  });
});

describe('a leader’s own apology', () => {
  it('is decided by another leader of the agency, never by the leader who drafted it', async () => {
    // given an apology the leader drafted for a dossier of the agency
    const dossier = await dossierWithAppointment();
    const newDueAt = await workingDayAfter(dossier.dueAt!);
    const drafted = await draft('leader', dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() });
    expect(drafted.statusCode).toBe(201);
    const { id } = drafted.json<Apology>();
    // when the same leader approves or rejects it, then 403 with the stable code own_apology
    for (const [decision, body] of [
      ['approve', {}],
      ['reject', { note: 'Tự hủy phiếu' }],
    ] as const) {
      const response = await decide('leader', id, decision, body);
      expect(response.statusCode, decision).toBe(403);
      expect(response.json().issues, decision).toEqual([
        expect.objectContaining({ path: 'params/id', code: 'own_apology' }),
      ]);
    }
    // and nothing was decided
    expect((await getDossier(app, dossier.code)).dueAt).toBe(dossier.dueAt);
    expect((await app.db.apology.findUniqueOrThrow({ where: { id } })).status).toBe('draft');
    // when another leader of the agency approves it, then it is approved
    const approved = await decide('apology-leader2', id, 'approve');
    expect(approved.statusCode).toBe(200);
    expect(approved.json<Apology>()).toMatchObject({ status: 'approved', decidedBy: { username: 'apology-leader2' } });
  });
});

describe('a dossier whose clock no longer runs', () => {
  it('gets no apology once its result is ready, even from the officer holding its return', async () => {
    // given a dossier carried through appraisal and approval: the workers record its result ready
    const dossier = await dossierWithAppointment();
    await workTask(app, 'specialist', dossier.code, 'appraisal', { outcome: 'approve' });
    await workTask(app, 'leader', dossier.code, 'leader-approval', { outcome: 'approve' });
    await waitForDossier(app, dossier.code, (current) => current.status === 'result_ready');
    await claimTask(app, 'receptionist', dossier.code, 'return-result');
    const newDueAt = await workingDayAfter(dossier.dueAt!);
    for (const username of ['receptionist', 'leader'] as const) {
      // then it is offered to nobody
      const listed = await app.inject({
        method: 'GET',
        url: `/api/dossiers/${dossier.code}/apologies`,
        headers: await authHeader(app, username),
      });
      expect(listed.json<DossierApologies>().mayDraft, username).toBe(false);
      // and a draft is refused as a conflict with the dossier's status
      const response = await draft(username, dossier.code, { reason: REASON, newDueAt: newDueAt.toISOString() });
      expect(response.statusCode, username).toBe(409);
      expect(response.json().issues[0].code, username).toBe('wrong_status');
    }
  });

  it('is offered an apology and listed at risk exactly while its clock runs, status by status', async () => {
    // given a dossier flagged at risk by the workers' scan while its clock ran
    const dossier = await dossierWithAppointment();
    expect(await scanForRisk(dossier)).toContain(dossier.code);
    const headers = await authHeader(app, 'leader');
    for (const status of DOSSIER_STATUSES) {
      // when the dossier is in each status of the vocabulary
      await app.db.dossier.update({ where: { id: dossier.id }, data: { status } });
      const atRisk = await app.inject({ method: 'GET', url: '/api/reports/at-risk', headers });
      const apologies = await app.inject({ method: 'GET', url: `/api/dossiers/${dossier.code}/apologies`, headers });
      // then the leader sees it at risk, and may apologise for it, only while its clock runs
      const listed = atRisk.json<{ data: AtRiskDossier[] }>().data.some((entry) => entry.code === dossier.code);
      expect(listed, status).toBe(isRunning(status));
      expect(apologies.json<DossierApologies>().mayDraft, status).toBe(isRunning(status));
    }
  });
});
