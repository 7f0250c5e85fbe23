import { describe, expect, it } from 'vitest';
import type { PublicProcedure } from '@motcua/common';
import { foldDiacritics, matchesSearch, processingTimeKey } from '../src/public-procedures/catalogue.js';
import { currentMonth, isValidPeriod } from '../src/reports/period.js';
import { isoToVietnamLocal, vietnamLocalToIso, vietnamToday } from '../src/components/vietnamTime.js';

const permit = {
  code: '1.009994',
  name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
  field: 'Hoạt động xây dựng',
  agency: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
} as PublicProcedure;

describe('the public catalogue search', () => {
  it('finds a procedure typed without diacritics, as on a kiosk keyboard', () => {
    expect(foldDiacritics('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(matchesSearch(permit, 'cap phep xay dung')).toBe(true);
    expect(matchesSearch(permit, 'Duy Xuyên 1.009994')).toBe(true);
    expect(matchesSearch(permit, 'khai sinh')).toBe(false);
    expect(matchesSearch(permit, '   ')).toBe(true);
  });

  it('says "the same day" for a procedure of 0 working days', () => {
    expect(processingTimeKey(0)).toBe('motcua.public_procedures.same_day');
    expect(processingTimeKey(15)).toBe('motcua.public_procedures.working_days');
  });
});

describe('dates on a Vietnamese clock', () => {
  it('reads a datetime-local value as Vietnam time and shows an instant in Vietnam time', () => {
    expect(vietnamLocalToIso('2026-12-01T08:00')).toBe('2026-12-01T08:00:00+07:00');
    expect(vietnamLocalToIso('01/12/2026')).toBeNull();
    expect(isoToVietnamLocal('2026-12-01T01:00:00.000Z')).toBe('2026-12-01T08:00');
  });

  it('takes today and the month so far from the Vietnamese calendar, not the browser’s', () => {
    // 23:30 UTC on 30 November is already 1 December in Vietnam
    const now = new Date('2026-11-30T23:30:00Z');
    expect(vietnamToday(now)).toBe('2026-12-01');
    expect(currentMonth(now)).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(isValidPeriod({ from: '2026-12-02', to: '2026-12-01' })).toBe(false);
  });
});
