import { afterEach, describe, expect, it } from 'vitest';
import {
  dateInWords,
  dateTimeShort,
  localDateInWords,
  placeAndDate,
  timeAndDateInWords,
} from '../../src/forms/dates.js';

describe('form dates', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('writes hours and minutes with two digits and the date in words', () => {
    expect(timeAndDateInWords(new Date('2026-11-27T10:05:00+07:00'))).toBe('10 giờ 05 phút, ngày 27 tháng 11 năm 2026');
    expect(timeAndDateInWords(new Date('2026-03-09T07:30:00+07:00'))).toBe('07 giờ 30 phút, ngày 09 tháng 3 năm 2026');
  });

  it('puts a zero before days under 10 and the months 1 and 2 only (Decree 30/2020)', () => {
    expect(localDateInWords('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026');
    expect(localDateInWords('2026-02-28')).toBe('ngày 28 tháng 02 năm 2026');
    expect(localDateInWords('2026-03-01')).toBe('ngày 01 tháng 3 năm 2026');
    expect(localDateInWords('2026-12-10')).toBe('ngày 10 tháng 12 năm 2026');
  });

  it('reads instants in Vietnam time whatever the host time zone', () => {
    // Given an instant late on 31/12/2026 in UTC, already 01/01/2027 in Vietnam, on a host set to New York
    process.env.TZ = 'America/New_York';
    const instant = new Date('2026-12-31T17:15:00Z');

    expect(dateInWords(instant)).toBe('ngày 01 tháng 01 năm 2027');
    expect(timeAndDateInWords(instant)).toBe('00 giờ 15 phút, ngày 01 tháng 01 năm 2027');
    expect(placeAndDate('Duy Xuyên', instant)).toBe('Duy Xuyên, ngày 01 tháng 01 năm 2027');
    expect(dateTimeShort(instant)).toBe('00:15 01/01/2027');
  });

  it('rejects a date that does not exist', () => {
    expect(() => localDateInWords('2026-02-30')).toThrow(RangeError);
  });
});
