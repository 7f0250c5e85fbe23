import { describe, expect, it } from 'vitest';
import { formatDate } from '../src/components/formatDate.js';

describe('formatDate', () => {
  it('shows dates in Vietnam time, day first', () => {
    // given 17:30 UTC on 27 November, which is already 28 November in Hanoi
    expect(formatDate('2026-11-27T17:30:00.000Z', 'vi')).toBe('28/11/2026');
    expect(formatDate('2026-11-27T17:30:00.000Z', 'en')).toBe('28/11/2026');
  });

  it('adds the 24-hour time on request', () => {
    expect(formatDate('2026-11-27T02:05:00.000Z', 'vi', true)).toContain('09:05');
  });

  it('prints nothing for missing or unreadable dates', () => {
    expect(formatDate(null, 'vi')).toBe('');
    expect(formatDate('not a date', 'vi')).toBe('');
  });
});
