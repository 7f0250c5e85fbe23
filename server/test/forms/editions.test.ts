import { describe, expect, it } from 'vitest';
import { formEdition } from '../../src/forms/index.js';

describe('form editions', () => {
  it('renumbers the control sheet and the register from 15/09/2025 (Circular 03/2025 adds a stop notice as Mẫu 05)', () => {
    const before = new Date('2025-09-14T09:00:00+07:00');
    const after = new Date('2025-09-15T09:00:00+07:00');

    expect(formEdition('control_sheet', before).label).toBe('Mẫu số 05 - Thông tư số 01/2018/TT-VPCP');
    expect(formEdition('control_sheet', after).label).toBe('Mẫu số 06 - Thông tư số 03/2025/TT-VPCP');
    expect(formEdition('register', before).formNumber).toBe('06');
    expect(formEdition('register', after).formNumber).toBe('07');
    expect(formEdition('receipt', after).formNumber).toBe('01');
  });

  it('renames the apology letter from 15/09/2025', () => {
    expect(formEdition('apology', new Date('2025-09-14T23:59:00+07:00')).title).toBe(
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    );
    expect(formEdition('apology', new Date('2025-09-15T00:00:00+07:00')).title).toBe(
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
    );
  });

  it("takes an agency's own number suffix over the default", () => {
    const issuedAt = new Date('2026-11-27T10:00:00+07:00');

    expect(formEdition('supplement_request', issuedAt).numberSuffix).toBe('PBS');
    expect(
      formEdition('supplement_request', issuedAt, { numberSuffixes: { supplement_request: 'PHD' } }).numberSuffix,
    ).toBe('PHD');
  });
});
