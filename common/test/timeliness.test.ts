import { describe, expect, it } from 'vitest';
import { createLegalClock, createWorkingCalendar, judgeTimeliness, OFFICIAL_SCHEDULES } from '../src/calendar/index.js';
import { vn } from './clock-helpers.js';

const calendar = createWorkingCalendar({ days: OFFICIAL_SCHEDULES });
const clock = createLegalClock({ calendar });
const dueAt = vn('2026-12-18 10:00');

describe('timeliness of an open dossier', () => {
  it('is not due with more than one working day left', () => {
    expect(clock.timeliness({ status: 'in_progress', dueAt, now: vn('2026-12-16 10:00') })).toBe('not_due');
  });

  it('is nearly due with one working day or less left, up to the appointment itself', () => {
    expect(clock.timeliness({ status: 'in_progress', dueAt, now: vn('2026-12-17 10:00') })).toBe('nearly_due');
    expect(clock.timeliness({ status: 'in_progress', dueAt, now: vn('2026-12-18 10:00') })).toBe('nearly_due');
  });

  it('counts working time, not clock time: Friday evening is still far from a Wednesday appointment', () => {
    expect(
      clock.timeliness({ status: 'in_progress', dueAt: vn('2026-12-23 10:00'), now: vn('2026-12-18 18:00') }),
    ).toBe('not_due');
    expect(
      clock.timeliness({ status: 'in_progress', dueAt: vn('2026-12-21 10:00'), now: vn('2026-12-18 18:00') }),
    ).toBe('nearly_due');
  });

  it('is overdue once the appointment has passed', () => {
    expect(clock.timeliness({ status: 'in_progress', dueAt, now: vn('2026-12-18 10:01') })).toBe('overdue');
    expect(clock.timeliness({ status: 'at_other_agency', dueAt, now: vn('2026-12-21 08:00') })).toBe('overdue');
  });

  it('is paused while the dossier waits on the applicant, even past the appointment', () => {
    expect(clock.timeliness({ status: 'awaiting_supplement', dueAt, now: vn('2026-12-21 08:00') })).toBe('paused');
    expect(clock.timeliness({ status: 'awaiting_fees', dueAt, now: vn('2026-12-16 08:00') })).toBe('paused');
  });

  it('is not due while no appointment is set', () => {
    expect(clock.timeliness({ status: 'incomplete', dueAt: null, now: vn('2026-12-16 08:00') })).toBe('not_due');
  });

  it('takes the threshold from the input, then from the clock', () => {
    const now = vn('2026-12-17 10:00');
    expect(clock.timeliness({ status: 'in_progress', dueAt, now, nearlyDueMinutes: 240 })).toBe('not_due');
    const strict = createLegalClock({ calendar, nearlyDueMinutes: 240 });
    expect(strict.timeliness({ status: 'in_progress', dueAt, now })).toBe('not_due');
    expect(judgeTimeliness({ status: 'in_progress', dueAt, now }, calendar)).toBe('nearly_due');
  });
});

describe('timeliness of a finished dossier, by calendar day', () => {
  const now = vn('2027-01-15 10:00');

  it('is early when finished on a day before the appointment day', () => {
    expect(clock.timeliness({ status: 'result_ready', dueAt, finishedAt: vn('2026-12-17 16:00'), now })).toBe('early');
  });

  it('is on time when finished on the appointment day, even after its hour', () => {
    expect(clock.timeliness({ status: 'returned', dueAt, finishedAt: vn('2026-12-18 16:30'), now })).toBe('on_time');
    expect(clock.timeliness({ status: 'returned', dueAt, finishedAt: vn('2026-12-18 07:00'), now })).toBe('on_time');
  });

  it('is late when finished on a later day', () => {
    expect(clock.timeliness({ status: 'returned', dueAt, finishedAt: vn('2026-12-21 08:00'), now })).toBe('late');
  });

  it('judges the day in Vietnam time whatever the UTC date', () => {
    // 23:30 UTC on 17/12 is 06:30 on 18/12 in Vietnam: the appointment day.
    expect(clock.timeliness({ status: 'returned', dueAt, finishedAt: new Date('2026-12-17T23:30:00Z'), now })).toBe(
      'on_time',
    );
  });

  it('is on time when refused before any appointment was set', () => {
    expect(clock.timeliness({ status: 'refused', dueAt: null, finishedAt: vn('2026-12-01 09:00'), now })).toBe(
      'on_time',
    );
  });
});
