import { describe, expect, it } from 'vitest';
import { legalRegimeAt } from '../src/legal-regime.js';

describe('legalRegimeAt', () => {
  it('applies Decree 61/2018 to a dossier received on 30/06/2025 at 23:59 in Vietnam', () => {
    expect(legalRegimeAt(new Date('2025-06-30T23:59:00+07:00'))).toMatchObject({
      decree: 'Nghị định 61/2018/NĐ-CP',
      guidance: 'Thông tư 01/2018/TT-VPCP',
    });
  });

  it('applies Decree 118/2025 from 01/07/2025 at midnight in Vietnam', () => {
    expect(legalRegimeAt(new Date('2025-07-01T00:00:00+07:00'))).toMatchObject({
      decree: 'Nghị định 118/2025/NĐ-CP',
      guidance: 'Thông tư 03/2025/TT-VPCP',
    });
  });

  it('keeps Decree 61/2018 for a receipt older than any regime the system knows', () => {
    expect(legalRegimeAt(new Date('2010-01-01T00:00:00Z')).decree).toBe('Nghị định 61/2018/NĐ-CP');
  });
});
