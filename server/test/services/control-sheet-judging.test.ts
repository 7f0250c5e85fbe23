import { describe, expect, it } from 'vitest';
import { legalClockFromEnv, OFFICIAL_SCHEDULES } from '@motcua/common/calendar';
import { judgeLeg } from '../../src/services/control-sheet-service.js';

/** How a leg of the control sheet is judged against its deadline, with the legal clock and the 2026 calendar. */
const { clock } = legalClockFromEnv({}, OFFICIAL_SCHEDULES);
const vn = (local: string) => new Date(`${local}+07:00`);

describe('judging a leg of the control sheet', () => {
  const deadline = vn('2026-12-18T10:00:00');

  it('is early when handed on before the deadline’s day', () => {
    expect(judgeLeg(clock, vn('2026-12-17T16:59:00'), deadline)).toBe('early');
  });

  it('is on time when handed on the deadline’s day, even after its hour', () => {
    expect(judgeLeg(clock, vn('2026-12-18T09:00:00'), deadline)).toBe('on_time');
    expect(judgeLeg(clock, vn('2026-12-18T16:30:00'), deadline)).toBe('on_time');
  });

  it('is late when handed on a later day', () => {
    expect(judgeLeg(clock, vn('2026-12-21T07:45:00'), deadline)).toBe('late');
  });

  it('is not judged without a deadline (the clock was paused)', () => {
    expect(judgeLeg(clock, vn('2026-12-21T07:45:00'), null)).toBeNull();
  });
});
