import { describe, expect, it } from 'vitest';
import { periodBounds } from '../../src/services/register-service.js';

describe('the register’s period', () => {
  it('covers whole Vietnamese calendar days, both ends included', () => {
    // given the days 27 and 28 November 2026
    const { from, to } = periodBounds({ from: '2026-11-27', to: '2026-11-28' });
    // then it starts at midnight of the 27th and ends at midnight after the 28th, Vietnam time (UTC+7)
    expect(from.toISOString()).toBe('2026-11-26T17:00:00.000Z');
    expect(to.toISOString()).toBe('2026-11-28T17:00:00.000Z');
  });

  it('holds a dossier received late in the evening of its last day', () => {
    const { from, to } = periodBounds({ from: '2026-11-27', to: '2026-11-27' });
    const lateEvening = new Date('2026-11-27T23:30:00+07:00');
    const nextMorning = new Date('2026-11-28T00:10:00+07:00');
    expect(lateEvening >= from && lateEvening < to).toBe(true);
    expect(nextMorning >= from && nextMorning < to).toBe(false);
  });
});
