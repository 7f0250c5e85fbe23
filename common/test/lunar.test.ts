import { describe, expect, it } from 'vitest';
import {
  formatLocalDate,
  leapMonthOf,
  lunarMonthLength,
  lunarNewYear,
  lunarToSolar,
  parseLocalDate,
  solarToLunar,
} from '../src/calendar/index.js';
import { vn } from './clock-helpers.js';

describe('lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
  it('places Tết Nguyên đán on the published dates 2024–2028', () => {
    expect(lunarNewYear(2024)).toBe('2024-02-10');
    expect(lunarNewYear(2025)).toBe('2025-01-29');
    expect(lunarNewYear(2026)).toBe('2026-02-17');
    expect(lunarNewYear(2027)).toBe('2027-02-06');
    expect(lunarNewYear(2028)).toBe('2028-01-26');
  });

  it('places Giỗ Tổ Hùng Vương (10/3 lunar) on the published dates 2025–2027', () => {
    expect(lunarToSolar({ year: 2025, month: 3, day: 10 })).toBe('2025-04-07');
    expect(lunarToSolar({ year: 2026, month: 3, day: 10 })).toBe('2026-04-26');
    expect(lunarToSolar({ year: 2027, month: 3, day: 10 })).toBe('2027-04-16');
  });

  it('knows the leap months: month 2 of 2023, month 6 of 2025, none in 2024 and 2026', () => {
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(2026)).toBeNull();
    // Leap month 2 of 2023 began on 22/03/2023, right after the ordinary month 2.
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toBe('2023-03-22');
    expect(solarToLunar('2023-03-21')).toEqual({ year: 2023, month: 2, day: 30, leap: false });
    expect(solarToLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    // Leap month 6 of 2025 began on 25/07/2025.
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe('2025-07-25');
    expect(solarToLunar('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(solarToLunar('2025-08-23')).toEqual({ year: 2025, month: 7, day: 1, leap: false });
  });

  it('gives the last days of a lunar year to that year, not to the solar year they fall in', () => {
    expect(solarToLunar('2026-02-16')).toEqual({ year: 2025, month: 12, day: 29, leap: false });
    expect(solarToLunar('2026-02-17')).toEqual({ year: 2026, month: 1, day: 1, leap: false });
    expect(solarToLunar('2025-12-31').year).toBe(2025);
  });

  it('reads an instant on its Vietnamese calendar day', () => {
    // 17:30 UTC on 16/02/2026 is already 00:30 on 17/02 in Vietnam: the first day of Tết.
    expect(solarToLunar(new Date('2026-02-16T17:30:00Z'))).toEqual({ year: 2026, month: 1, day: 1, leap: false });
    expect(solarToLunar(vn('2026-02-16 23:59'))).toEqual({ year: 2025, month: 12, day: 29, leap: false });
  });

  it('rejects dates that do not exist, naming the value', () => {
    expect(() => lunarToSolar({ year: 2024, month: 2, day: 1, leap: true })).toThrow(/2024 has no leap month 2/);
    expect(() => lunarToSolar({ year: 2025, month: 13, day: 1 })).toThrow(/13/);
    expect(() => lunarToSolar({ year: 2025, month: 12, day: 30 })).toThrow(/29 days, got day 30/);
    expect(() => lunarToSolar({ year: 2025.5, month: 1, day: 1 })).toThrow(/2025.5/);
    expect(() => solarToLunar('2025-02-30')).toThrow(/2025-02-30/);
  });

  it('round-trips every day of 2000–2055 and counts days 1, 2, 3… within each month (property)', () => {
    const first = parseLocalDate('2000-01-01');
    const last = parseLocalDate('2055-12-31');
    const failures: string[] = [];
    let previous = solarToLunar(first);
    for (let day = first + 1; day <= last; day += 1) {
      const date = formatLocalDate(day);
      const lunar = solarToLunar(day);
      const expectedDay =
        lunar.day === 1 ? lunarMonthLength(previous.year, previous.month, previous.leap) : lunar.day - 1;
      if (previous.day !== expectedDay) failures.push(`${date}: day ${lunar.day} after day ${previous.day}`);
      if (lunarToSolar(lunar) !== date) failures.push(`${date}: round trip gives ${lunarToSolar(lunar)}`);
      previous = lunar;
    }
    expect(failures).toEqual([]);
  });
});
