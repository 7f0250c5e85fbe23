import { describe, expect, it } from 'vitest';
import { renderApology } from '../../src/forms/index.js';
import { CODE, STATUS_URL, apologyData, vn } from './fixtures.js';
import { A5, readPdf } from './pdf.js';

describe('renderApology (Mẫu 04)', () => {
  it('from 15/09/2025 is the letter of apology proposing an extension (Circular 03/2025)', async () => {
    // Given an apology approved on 17/12/2026 moving the appointment to 25/12/2026 16:00
    const data = apologyData();

    // When it is rendered
    const pdf = await readPdf(await renderApology(data));

    // Then it bears the 2025 title and legal basis, the old and new dates, the reason and the head's signature
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toMatchObject({ width: A5.width, height: A5.height });
    const text = pdf.text;
    expect(text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(text).not.toContain('PHIẾU XIN LỖI');
    expect(text).toContain('Mẫu số 04 - Thông tư số 03/2025/TT-VPCP');
    expect(text).toContain('Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung');
    expect(text).toContain(
      `Ngày 27 tháng 11 năm 2026, Ủy ban nhân dân huyện Duy Xuyên tiếp nhận giải quyết hồ sơ của Ông/Bà, nội dung: Cấp giấy phép xây dựng đối với công trình nhà ở riêng lẻ; mã số hồ sơ: ${CODE}.`,
    );
    expect(text).toContain('Thời gian hẹn trả kết quả giải quyết hồ sơ: 10 giờ 05 phút, ngày 18 tháng 12 năm 2026.');
    expect(text).toContain(
      'Lý do: Hồ sơ phải lấy ý kiến của Sở Xây dựng về chỉ giới xây dựng, cơ quan phối hợp chưa có văn bản trả lời.',
    );
    expect(text).toContain('đề nghị gia hạn thời gian giải quyết hồ sơ đến 16 giờ 00 phút, ngày 25 tháng 12 năm 2026.');
    expect(text).toContain('CHỦ TỊCH (Ký và ghi rõ họ tên) Phạm Ngọc Yến');
    expect(text).toContain('Số: 2/PXL');
    expect(pdf.pages[0]?.links).toEqual([STATUS_URL]);
  });

  it('before 15/09/2025 is the 2018 "phiếu xin lỗi và hẹn lại ngày trả kết quả" (Circular 01/2018)', async () => {
    const data = apologyData({
      issuedAt: vn('2025-09-14T16:00:00'),
      receivedAt: vn('2025-08-20T09:00:00'),
      previousDueAt: vn('2025-09-15T09:00:00'),
      newDueAt: vn('2025-09-22T09:00:00'),
      signerTitle: null,
    });

    const pdf = await readPdf(await renderApology(data));

    expect(pdf.text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(pdf.text).toContain('Mẫu số 04 - Thông tư số 01/2018/TT-VPCP');
    expect(pdf.text).toContain(
      'sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào 09 giờ 00 phút, ngày 22 tháng 9 năm 2025.',
    );
    expect(pdf.text).toContain('THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ (Ký và ghi rõ họ tên) Phạm Ngọc Yến');
    expect(pdf.text).toContain('Duy Xuyên, ngày 14 tháng 9 năm 2025');
  });

  it('chooses the edition by the Vietnamese calendar day: 17:30 UTC on 14/09/2025 is already 15/09 in Vietnam', async () => {
    const pdf = await readPdf(await renderApology(apologyData({ issuedAt: new Date('2025-09-14T17:30:00Z') })));

    expect(pdf.text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(pdf.text).toContain('ngày 15 tháng 9 năm 2025');
  });
});
