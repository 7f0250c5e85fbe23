import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegalClockSource, type LegalClockSource } from '../src/legal-clock.js';
import { createSeededDatabase, type SeededDatabase } from './support/database.js';
import { errorsOnly, eventuallyTrue } from './support/environment.js';

/** The workers' legal clock on the holiday rows of a database of its own (the test edits them). */
let database: SeededDatabase;
let source: LegalClockSource | undefined;

beforeAll(async () => {
  database = await createSeededDatabase();
}, 120_000);

afterAll(async () => {
  await source?.stop();
  await database?.drop();
});

describe('the workers legal clock', () => {
  it('reads the holiday rows at start and again after an administrator adds a day off', async () => {
    // Given the clock built from the seeded rows, where Thu 03/12/2026 is an ordinary working day
    source = await startLegalClockSource({
      db: database.db,
      settings: {
        LEGAL_CLOCK_AFTERNOON_CUTOFF: '15:00',
        LEGAL_CLOCK_RECEIPT_DAY_COUNTS: false,
        LEGAL_CLOCK_NEARLY_DUE: '1d',
        APOLOGY_LEAD_TIME: '4h',
        APOLOGY_LIMIT: 1,
      },
      refreshMs: 1_000,
      logger: errorsOnly,
    });
    expect(source.current().calendar.isWorkingDay('2026-12-03')).toBe(true);
    expect(source.current().apologyLeadMinutes).toBe(240);
    // and the official Tết 2026 schedule from the seed is in force
    expect(source.current().calendar.isWorkingDay('2026-02-16')).toBe(false);

    // When a day off is added for that date
    await database.db.calendarDay.create({
      data: {
        date: '2026-12-03',
        kind: 'day_off',
        name: 'Nghỉ bù (thử nghiệm)',
        legalRef: 'Văn bản thử nghiệm',
        createdBy: 'admin',
      },
    });

    // Then within a refresh period the workers' clock no longer counts it
    await eventuallyTrue(() => !source!.current().calendar.isWorkingDay('2026-12-03'), 'the refreshed calendar');
    const monday = new Date('2026-11-30T10:00:00+07:00');
    expect(source.current().clock.appointment(monday, 3)).toEqual(new Date('2026-12-04T10:00:00+07:00'));
  });
});
