import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDayRow } from '@motcua/common/calendar';
import { loadCalendarDays } from '@motcua/db';
import { createLegalClockService } from '../../src/services/legal-clock-service.js';
import { build, testConfig } from '../helpers/build.js';

/** The server's one legal clock: built from the calendar rows and the LEGAL_CLOCK_* settings, kept, refreshed. */
let app: FastifyInstance;
beforeAll(async () => {
  app = await build({ LEGAL_CLOCK_AFTERNOON_CUTOFF: '16:00', LEGAL_CLOCK_NEARLY_DUE: '2d' });
});
afterAll(async () => {
  await app.db.calendarDay.deleteMany({ where: { date: OTHER_PROCESS_DAY } });
  await app.close();
});

/** A Thursday no other test uses. */
const OTHER_PROCESS_DAY = '2032-07-15';

describe('the legal clock service', () => {
  it('builds the clock from the configuration', async () => {
    const clock = await app.legalClock.clock();
    expect(clock.afternoonCutoff).toBe(16 * 60);
    expect(clock.nearlyDueMinutes).toBe(2 * clock.minutesPerDay);
    // received at 15:30, before the configured 16:00 cut-off: the clock starts at once
    const receivedAt = new Date('2026-11-26T15:30:00+07:00');
    expect(clock.countingStart(receivedAt)).toEqual(receivedAt);
  });

  it('builds the clock from the holiday rows of the database', async () => {
    // the seeded official schedule makes Fri 02/01/2026 a day off (Văn bản 12729/VPCP-KGVX)
    const clock = await app.legalClock.clock();
    expect(clock.calendar.dayKind('2026-01-02')).toBe('extra_day_off');
    expect(clock.calendar.isWorkingDay('2026-01-10')).toBe(true);
  });

  it('keeps the built clock until it is invalidated', async () => {
    const first = await app.legalClock.clock();
    expect(await app.legalClock.clock()).toBe(first);
    app.legalClock.invalidate();
    expect(await app.legalClock.clock()).not.toBe(first);
  });

  it('picks up rows another process wrote once the kept clock is older than its maximum age', async () => {
    // given a service that keeps its clock for 0 ms, and a row written behind its back
    const service = createLegalClockService({
      loadDays: () => loadCalendarDays(app.db),
      settings: testConfig(),
      maxAgeMs: 0,
    });
    expect((await service.clock()).calendar.isWorkingDay(OTHER_PROCESS_DAY)).toBe(true);
    await app.db.calendarDay.create({
      data: { date: OTHER_PROCESS_DAY, kind: 'day_off', name: 'Nghỉ', legalRef: 'Văn bản 1', createdBy: 'script' },
    });
    // then its next clock knows the day off
    expect((await service.clock()).calendar.isWorkingDay(OTHER_PROCESS_DAY)).toBe(false);
  });

  it('does not keep a clock whose rows could not be read', async () => {
    // given rows that cannot be read once (the database was down), then can
    let calls = 0;
    const service = createLegalClockService({
      loadDays: async (): Promise<CalendarDayRow[]> => {
        calls += 1;
        if (calls === 1) throw new Error('connection refused');
        return [];
      },
      settings: testConfig(),
    });
    await expect(service.clock()).rejects.toThrow('connection refused');
    // then the next call reads them again
    expect((await service.clock()).calendar.isWorkingDay('2026-11-26')).toBe(true);
    expect(calls).toBe(2);
  });
});
