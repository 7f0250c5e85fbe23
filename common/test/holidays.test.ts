import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  formatLocalDate,
  holidayRuleFor,
  OFFICIAL_SCHEDULES,
  parseLocalDate,
  statutoryHolidays,
  type CalendarDayRow,
} from '../src/calendar/index.js';

/** Every date from `from` to `to`, both included. */
function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = parseLocalDate(from); day <= parseLocalDate(to); day += 1) dates.push(formatLocalDate(day));
  return dates;
}

const official = createWorkingCalendar({ days: OFFICIAL_SCHEDULES });
const computed = createWorkingCalendar();

describe('statutory holidays by rule (Labour Code 2019, Art. 112(1))', () => {
  it('lists the eleven days of a year with their occasion and legal basis (2027, no official schedule)', () => {
    expect(statutoryHolidays(2027).map(({ date, occasion }) => `${date} ${occasion}`)).toEqual([
      '2027-01-01 new_year',
      '2027-02-05 lunar_new_year',
      '2027-02-06 lunar_new_year',
      '2027-02-07 lunar_new_year',
      '2027-02-08 lunar_new_year',
      '2027-02-09 lunar_new_year',
      '2027-04-16 hung_kings',
      '2027-04-30 reunification',
      '2027-05-01 labour_day',
      '2027-09-01 national_day',
      '2027-09-02 national_day',
    ]);
    expect(statutoryHolidays(2027).every((day) => day.legalRef.includes('Điều 112'))).toBe(true);
  });

  it('gives National Day a second day only from the Labour Code 2019 (in force 01/01/2021)', () => {
    expect(holidayRuleFor('national_day', 2020).datesIn(2020)).toEqual(['2020-09-02']);
    expect(holidayRuleFor('national_day', 2021).datesIn(2021)).toEqual(['2021-09-01', '2021-09-02']);
    expect(holidayRuleFor('national_day', 2021).effectiveFrom).toBe('2021-01-01');
  });
});

describe('official schedule 2025 (Văn bản 8726/VPCP-KGVX)', () => {
  const daysOff = [
    '2025-01-01',
    ...datesFrom('2025-01-25', '2025-02-02'),
    '2025-04-07',
    ...datesFrom('2025-04-30', '2025-05-04'),
    ...datesFrom('2025-08-30', '2025-09-02'),
  ];

  it('makes every day off of docs/legal.md §4 a day off', () => {
    for (const date of daysOff) expect(official.isWorkingDay(date), date).toBe(false);
  });

  it('makes Sat 26/04/2025 a working day (swap for Fri 02/05)', () => {
    expect(official.dayKind('2025-04-26')).toBe('extra_working_day');
    expect(official.dayKind('2025-05-02')).toBe('extra_day_off');
  });

  it('opens the offices again on the day after each break, and on the day before it', () => {
    for (const date of ['2025-01-02', '2025-02-03', '2025-04-08', '2025-05-05', '2025-09-03']) {
      expect(official.isWorkingDay(date), date).toBe(true);
    }
    for (const date of ['2024-12-31', '2025-01-24', '2025-04-04', '2025-04-29', '2025-08-29']) {
      expect(official.isWorkingDay(date), date).toBe(true);
    }
  });

  it('uses the official Tết days instead of the computed ones: Mon 03/02/2025 is worked', () => {
    // By rule alone Tết would be Tue 28/01–Sat 01/02, the Saturday giving Mon 03/02 off.
    expect(computed.dayKind('2025-02-03')).toBe('compensatory_day_off');
    expect(computed.isWorkingDay('2025-01-27')).toBe(true);
    expect(official.dayKind('2025-01-27')).toBe('public_holiday');
    expect(official.isWorkingDay('2025-02-03')).toBe(true);
  });
});

describe('official schedule 2026 (Văn bản 12729/VPCP-KGVX and the Tết schedule)', () => {
  const daysOff = [
    ...datesFrom('2026-01-01', '2026-01-04'),
    ...datesFrom('2026-02-14', '2026-02-22'),
    '2026-04-26',
    '2026-04-27',
    ...datesFrom('2026-04-30', '2026-05-03'),
    '2026-09-02',
  ];

  it('makes every day off of docs/legal.md §4 a day off', () => {
    for (const date of daysOff) expect(official.isWorkingDay(date), date).toBe(false);
  });

  it('makes Sat 10/01/2026 a working day (swap for Fri 02/01)', () => {
    expect(official.dayKind('2026-01-10')).toBe('extra_working_day');
    expect(official.dayKind('2026-01-02')).toBe('extra_day_off');
  });

  it('computes Giỗ Tổ on Sun 26/04/2026 and its compensatory Mon 27/04', () => {
    expect(official.describeDay('2026-04-26')).toMatchObject({ kind: 'public_holiday', occasion: 'hung_kings' });
    expect(official.describeDay('2026-04-27')).toMatchObject({
      kind: 'compensatory_day_off',
      occasion: 'hung_kings',
      legalRef: expect.stringContaining('Điều 111 khoản 3'),
    });
  });

  it('opens the offices again on the day after each break, and on the day before it', () => {
    for (const date of ['2026-01-05', '2026-02-23', '2026-04-28', '2026-05-04', '2026-09-03']) {
      expect(official.isWorkingDay(date), date).toBe(true);
    }
    for (const date of ['2025-12-31', '2026-02-13', '2026-04-24', '2026-04-29']) {
      expect(official.isWorkingDay(date), date).toBe(true);
    }
  });
});

describe('2027, no official schedule yet: the computed default', () => {
  it('takes the day before Tết (Sat 06/02) and mùng 1–4, and compensates the weekend: off Fri 05/02–Thu 11/02', () => {
    for (const date of datesFrom('2027-02-05', '2027-02-11')) expect(official.isWorkingDay(date), date).toBe(false);
    expect(official.dayKind('2027-02-10')).toBe('compensatory_day_off');
    expect(official.dayKind('2027-02-11')).toBe('compensatory_day_off');
    expect(official.isWorkingDay('2027-02-04')).toBe(true);
    expect(official.isWorkingDay('2027-02-12')).toBe(true);
  });

  it('gives Fri 16/04/2027 off for Giỗ Tổ', () => {
    expect(official.dayKind('2027-04-16')).toBe('public_holiday');
    expect(official.isWorkingDay('2027-04-19')).toBe(true);
  });

  it('gives Fri 30/04 off and, for Sat 01/05/2027, Mon 03/05', () => {
    expect(official.dayKind('2027-04-30')).toBe('public_holiday');
    expect(official.dayKind('2027-05-01')).toBe('public_holiday');
    expect(official.dayKind('2027-05-03')).toBe('compensatory_day_off');
    expect(official.isWorkingDay('2027-05-04')).toBe(true);
  });

  it('gives New Year (Fri 01/01) and National Day (Wed 01/09, Thu 02/09) off', () => {
    for (const date of ['2027-01-01', '2027-09-01', '2027-09-02'])
      expect(official.isWorkingDay(date), date).toBe(false);
    expect(official.isWorkingDay('2027-09-03')).toBe(true);
  });
});

describe('calendar data rows', () => {
  const row = (date: string, kind: CalendarDayRow['kind'], occasion: string | null = null): CalendarDayRow => ({
    date,
    kind,
    occasion,
    name: 'test',
    legalRef: 'test',
  });

  it('replaces the computed days of an occasion only for the year of the rows', () => {
    // A hypothetical schedule putting the second National Day day after 02/09/2026.
    const calendar = createWorkingCalendar({
      days: [row('2026-09-02', 'holiday', 'national_day'), row('2026-09-03', 'holiday', 'national_day')],
    });
    expect(calendar.isWorkingDay('2026-09-01')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-03')).toBe(false);
    expect(calendar.isWorkingDay('2027-09-01')).toBe(false);
  });

  it('adds a holiday without occasion, with its compensatory day when on a weekend', () => {
    const calendar = createWorkingCalendar({ days: [row('2026-11-28', 'holiday')] });
    expect(calendar.dayKind('2026-11-28')).toBe('public_holiday');
    expect(calendar.dayKind('2026-11-30')).toBe('compensatory_day_off');
  });

  it('does not move a compensatory day further when the schedule lists it as a day off', () => {
    const calendar = createWorkingCalendar({ days: [row('2026-04-27', 'day_off', 'hung_kings')] });
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
    expect(calendar.isWorkingDay('2026-04-28')).toBe(true);
  });

  it('accepts rows straight from the database, audit columns included', () => {
    const fromDb = { ...row('2026-01-10', 'working_day'), createdBy: 'seed', createdAt: new Date() };
    expect(createWorkingCalendar({ days: [fromDb] }).isWorkingDay('2026-01-10')).toBe(true);
  });

  it('rejects a malformed row, naming the value', () => {
    expect(() => createWorkingCalendar({ days: [row('2026-13-01', 'day_off')] })).toThrow(/2026-13-01/);
    expect(() => createWorkingCalendar({ days: [row('2026-02-16', 'holiday', 'tet')] })).toThrow(/occasion "tet"/);
    const badKind = { ...row('2026-02-16', 'day_off'), kind: 'vacation' } as unknown as CalendarDayRow;
    expect(() => createWorkingCalendar({ days: [badKind] })).toThrow(/kind "vacation"/);
    expect(() =>
      createWorkingCalendar({ days: [row('2026-01-10', 'working_day')], extraDaysOff: ['2026-01-10'] }),
    ).toThrow(/2026-01-10/);
  });

  it('lists the exceptions of a year with their names and sources', () => {
    const exceptions = official.exceptionsIn(2026);
    expect(exceptions.find((day) => day.date === '2026-01-02')).toMatchObject({
      kind: 'extra_day_off',
      legalRef: 'Văn bản 12729/VPCP-KGVX ngày 25/12/2025',
    });
    expect(exceptions.map((day) => day.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-10',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
  });
});

describe('OFFICIAL_SCHEDULES (the seed inserts these rows)', () => {
  it('has one row per date, each with a kind, a name and the announcing document', () => {
    const dates = OFFICIAL_SCHEDULES.map((day) => day.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const day of OFFICIAL_SCHEDULES) {
      expect(['holiday', 'day_off', 'working_day']).toContain(day.kind);
      expect(day.name.length, day.date).toBeGreaterThan(0);
      expect(day.legalRef.length, day.date).toBeGreaterThan(0);
      if (day.kind === 'holiday') expect(day.occasion, day.date).toBeTruthy();
    }
  });

  it('lists the five statutory Tết days of 2025 and of 2026, all weekdays', () => {
    for (const year of ['2025', '2026']) {
      const tet = OFFICIAL_SCHEDULES.filter((day) => day.occasion === 'lunar_new_year' && day.date.startsWith(year));
      expect(tet, year).toHaveLength(5);
      expect(tet.every((day) => official.dayKind(day.date) === 'public_holiday')).toBe(true);
    }
  });
});
