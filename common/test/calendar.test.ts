import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  createWorkingCalendar,
  toVietnamDate,
  vietnamMinutesOf,
  workingDaysBetween,
} from '../src/calendar/index.js';
import { seededRandom } from '../src/testing/seeded-random.js';

/** An instant written in Vietnam time, e.g. vn('2026-11-27 10:00'). */
function vn(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+07:00`);
}

const calendar = createWorkingCalendar();

describe('isWorkingDay / dayKind', () => {
  it('treats Saturdays and Sundays as rest days and Monday to Friday as working days', () => {
    expect(calendar.dayKind('2026-11-28')).toBe('weekend');
    expect(calendar.dayKind('2026-11-29')).toBe('weekend');
    expect(calendar.isWorkingDay('2026-11-30')).toBe(true);
    expect(calendar.isWorkingDay('2026-11-27')).toBe(true);
  });

  it('treats the fixed solar holidays as days off', () => {
    for (const day of ['2026-01-01', '2026-04-30', '2026-05-01', '2026-09-02']) {
      expect(calendar.dayKind(day)).toBe('public_holiday');
    }
  });

  it('gives the Monday off when 02/09/2028 falls on a Saturday', () => {
    expect(calendar.dayKind('2028-09-02')).toBe('public_holiday');
    expect(calendar.dayKind('2028-09-04')).toBe('compensatory_day_off');
    expect(calendar.isWorkingDay('2028-09-05')).toBe(true);
  });

  it('gives two compensatory days when 30/04 and 01/05 both fall on a weekend (2022)', () => {
    expect(calendar.dayKind('2022-05-02')).toBe('compensatory_day_off');
    expect(calendar.dayKind('2022-05-03')).toBe('compensatory_day_off');
    expect(calendar.isWorkingDay('2022-05-04')).toBe(true);
  });

  it('gives a compensatory day for a dated extra holiday on a Sunday', () => {
    const withExtra = createWorkingCalendar({ extraHolidays: ['2026-11-29'] });
    expect(withExtra.dayKind('2026-11-29')).toBe('public_holiday');
    expect(withExtra.dayKind('2026-11-30')).toBe('compensatory_day_off');
    expect(calendar.isWorkingDay('2026-11-30')).toBe(true);
  });

  it('computes the lunar Giỗ Tổ by itself: Sun 26/04/2026 gives Mon 27/04 off', () => {
    expect(calendar.dayKind('2026-04-26')).toBe('public_holiday');
    expect(calendar.dayKind('2026-04-27')).toBe('compensatory_day_off');
  });

  it('applies the swap schedule: extra days off and worked Saturdays', () => {
    const tet2026 = createWorkingCalendar({ extraDaysOff: ['2026-01-02'], extraWorkingDays: ['2026-01-10'] });
    expect(tet2026.dayKind('2026-01-02')).toBe('extra_day_off');
    expect(tet2026.dayKind('2026-01-10')).toBe('extra_working_day');
    expect(tet2026.isWorkingDay('2026-01-10')).toBe(true);
  });

  it('reads the calendar day of an instant in Vietnam time, not UTC', () => {
    // 23:30 UTC on Friday is already Saturday 06:30 in Vietnam.
    const instant = new Date('2026-11-27T23:30:00Z');
    expect(toVietnamDate(instant)).toBe('2026-11-28');
    expect(calendar.isWorkingDay(instant)).toBe(false);
  });

  it('rejects malformed dates and contradictory lists, naming the value', () => {
    expect(() => createWorkingCalendar({ extraDaysOff: ['2026-02-30'] })).toThrow(/2026-02-30/);
    expect(() => createWorkingCalendar({ extraWorkingDays: ['10/01/2026'] })).toThrow(/10\/01\/2026/);
    expect(() => createWorkingCalendar({ extraDaysOff: ['2026-01-10'], extraWorkingDays: ['2026-01-10'] })).toThrow(
      /2026-01-10/,
    );
    expect(() => createWorkingCalendar({ officeHours: { opensAt: '17:00', closesAt: '07:30' } })).toThrow(
      /office hours/,
    );
  });
});

describe('addWorkingDays', () => {
  it('keeps the clock time for a dossier received in office hours: Fri 27/11/2026 10:00 + 15 → Fri 18/12/2026 10:00', () => {
    expect(addWorkingDays(vn('2026-11-27 10:00'), 15, calendar)).toEqual(vn('2026-12-18 10:00'));
  });

  it('skips 30/04 and 01/05 and the weekend after them', () => {
    expect(addWorkingDays(vn('2026-04-29 09:00'), 3, calendar)).toEqual(vn('2026-05-06 09:00'));
  });

  it('skips National Day (Fri 01/09 and Sat 02/09/2028) and the compensatory Monday after it', () => {
    expect(addWorkingDays(vn('2028-08-31 14:00'), 1, calendar)).toEqual(vn('2028-09-05 14:00'));
  });

  it('skips both compensatory days of 2022', () => {
    expect(addWorkingDays(vn('2022-04-29 08:00'), 1, calendar)).toEqual(vn('2022-05-04 08:00'));
  });

  it('uses the swap schedule passed in as data', () => {
    const tet2026 = createWorkingCalendar({ extraDaysOff: ['2026-01-02'], extraWorkingDays: ['2026-01-10'] });
    expect(addWorkingDays(vn('2025-12-31 09:00'), 2, tet2026)).toEqual(vn('2026-01-06 09:00'));
    expect(addWorkingDays(vn('2026-01-09 10:00'), 1, tet2026)).toEqual(vn('2026-01-10 10:00'));
  });

  it('counts from the next working day and ends at closing time when received on a day off', () => {
    expect(addWorkingDays(vn('2026-11-28 10:00'), 15, calendar)).toEqual(vn('2026-12-18 17:00'));
  });

  it('treats 17:00 as the cut-off: received at 17:00 → counted from the next working day', () => {
    expect(addWorkingDays(vn('2026-11-27 16:59'), 15, calendar)).toEqual(vn('2026-12-18 16:59'));
    expect(addWorkingDays(vn('2026-11-27 17:00'), 15, calendar)).toEqual(vn('2026-12-18 17:00'));
  });

  it('counts the receipt day as day 1 when received before or at opening on a working day', () => {
    expect(addWorkingDays(vn('2026-11-27 07:00'), 15, calendar)).toEqual(vn('2026-12-17 17:00'));
    // At 07:30 sharp the clock starts at opening too: the same working time, ending at closing time.
    expect(addWorkingDays(vn('2026-11-27 07:30'), 15, calendar)).toEqual(vn('2026-12-17 17:00'));
    expect(addWorkingDays(vn('2026-11-27 07:31'), 15, calendar)).toEqual(vn('2026-12-18 07:31'));
  });

  it('gives the same appointment whatever the host time zone', () => {
    const previous = process.env.TZ;
    try {
      for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
        process.env.TZ = zone;
        expect(addWorkingDays(vn('2026-11-27 10:00'), 15, calendar).toISOString()).toBe('2026-12-18T03:00:00.000Z');
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it('rejects a processing time that is not a whole number of days ≥ 1', () => {
    expect(() => addWorkingDays(vn('2026-11-27 10:00'), 0, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays(vn('2026-11-27 10:00'), 1.5, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(Number.NaN), 1, calendar)).toThrow(/receivedAt/);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first day up to and including the last', () => {
    expect(workingDaysBetween(vn('2026-11-27 10:00'), vn('2026-12-18 10:00'), calendar)).toBe(15);
    expect(workingDaysBetween(vn('2026-04-29 09:00'), vn('2026-05-06 09:00'), calendar)).toBe(3);
    expect(workingDaysBetween(vn('2026-11-27 10:00'), vn('2026-11-27 16:00'), calendar)).toBe(0);
  });

  it('is negative when the second instant is earlier', () => {
    expect(workingDaysBetween(vn('2026-12-18 10:00'), vn('2026-11-27 10:00'), calendar)).toBe(-15);
  });
});

describe('properties over random receipt times (seeded, reproducible)', () => {
  const next = seededRandom(20261127);
  const from = vn('2020-01-01 00:00').getTime();
  const to = vn('2035-12-31 23:59').getTime();
  const samples = Array.from({ length: 400 }, () => new Date(from + Math.floor(next() * (to - from))));
  const swapCalendar = createWorkingCalendar({
    extraHolidays: ['2026-04-26', '2027-04-16'],
    extraDaysOff: ['2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    extraWorkingDays: ['2026-01-10'],
  });

  for (const [name, cal] of [
    ['default calendar', calendar],
    ['calendar with swaps', swapCalendar],
  ] as const) {
    it(`never lands on a day off and grows strictly with n (${name})`, () => {
      for (const receivedAt of samples) {
        let previous = receivedAt;
        for (let n = 1; n <= 30; n += 1) {
          const due = addWorkingDays(receivedAt, n, cal);
          expect(cal.isWorkingDay(due), `${receivedAt.toISOString()} + ${n}`).toBe(true);
          expect(due.getTime(), `${receivedAt.toISOString()} + ${n}`).toBeGreaterThan(previous.getTime());
          previous = due;
        }
      }
    });

    it(`leaves n working days between receipt and appointment for receipts in office hours (${name})`, () => {
      for (const receivedAt of samples) {
        const minutes = vietnamMinutesOf(receivedAt);
        const { opensAt, closesAt } = cal.officeHours;
        if (!cal.isWorkingDay(receivedAt) || minutes < opensAt || minutes >= closesAt) continue;
        const n = 1 + Math.floor(next() * 40);
        expect(workingDaysBetween(receivedAt, addWorkingDays(receivedAt, n, cal), cal)).toBe(n);
      }
    });
  }
});
