import { describe, expect, it } from 'vitest';
import {
  createLegalClock,
  createWorkingCalendar,
  dayNumberOf,
  OFFICIAL_SCHEDULES,
  vietnamMinutesOf,
  type LegalClock,
} from '../src/calendar/index.js';
import { randomInstants, seededRandom } from './clock-helpers.js';

/**
 * Properties of the legal clock over random instants (seeded, so a failure reproduces), on the real
 * official schedules 2025–2026 and the computed years around them.
 */
const calendar = createWorkingCalendar({ days: OFFICIAL_SCHEDULES });
const clocks: [string, LegalClock][] = [
  ['15:00 cut-off', createLegalClock({ calendar })],
  ['no cut-off', createLegalClock({ calendar, afternoonCutoff: null })],
  ['receipt day counts', createLegalClock({ calendar, receiptDayCounts: true })],
];
const next = seededRandom(20_261_127);
const samples = randomInstants(next, 300, '2024-11-01 00:00', '2027-12-31 23:59');
/** A random whole number from `low` to `high`, both included. */
const between = (low: number, high: number): number => low + Math.floor(next() * (high - low + 1));

/** Whether an instant is on a working day, inside office hours (closing time included). */
function inWorkingTime(clock: LegalClock, instant: Date): boolean {
  const minutes = vietnamMinutesOf(instant);
  const { opensAt, closesAt } = clock.calendar.officeHours;
  return clock.calendar.isWorkingDay(instant) && minutes >= opensAt && minutes <= closesAt;
}

describe.each(clocks)('legal clock properties (%s)', (_name, clock) => {
  it('never puts an appointment on a day off, and grows with the processing time', () => {
    const failures: string[] = [];
    for (const receivedAt of samples) {
      let previous = clock.countingStart(receivedAt);
      for (let days = 0; days <= 30; days += 1) {
        const due = clock.appointment(receivedAt, days);
        if (!inWorkingTime(clock, due))
          failures.push(`${receivedAt.toISOString()} + ${days}: off at ${due.toISOString()}`);
        if (due < previous) failures.push(`${receivedAt.toISOString()} + ${days}: earlier than with ${days - 1}`);
        previous = due;
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives n working days of time after the counting start, from which steps are planned', () => {
    for (const receivedAt of samples) {
      const days = between(1, 40);
      const start = clock.countingStart(receivedAt);
      expect(clock.workingMinutesBetween(start, clock.appointment(receivedAt, days))).toBe(days * clock.minutesPerDay);
    }
  });

  it('never lands on a day off when adding working minutes', () => {
    for (const start of samples) {
      const minutes = between(1, 30 * clock.minutesPerDay);
      expect(inWorkingTime(clock, clock.addWorkingMinutes(start, minutes)), `${start.toISOString()} + ${minutes}`).toBe(
        true,
      );
    }
  });

  it('measures back what it adds: workingMinutesBetween(s, addWorkingMinutes(s, m)) = m, m of either sign', () => {
    for (const start of samples) {
      const minutes = between(-30 * clock.minutesPerDay, 30 * clock.minutesPerDay) + (next() < 0.5 ? 0.5 : 0);
      expect(clock.workingMinutesBetween(start, clock.addWorkingMinutes(start, minutes)), start.toISOString()).toBe(
        minutes,
      );
    }
  });

  it('is additive: between(a, c) = between(a, b) + between(b, c)', () => {
    for (let index = 0; index + 2 < samples.length; index += 3) {
      const [a, b, c] = samples.slice(index, index + 3) as [Date, Date, Date];
      const sum = clock.workingMinutesBetween(a, b) + clock.workingMinutesBetween(b, c);
      expect(clock.workingMinutesBetween(a, c)).toBeCloseTo(sum, 6);
    }
  });

  it('keeps the remaining time across a pause: remaining after resume equals remaining at pause', () => {
    for (const receivedAt of samples) {
      const dueAt = clock.appointment(receivedAt, between(1, 30));
      const pausedAt = new Date(receivedAt.getTime() + next() * (dueAt.getTime() - receivedAt.getTime()) * 1.2);
      const remaining = clock.remainingAt(dueAt, pausedAt);
      const resumedAt = new Date(pausedAt.getTime() + next() * 60 * 86_400_000);
      const resumedDue = clock.resumedDue(resumedAt, remaining);
      expect(clock.remainingAt(resumedDue, resumedAt), pausedAt.toISOString()).toBe(remaining);
      // Resuming at once changes nothing in working time.
      expect(clock.workingMinutesBetween(clock.resumedDue(pausedAt, remaining), dueAt)).toBe(0);
    }
  });

  it('plans steps whose last deadline is the sum of the budgets after the start', () => {
    for (const start of samples) {
      const steps = Array.from({ length: between(1, 6) }, (_, index) => ({
        id: `step_${index}`,
        budgetMinutes: between(0, 8) * 60 + between(0, 5) * clock.minutesPerDay,
      }));
      const plan = clock.planSteps(start, steps);
      const total = steps.reduce((sum, step) => sum + step.budgetMinutes, 0);
      expect(plan.at(-1)?.dueAt).toEqual(clock.addWorkingMinutes(start, total));
      for (const step of plan) {
        expect(clock.workingMinutesBetween(step.startsAt, step.dueAt), step.id).toBe(step.budgetMinutes);
      }
    }
  });
});

describe('same-day procedures (property)', () => {
  it('are due at closing time on the receipt day, or on the next working day after the cut-off', () => {
    const [, clock] = clocks[0] as [string, LegalClock];
    for (const receivedAt of samples) {
      const due = clock.appointment(receivedAt, 0);
      const start = clock.countingStart(receivedAt);
      expect(dayNumberOf(due)).toBe(dayNumberOf(start));
      expect(vietnamMinutesOf(due)).toBe(clock.calendar.officeHours.closesAt);
      expect(due.getTime()).toBeGreaterThan(receivedAt.getTime());
    }
  });
});
