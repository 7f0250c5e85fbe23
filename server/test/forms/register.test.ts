import { describe, expect, it } from 'vitest';
import { renderRegister } from '../../src/forms/index.js';
import { CODE, registerData, registerRows } from './fixtures.js';
import { A4_LANDSCAPE, readPdf } from './pdf.js';

const HEADER_ROW =
  'STT Mã hồ sơ Tên TTHC Tên tổ chức, cá nhân Địa chỉ/SĐT Cơ quan chủ trì giải quyết Nhận và trả kết quả ' +
  'Nhận hồ sơ Hẹn trả kết quả Trả kết quả Phương thức nhận kết quả Ký nhận';

describe('renderRegister (Mẫu 06 / Mẫu 07 of 2025)', () => {
  it('prints the register of a period on A4 landscape with the columns of the form', async () => {
    // Given two dossiers of November 2026, one returned by post, one still open
    const data = registerData();

    // When the register is rendered
    const pdf = await readPdf(await renderRegister(data));

    // Then one A4 page lists them under the header row
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toMatchObject({ width: A4_LANDSCAPE.width, height: A4_LANDSCAPE.height });
    const text = pdf.text;
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain('Từ ngày 01 tháng 11 năm 2026 đến ngày 30 tháng 11 năm 2026');
    expect(text).toContain('Quyển số: 02/2026');
    expect(text).toContain('Mẫu số 07 - Thông tư số 03/2025/TT-VPCP');
    expect(text).toContain(HEADER_ROW);
    expect(text).toContain(
      `1 ${CODE} Cấp giấy phép xây dựng đối với công trình nhà ở riêng lẻ Nguyễn Thị Hồng Nhung ` +
        'Thôn Mỹ Phước, xã Duy Thành, huyện Duy Xuyên, tỉnh Quảng Nam 0905 123 456 Phòng Kinh tế, Hạ tầng và Đô thị ' +
        '10:05 27/11/2026 10:05 18/12/2026 15:30 17/12/2026 Bưu chính',
    );
    expect(text).toContain('2 000.00.17.H41-261127-0004 Đăng ký khai sinh Đặng Quốc Việt');
    expect(text).toContain('UBND thị trấn Nam Phước 16:10 27/11/2026');
    expect(text).not.toContain('Số:');
    expect(pdf.pages[0]?.links).toEqual([]);
  });

  it('paginates 80 dossiers over several pages, repeating the header row and numbering the pages', async () => {
    const rows = registerRows(80);

    const pdf = await readPdf(await renderRegister(registerData({ rows })));

    expect(pdf.pages.length).toBeGreaterThan(1);
    pdf.pages.forEach((page, index) => {
      expect(page).toMatchObject({ width: A4_LANDSCAPE.width, height: A4_LANDSCAPE.height });
      expect(page.text).toContain(HEADER_ROW);
      expect(page.text).toContain(`Trang ${index + 1}/${pdf.pages.length}`);
    });
    for (const [index, row] of rows.entries()) expect(pdf.text).toContain(`${index + 1} ${row.dossierCode} `);
    expect(pdf.pages.at(-1)?.text).toContain(`80 ${rows[79]?.dossierCode}`);
  });

  it('is Mẫu 06 of Circular 01/2018 for a register printed before 15/09/2025', async () => {
    const pdf = await readPdf(
      await renderRegister(registerData({ issuedAt: new Date('2025-07-01T01:00:00Z'), book: null })),
    );

    expect(pdf.text).toContain('Mẫu số 06 - Thông tư số 01/2018/TT-VPCP');
    expect(pdf.text).not.toContain('Quyển số');
  });
});
