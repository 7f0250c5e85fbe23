import { describe, expect, it } from 'vitest';
import { createLegalClock, createWorkingCalendar, OFFICIAL_SCHEDULES } from '../src/calendar/index.js';
import { vn } from './clock-helpers.js';

const calendar = createWorkingCalendar({ days: OFFICIAL_SCHEDULES });
const clock = createLegalClock({ calendar });

describe('countingStart', () => {
  it('starts at the receipt itself in office hours until the 15:00 cut-off, 15:00 included', () => {
    expect(clock.countingStart(vn('2026-11-27 10:00'))).toEqual(vn('2026-11-27 10:00'));
    expect(clock.countingStart(vn('2026-11-27 15:00'))).toEqual(vn('2026-11-27 15:00'));
  });

  it('starts at the next working day’s opening when received after the cut-off, after closing or on a day off', () => {
    expect(clock.countingStart(vn('2026-11-27 15:01'))).toEqual(vn('2026-11-30 07:30'));
    expect(clock.countingStart(vn('2026-11-27 17:00'))).toEqual(vn('2026-11-30 07:30'));
    expect(clock.countingStart(vn('2026-11-28 10:00'))).toEqual(vn('2026-11-30 07:30'));
    expect(clock.countingStart(vn('2026-02-13 16:00'))).toEqual(vn('2026-02-23 07:30'));
  });

  it('starts at the same day’s opening when received before opening on a working day', () => {
    expect(clock.countingStart(vn('2026-11-27 06:45'))).toEqual(vn('2026-11-27 07:30'));
  });

  it('counts a worked Saturday (Sat 10/01/2026) as a working day', () => {
    expect(clock.countingStart(vn('2026-01-10 09:00'))).toEqual(vn('2026-01-10 09:00'));
  });

  it('without a cut-off, counts the receipt day until closing', () => {
    const noCutoff = createLegalClock({ calendar, afternoonCutoff: null });
    expect(noCutoff.countingStart(vn('2026-11-27 16:59'))).toEqual(vn('2026-11-27 16:59'));
    expect(noCutoff.countingStart(vn('2026-11-27 17:00'))).toEqual(vn('2026-11-30 07:30'));
  });

  it('rejects a cut-off outside office hours and an invalid receipt, naming the value', () => {
    expect(() => createLegalClock({ calendar, afternoonCutoff: '18:00' })).toThrow(/18:00/);
    expect(() => createLegalClock({ calendar, afternoonCutoff: '3pm' })).toThrow(/3pm/);
    expect(() => clock.countingStart(new Date(Number.NaN))).toThrow(/receivedAt/);
  });
});

describe('appointment', () => {
  it('keeps the clock time for a receipt before the cut-off: Fri 27/11/2026 10:00 + 15 → Fri 18/12/2026 10:00', () => {
    expect(clock.appointment(vn('2026-11-27 10:00'), 15)).toEqual(vn('2026-12-18 10:00'));
  });

  it('counts from the next working day after the cut-off: Fri 27/11/2026 15:30 + 15 → Fri 18/12/2026 17:00', () => {
    expect(clock.appointment(vn('2026-11-27 15:30'), 15)).toEqual(vn('2026-12-18 17:00'));
    expect(clock.appointment(vn('2026-11-28 10:00'), 15)).toEqual(vn('2026-12-18 17:00'));
  });

  it('spans Tết 2026: Thu 12/02 10:00 + 5 → Thu 26/02 10:00; Fri 13/02 16:00 + 3 → Wed 25/02 17:00', () => {
    expect(clock.appointment(vn('2026-02-12 10:00'), 5)).toEqual(vn('2026-02-26 10:00'));
    expect(clock.appointment(vn('2026-02-13 16:00'), 3)).toEqual(vn('2026-02-25 17:00'));
  });

  it('spans 30/04 2025 with its worked Saturday 26/04 and the swapped Friday 02/05', () => {
    expect(clock.appointment(vn('2025-04-25 10:00'), 1)).toEqual(vn('2025-04-26 10:00'));
    expect(clock.appointment(vn('2025-04-25 10:00'), 3)).toEqual(vn('2025-04-29 10:00'));
    expect(clock.appointment(vn('2025-04-25 10:00'), 4)).toEqual(vn('2025-05-05 10:00'));
    expect(clock.appointment(vn('2025-04-29 15:30'), 1)).toEqual(vn('2025-05-05 17:00'));
  });

  it('gives same-day procedures (0 days) the closing time of the receipt day, or of the next working day after the cut-off', () => {
    expect(clock.appointment(vn('2026-11-30 14:00'), 0)).toEqual(vn('2026-11-30 17:00'));
    expect(clock.appointment(vn('2026-11-30 15:00'), 0)).toEqual(vn('2026-11-30 17:00'));
    expect(clock.appointment(vn('2026-11-30 15:30'), 0)).toEqual(vn('2026-12-01 17:00'));
    expect(clock.appointment(vn('2026-11-28 09:00'), 0)).toEqual(vn('2026-11-30 17:00'));
    expect(clock.appointment(vn('2026-02-13 15:30'), 0)).toEqual(vn('2026-02-23 17:00'));
  });

  it('with receiptDayCounts, counts the receipt day as day 1: closing time of day n', () => {
    const dayOne = createLegalClock({ calendar, receiptDayCounts: true });
    expect(dayOne.countingStart(vn('2026-11-27 10:00'))).toEqual(vn('2026-11-27 07:30'));
    expect(dayOne.countingStart(vn('2026-11-27 16:00'))).toEqual(vn('2026-11-30 07:30'));
    expect(dayOne.appointment(vn('2026-11-27 10:00'), 15)).toEqual(vn('2026-12-17 17:00'));
    expect(dayOne.appointment(vn('2026-11-27 10:00'), 1)).toEqual(vn('2026-11-27 17:00'));
    // After the cut-off the next working day is day 1, as without the option.
    expect(dayOne.appointment(vn('2026-11-27 16:00'), 15)).toEqual(vn('2026-12-18 17:00'));
    expect(dayOne.appointment(vn('2026-11-30 14:00'), 0)).toEqual(vn('2026-11-30 17:00'));
  });

  it('rejects a processing time that is not a whole number of days ≥ 0', () => {
    expect(() => clock.appointment(vn('2026-11-27 10:00'), -1)).toThrow(/-1/);
    expect(() => clock.appointment(vn('2026-11-27 10:00'), 1.5)).toThrow(/1.5/);
  });
});

describe('budgets and working minutes', () => {
  it('parses budgets in working days and hours', () => {
    expect(clock.parseBudget('10d')).toBe(5_700);
    expect(clock.parseBudget('0.5d')).toBe(285);
    expect(clock.parseBudget('4h')).toBe(240);
    expect(clock.parseBudget('1.5h')).toBe(90);
    expect(clock.minutesPerDay).toBe(570);
  });

  it('rejects anything else, naming the value', () => {
    for (const bad of ['10', 'd', '-1d', '10 days', '1w', '']) {
      expect(() => clock.parseBudget(bad), bad).toThrow(RangeError);
      expect(() => clock.parseBudget(bad), bad).toThrow(`"${bad}"`);
    }
    expect(() => clock.parseBudget('0.001d')).toThrow(/0.001d/);
  });

  it('writes minutes back as the shortest budget', () => {
    expect(clock.formatBudget(5_700)).toBe('10d');
    expect(clock.formatBudget(285)).toBe('0.5d');
    expect(clock.formatBudget(240)).toBe('4h');
    expect(() => clock.formatBudget(7)).toThrow(/7/);
  });

  it('adds working minutes inside office hours only, ending at closing time when the day is used up', () => {
    expect(clock.addWorkingMinutes(vn('2026-11-27 16:00'), 60)).toEqual(vn('2026-11-27 17:00'));
    expect(clock.addWorkingMinutes(vn('2026-11-27 16:00'), 61)).toEqual(vn('2026-11-30 07:31'));
    expect(clock.addWorkingMinutes(vn('2026-11-28 10:00'), 30)).toEqual(vn('2026-11-30 08:00'));
    expect(clock.addWorkingMinutes(vn('2026-11-27 10:00'), 0)).toEqual(vn('2026-11-27 10:00'));
  });

  it('counts backwards for a negative amount', () => {
    expect(clock.addWorkingMinutes(vn('2026-11-30 08:00'), -60)).toEqual(vn('2026-11-27 16:30'));
    expect(clock.addWorkingMinutes(vn('2026-11-30 07:30'), -570)).toEqual(vn('2026-11-27 07:30'));
  });

  it('measures working minutes between two instants, negative backwards', () => {
    expect(clock.workingMinutesBetween(vn('2026-11-27 16:00'), vn('2026-11-30 08:00'))).toBe(90);
    expect(clock.workingMinutesBetween(vn('2026-11-30 08:00'), vn('2026-11-27 16:00'))).toBe(-90);
    expect(clock.workingMinutesBetween(vn('2026-02-13 16:00'), vn('2026-02-23 08:00'))).toBe(90);
    expect(clock.workingMinutesBetween(vn('2026-11-28 10:00'), vn('2026-11-29 10:00'))).toBe(0);
  });
});

describe('planSteps', () => {
  it('plans cumulative deadlines from the counting start', () => {
    const start = clock.countingStart(vn('2026-11-28 10:00'));
    const plan = clock.planSteps(start, [
      { id: 'receive', budgetMinutes: clock.parseBudget('0.5d') },
      { id: 'appraisal', budgetMinutes: clock.parseBudget('10d') },
      { id: 'approval', budgetMinutes: clock.parseBudget('4h') },
    ]);
    expect(plan.map(({ id, startsAt, dueAt }) => ({ id, startsAt, dueAt }))).toEqual([
      { id: 'receive', startsAt: vn('2026-11-30 07:30'), dueAt: vn('2026-11-30 12:15') },
      { id: 'appraisal', startsAt: vn('2026-11-30 12:15'), dueAt: vn('2026-12-14 12:15') },
      { id: 'approval', startsAt: vn('2026-12-14 12:15'), dueAt: vn('2026-12-14 16:15') },
    ]);
  });

  it('keeps the fields of each step and rejects a negative budget, naming the step', () => {
    const [step] = clock.planSteps(vn('2026-11-30 07:30'), [{ id: 'a', budgetMinutes: 60, unit: 'specialist' }]);
    expect(step?.unit).toBe('specialist');
    expect(() => clock.planSteps(vn('2026-11-30 07:30'), [{ id: 'appraisal', budgetMinutes: -1 }])).toThrow(
      /appraisal/,
    );
  });
});

describe('pause and resume', () => {
  it('keeps the working minutes left: paused Tue 15/12 10:00 (3 days left), resumed Mon 21/12 14:00 → Thu 24/12 14:00', () => {
    const dueAt = vn('2026-12-18 10:00');
    const remaining = clock.remainingAt(dueAt, vn('2026-12-15 10:00'));
    expect(remaining).toBe(3 * 570);
    expect(clock.resumedDue(vn('2026-12-21 14:00'), remaining)).toEqual(vn('2026-12-24 14:00'));
  });

  it('carries lateness over: paused 5 hours late, still 5 working hours late after resuming', () => {
    const remaining = clock.remainingAt(vn('2026-12-18 10:00'), vn('2026-12-18 15:00'));
    expect(remaining).toBe(-300);
    const resumedAt = vn('2026-12-21 09:00');
    const dueAt = clock.resumedDue(resumedAt, remaining);
    expect(dueAt).toEqual(vn('2026-12-18 13:30'));
    expect(clock.workingMinutesBetween(resumedAt, dueAt)).toBe(-300);
  });

  it('skips Tết when resuming before it', () => {
    expect(clock.resumedDue(vn('2026-02-13 16:00'), 120)).toEqual(vn('2026-02-23 08:30'));
  });
});
