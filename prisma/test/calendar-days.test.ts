import { createWorkingCalendar, OFFICIAL_SCHEDULES } from '@motcua/common/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMissingCalendarDays, loadCalendarDays } from '../src/calendar-days.js';
import { createDb, type Db } from '../src/client.js';
import { applyMigrations } from '../src/migrate.js';
import { createTestDatabase, type TestDatabase } from './database.js';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  await applyMigrations(database.url);
  db = createDb(database.url, { max: 2 });
  await insertMissingCalendarDays(db, OFFICIAL_SCHEDULES, 'seed');
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe('loadCalendarDays', () => {
  it('gives back the stored rows in the legal clock’s row shape, in date order', async () => {
    const rows = await loadCalendarDays(db);
    expect(rows).toEqual(
      [...OFFICIAL_SCHEDULES]
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((row) => ({ ...row, occasion: row.occasion ?? null })),
    );
  });

  it('limits the rows to a range of dates, both ends included', async () => {
    const rows = await loadCalendarDays(db, { from: '2026-01-01', to: '2026-01-10' });
    expect(rows.map((row) => [row.date, row.kind])).toEqual([
      ['2026-01-01', 'holiday'],
      ['2026-01-02', 'day_off'],
      ['2026-01-10', 'working_day'],
    ]);
  });

  it('feeds the working calendar: the 2026 New Year swap comes from the table', async () => {
    // Given the rows as stored, with the administrator's addition of an extra day off
    await insertMissingCalendarDays(
      db,
      [{ date: '2026-03-09', kind: 'day_off', occasion: null, name: 'Nghỉ thử nghiệm', legalRef: 'Quyết định thử nghiệm' }],
      'admin',
    );
    // When the working calendar is built from the table
    const calendar = createWorkingCalendar({ days: await loadCalendarDays(db) });
    // Then Fri 02/01/2026 is off, Sat 10/01/2026 is worked, and the added day is off
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-03-09')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-10')).toBe(true);
  });

  it('leaves a date that already has a row untouched when inserting', async () => {
    const count = await insertMissingCalendarDays(
      db,
      [{ date: '2026-01-02', kind: 'working_day', name: 'khác', legalRef: 'khác' }],
      'seed',
    );
    expect(count).toBe(0);
    expect((await loadCalendarDays(db, { from: '2026-01-02', to: '2026-01-02' }))[0]?.kind).toBe('day_off');
  });
});
