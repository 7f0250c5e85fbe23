import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDayInfo, CalendarYear } from '@motcua/common';
import { DEMO_AGENCIES } from '@motcua/db';
import { ensureAccount } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { authHeader } from '../../helpers/requests.js';

/**
 * The holiday calendar: computed statutory holidays (lunar ones included), compensatory days and the
 * official schedules as rows; the admin's edits change the server's legal clock at once. Edits use
 * 2031, a year no other test receives dossiers in.
 */
let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});

async function year(value: number): Promise<CalendarYear> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/calendar/${value}`,
    headers: await authHeader(app, 'receptionist'),
  });
  expect(response.statusCode).toBe(200);
  return response.json<CalendarYear>();
}

function on(calendar: CalendarYear, date: string): CalendarDayInfo | undefined {
  return calendar.days.find((day) => day.date === date);
}

async function addDay(body: Record<string, unknown>, username = 'admin') {
  return app.inject({
    method: 'POST',
    url: '/api/calendar/days',
    headers: await authHeader(app, username),
    payload: body,
  });
}

async function deleteDay(date: string, username = 'admin') {
  return app.inject({ method: 'DELETE', url: `/api/calendar/days/${date}`, headers: await authHeader(app, username) });
}

describe('GET /api/calendar/{year}', () => {
  it('computes a year without an official schedule: Tết and Giỗ Tổ from the lunar calendar, compensatory days', async () => {
    // given 2027, for which no schedule has been announced (no rows)
    const calendar = await year(2027);
    expect(calendar.rows).toEqual([]);
    // then Tết Đinh Mùi (mùng 1 = Sat 06/02/2027) falls on the computed days, the weekend ones compensated
    for (const date of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09']) {
      expect(on(calendar, date)).toMatchObject({ kind: 'public_holiday', occasion: 'lunar_new_year', working: false });
    }
    expect(on(calendar, '2027-02-10')).toMatchObject({ kind: 'compensatory_day_off', working: false });
    expect(on(calendar, '2027-02-11')).toMatchObject({ kind: 'compensatory_day_off', working: false });
    // and Giỗ Tổ Hùng Vương (10/03 lunar) is Fri 16/04/2027, with its legal basis
    expect(on(calendar, '2027-04-16')).toMatchObject({
      kind: 'public_holiday',
      occasion: 'hung_kings',
      name: 'Giỗ Tổ Hùng Vương',
      legalRef: expect.stringContaining('Bộ luật Lao động 2019'),
    });
  });

  it('applies the official 2026 schedule rows: Tết days, the New Year swap, and Giỗ Tổ compensated', async () => {
    const calendar = await year(2026);
    // the rows of the year are listed with their announcing documents
    expect(calendar.rows.map((row) => row.date)).toEqual(
      expect.arrayContaining(['2026-01-02', '2026-01-10', '2026-02-16', '2026-02-20']),
    );
    expect(calendar.rows.every((row) => row.legalRef.length > 0)).toBe(true);
    // the swap: off Fri 02/01, work Sat 10/01 (Văn bản 12729/VPCP-KGVX)
    expect(on(calendar, '2026-01-02')).toMatchObject({ kind: 'extra_day_off', working: false });
    expect(on(calendar, '2026-01-10')).toMatchObject({
      kind: 'extra_working_day',
      working: true,
      legalRef: expect.stringContaining('12729/VPCP-KGVX'),
    });
    // Tết Bính Ngọ: the five statutory days Mon 16/02 – Fri 20/02
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(on(calendar, date)).toMatchObject({ kind: 'public_holiday', occasion: 'lunar_new_year' });
    }
    // Giỗ Tổ on Sun 26/04 gives Mon 27/04 off (Labour Code 2019 Art. 111(3))
    expect(on(calendar, '2026-04-26')).toMatchObject({ kind: 'public_holiday', occasion: 'hung_kings' });
    expect(on(calendar, '2026-04-27')).toMatchObject({ kind: 'compensatory_day_off', working: false });
  });

  it('answers 400 for a year outside the calendar', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/calendar/12026',
      headers: await authHeader(app, 'receptionist'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toContainEqual(expect.objectContaining({ path: 'params/year', code: 'too_big' }));
  });
});

describe('editing the calendar', () => {
  it('makes a day off count for the server’s legal clock at once, and undoes it on delete', async () => {
    // given Mon 10/03/2031, an ordinary working day, and a dossier of 1 working day received Fri 07/03 10:00
    const receivedAt = new Date('2031-03-07T10:00:00+07:00');
    expect((await app.legalClock.clock()).appointment(receivedAt, 1)).toEqual(new Date('2031-03-10T10:00:00+07:00'));
    const before = await year(2031);
    expect(on(before, '2031-03-10')).toBeUndefined();

    // when the admin declares it a day off
    const created = await addDay({
      date: '2031-03-10',
      kind: 'day_off',
      name: 'Nghỉ hoán đổi (làm bù thứ Bảy 22/03/2031)',
      legalRef: 'Văn bản 999/VPCP-KGVX (thử nghiệm)',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ date: '2031-03-10', kind: 'day_off', occasion: null, createdBy: 'admin' });

    // then the year shows it, one working day fewer, and the clock moves the appointment to Tuesday
    const after = await year(2031);
    expect(on(after, '2031-03-10')).toMatchObject({ kind: 'extra_day_off', working: false });
    expect(after.workingDayCount).toBe(before.workingDayCount - 1);
    expect((await app.legalClock.clock()).appointment(receivedAt, 1)).toEqual(new Date('2031-03-11T10:00:00+07:00'));

    // when the row is deleted
    expect((await deleteDay('2031-03-10')).statusCode).toBe(204);
    // then the day is worked again
    expect((await app.legalClock.clock()).appointment(receivedAt, 1)).toEqual(new Date('2031-03-10T10:00:00+07:00'));
    const actions = await app.db.auditLog.findMany({ where: { entity: 'calendar_day', entityId: '2031-03-10' } });
    expect(actions.map((entry) => [entry.action, entry.actor])).toEqual([
      ['calendar.day.create', 'admin'],
      ['calendar.day.delete', 'admin'],
    ]);
  });

  it('replaces the computed days of an occasion with the rows of that occasion', async () => {
    // given 2031, whose National Day falls by default on Mon 01/09 and Tue 02/09
    expect(on(await year(2031), '2031-09-01')).toMatchObject({ kind: 'public_holiday', occasion: 'national_day' });
    // when the schedule gives 02/09 and Wed 03/09
    for (const date of ['2031-09-02', '2031-09-03']) {
      const response = await addDay({
        date,
        kind: 'holiday',
        occasion: 'national_day',
        name: 'Quốc khánh',
        legalRef: 'Văn bản 998/VPCP-KGVX (thử nghiệm)',
      });
      expect(response.statusCode).toBe(201);
    }
    // then 01/09 is a working day again and 03/09 is off
    const calendar = await year(2031);
    expect(on(calendar, '2031-09-01')).toBeUndefined();
    expect(on(calendar, '2031-09-03')).toMatchObject({
      kind: 'public_holiday',
      legalRef: 'Văn bản 998/VPCP-KGVX (thử nghiệm)',
    });
    expect((await app.legalClock.clock()).calendar.isWorkingDay('2031-09-01')).toBe(true);
    for (const date of ['2031-09-02', '2031-09-03']) expect((await deleteDay(date)).statusCode).toBe(204);
  });

  it('accepts a worked Saturday, and refuses to make an ordinary weekday a working day', async () => {
    const saturday = await addDay({
      date: '2031-03-22',
      kind: 'working_day',
      name: 'Làm bù cho ngày nghỉ 10/03/2031',
      legalRef: 'Văn bản 999/VPCP-KGVX (thử nghiệm)',
    });
    expect(saturday.statusCode).toBe(201);
    expect((await app.legalClock.clock()).calendar.isWorkingDay('2031-03-22')).toBe(true);
    expect((await deleteDay('2031-03-22')).statusCode).toBe(204);

    const tuesday = await addDay({ date: '2031-03-11', kind: 'working_day', name: 'Làm bù', legalRef: 'Văn bản 1' });
    expect(tuesday.statusCode).toBe(400);
    expect(tuesday.json().issues).toEqual([
      expect.objectContaining({ path: 'body/kind', code: 'calendar_kind_mismatch' }),
    ]);
  });

  it('names the field and its code for each invalid row, and requires the legal reference', async () => {
    const valid = { date: '2031-05-05', kind: 'day_off', name: 'Nghỉ', legalRef: 'Văn bản 1' };
    const cases: { body: Record<string, unknown>; path: string; code: string }[] = [
      { body: { legalRef: undefined }, path: 'body/legalRef', code: 'required' },
      { body: { legalRef: '   ' }, path: 'body/legalRef', code: 'too_short' },
      { body: { date: '05/05/2031' }, path: 'body/date', code: 'invalid_date' },
      { body: { date: '2031-02-30' }, path: 'body/date', code: 'invalid_date' },
      { body: { kind: 'swap_off' }, path: 'body/kind', code: 'invalid_option' },
      { body: { kind: 'holiday', occasion: 'tet' }, path: 'body/occasion', code: 'invalid_option' },
      { body: { name: '' }, path: 'body/name', code: 'too_short' },
    ];
    for (const { body, path, code } of cases) {
      const response = await addDay({ ...valid, ...body });
      expect({ body, statusCode: response.statusCode }).toEqual({ body, statusCode: 400 });
      expect(response.json().issues).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect(await app.db.calendarDay.findUnique({ where: { date: '2031-05-05' } })).toBeNull();
  });

  it('answers 409 for a date that has a row, 404 to delete one that has none, 403 to non-admins', async () => {
    const body = { date: '2031-06-06', kind: 'day_off', name: 'Nghỉ', legalRef: 'Văn bản 1' };
    expect((await addDay(body)).statusCode).toBe(201);
    expect((await addDay(body)).statusCode).toBe(409);
    expect((await deleteDay('2031-06-06')).statusCode).toBe(204);
    expect((await deleteDay('2031-06-06')).statusCode).toBe(404);
    expect((await addDay(body, 'leader')).statusCode).toBe(403);
  });
});

describe('who may edit the province-wide calendar', () => {
  /** Admins of agencies below the province: a district and a commune. */
  const localAdmins = [
    { username: 'calendar-admin-district', fullName: 'Phan Văn Hùng', agencyCode: DEMO_AGENCIES.district.code },
    { username: 'calendar-admin-commune', fullName: 'Lê Thị Thu', agencyCode: DEMO_AGENCIES.commune.code },
  ];
  const row = { date: '2031-10-06', kind: 'day_off', name: 'Nghỉ', legalRef: 'Văn bản 1' };

  beforeAll(async () => {
    for (const admin of localAdmins) await ensureAccount(app.db, { ...admin, roles: ['admin'] });
  });

  it.each(localAdmins)('refuses $username, an admin below the province, to add or delete a row', async (admin) => {
    // given a row the province admin added
    expect((await addDay(row)).statusCode).toBe(201);
    try {
      // when the local admin adds a row, or deletes the province's
      const added = await addDay({ ...row, date: '2031-10-07' }, admin.username);
      const deleted = await deleteDay(row.date, admin.username);
      // then both are forbidden, naming why, and the calendar is unchanged
      for (const response of [added, deleted]) {
        expect(response.statusCode).toBe(403);
        expect(response.json().message).toMatch(/only an admin of the province may change it/);
      }
      expect(await app.db.calendarDay.findUnique({ where: { date: '2031-10-07' } })).toBeNull();
      expect(await app.db.calendarDay.findUnique({ where: { date: row.date } })).not.toBeNull();
    } finally {
      expect((await deleteDay(row.date)).statusCode).toBe(204);
    }
  });

  it.each(localAdmins)('refuses $username before reading the body: an invalid row gets 403, not 400', async (admin) => {
    const response = await addDay({ date: 'not a date' }, admin.username);
    expect(response.statusCode).toBe(403);
  });
});
