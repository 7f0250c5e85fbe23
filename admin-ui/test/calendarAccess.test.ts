import { describe, expect, it } from 'vitest';
import { isRootAgency } from '../src/calendar/calendarAccess.js';

describe('who may edit the holiday calendar', () => {
  const agencies = [
    { code: '000.00.00.H41', parentCode: null },
    { code: '000.00.17.H41', parentCode: '000.00.00.H41' },
    { code: '000.17.01.H41', parentCode: '000.00.17.H41' },
  ];

  it('is the admin of a root agency (the province) only', () => {
    expect(isRootAgency(agencies, '000.00.00.H41')).toBe(true);
    expect(isRootAgency(agencies, '000.00.17.H41')).toBe(false);
    expect(isRootAgency(agencies, '000.17.01.H41')).toBe(false);
  });

  it('is nobody whose agency the tree lacks', () => {
    expect(isRootAgency(agencies, '999.99.99.H41')).toBe(false);
  });
});
