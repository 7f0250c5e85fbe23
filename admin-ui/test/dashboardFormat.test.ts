import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent } from '../src/reports/numbers.js';
import { dueRelative, trendTick } from '../src/dashboard/format.js';

describe('the dashboard’s numbers and dates, as Vietnamese writes them', () => {
  it('groups thousands with a dot and writes decimals with a comma', () => {
    expect(formatCount(12_345, 'vi')).toBe('12.345');
    expect(formatPercent(61.54, 'vi')).toBe('61,54%');
    expect(formatCount(12_345, 'en')).toBe('12,345');
  });

  it('names a month of the trend by its number and year, a week by its Monday', () => {
    expect(trendTick({ from: '2026-11-01' }, 'month', 'vi')).toBe('11/2026');
    expect(trendTick({ from: '2026-11-30' }, 'week', 'vi')).toBe('30/11');
    expect(trendTick({ from: '2027-01-04' }, 'week', 'en')).toBe('04/01');
  });

  it('reads a calendar day of the trend in Vietnam whatever the browser’s time zone', () => {
    // the first of the month is the first in Vietnam, not the last day of the month before in UTC−10
    expect(trendTick({ from: '2026-12-01' }, 'month', 'vi')).toBe('12/2026');
  });

  it('says how long ago an overdue appointment was, and how soon a nearly due one is', () => {
    const at = '2026-12-06T03:00:00.000Z';
    expect(dueRelative('2026-12-03T02:00:00.000Z', at, 'vi')).toBe('3 ngày trước');
    expect(dueRelative('2026-12-06T05:30:00.000Z', at, 'vi')).toBe('sau 2 giờ nữa');
    expect(dueRelative('2026-12-06T03:20:00.000Z', at, 'vi')).toBe('sau 20 phút nữa');
    expect(dueRelative('2026-12-06T02:59:50.000Z', at, 'vi')).toBe('1 phút trước');
    expect(dueRelative('2026-12-03T02:00:00.000Z', at, 'en')).toBe('3 days ago');
  });
});
