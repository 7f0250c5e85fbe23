import { describe, expect, it } from 'vitest';
import { renderControlSheet } from '../../src/forms/index.js';
import type { ControlSheetRow } from '../../src/forms/index.js';
import { CODE, STATUS_URL, controlSheetData, vn } from './fixtures.js';
import { A5, readPdf } from './pdf.js';

describe('renderControlSheet (Mẫu 05 / Mẫu 06 of 2025)', () => {
  it('prints one row per handover: who gave it to whom, when, and early, on time or late', async () => {
    // Given a construction permit handed over four times, through the provincial Department of Construction
    const data = controlSheetData();

    // When the control sheet is rendered
    const pdf = await readPdf(await renderControlSheet(data));

    // Then an A5 sheet carries the column headers and each handover in order with its result
    expect(pdf.pages[0]).toMatchObject({ width: A5.width, height: A5.height });
    const text = pdf.text;
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(`Mã hồ sơ: ${CODE}`);
    expect(text).toContain('Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Kinh tế, Hạ tầng và Đô thị huyện Duy Xuyên');
    expect(text).toContain('Cơ quan phối hợp giải quyết hồ sơ: Sở Xây dựng tỉnh Quảng Nam');
    expect(text).toContain(
      'TÊN CƠ QUAN THỜI GIAN GIAO, NHẬN HỒ SƠ KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn) GHI CHÚ',
    );
    expect(text).toContain(
      '1. Giao: Bộ phận TN&TKQ 2. Nhận: Phòng Kinh tế, Hạ tầng và Đô thị 14 giờ 30 phút, ngày 27 tháng 11 năm 2026 Người giao: Trần Văn Ánh Người nhận: Võ Minh Đức Trước hạn',
    );
    expect(text).toContain(
      '1. Giao: Phòng Kinh tế, Hạ tầng và Đô thị 2. Nhận: Sở Xây dựng tỉnh Quảng Nam 08 giờ 15 phút, ngày 08 tháng 12 năm 2026 Người giao: Võ Minh Đức Người nhận: Huỳnh Thị Mỹ Lệ Đúng hạn Liên thông lấy ý kiến',
    );
    expect(text).toContain(
      '1. Giao: Sở Xây dựng tỉnh Quảng Nam 2. Nhận: Phòng Kinh tế, Hạ tầng và Đô thị 10 giờ 45 phút, ngày 21 tháng 12 năm 2026 Người giao: Huỳnh Thị Mỹ Lệ Người nhận: Võ Minh Đức Quá hạn Trả về trễ 3 ngày',
    );
    expect(text).toContain(
      '2. Nhận: Lãnh đạo UBND huyện 09 giờ 00 phút, ngày 23 tháng 12 năm 2026 Người giao: Võ Minh Đức Người nhận: ……………',
    );
    expect(pdf.pages[0]?.links).toEqual([STATUS_URL]);
  });

  it('is Mẫu 06 with the receipt and appointment dates under Circular 03/2025, Mẫu 05 without them before', async () => {
    const current = await readPdf(await renderControlSheet(controlSheetData()));
    const before = await readPdf(
      await renderControlSheet(controlSheetData({ issuedAt: vn('2025-06-30T10:00:00'), rows: [] })),
    );

    expect(current.text).toContain('Mẫu số 06 - Thông tư số 03/2025/TT-VPCP');
    expect(current.text).toContain('Ngày nhận: 10 giờ 05 phút, ngày 27 tháng 11 năm 2026');
    expect(current.text).toContain('Hẹn trả kết quả: 16 giờ 00 phút, ngày 25 tháng 12 năm 2026');
    expect(before.text).toContain('Mẫu số 05 - Thông tư số 01/2018/TT-VPCP');
    expect(before.text).not.toContain('Ngày nhận:');
  });

  it('repeats the column headers on every page of a long history', async () => {
    const base = controlSheetData().rows[0] as ControlSheetRow;
    const rows = Array.from({ length: 14 }, (_, index) => ({ ...base, note: `Lần chuyển ${index + 1}` }));

    const pdf = await readPdf(await renderControlSheet(controlSheetData({ rows })));

    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const page of pdf.pages) expect(page.text).toContain('TÊN CƠ QUAN THỜI GIAN GIAO, NHẬN HỒ SƠ');
    expect(pdf.text).toContain('Lần chuyển 14');
  });
});
