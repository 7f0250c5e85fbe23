import { describe, expect, it } from 'vitest';
import { renderReceipt } from '../../src/forms/index.js';
import { CODE, NHUNG, STATUS_URL, receiptData, vn } from './fixtures.js';
import { A5, readPdf } from './pdf.js';

describe('renderReceipt (Mẫu 01)', () => {
  it('prints the receipt and appointment of a complete dossier on one A5 page, fields in their legal order', async () => {
    // Given a complete construction-permit dossier received at 10:05 on 27/11/2026
    const data = receiptData();

    // When the receipt is rendered
    const pdf = await readPdf(await renderReceipt(data));

    // Then it is one A5 page whose text carries the title, the applicant and the appointment to the minute
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toMatchObject({ width: A5.width, height: A5.height });
    const text = pdf.text;
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(`Mã hồ sơ: ${CODE}`);
    expect(text).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung');
    expect(text).toContain(`Số định danh cá nhân/tổ chức: ${NHUNG.idNumber}`);
    expect(text).toContain(
      '1. Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01, Phụ lục II, Nghị định 175/2024/NĐ-CP) (01 bản chính)',
    );
    expect(text).toContain('2. Giấy chứng nhận quyền sử dụng đất (01 bản sao)');
    expect(text).toContain('3. Bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng, móng (02 bản chính)');
    expect(text).toContain('2. Số lượng hồ sơ: 01 (bộ)');
    expect(text).toContain('3. Thời gian giải quyết hồ sơ theo quy định: 15 ngày làm việc');
    expect(text).toContain('4. Thời gian nhận hồ sơ: 10 giờ 05 phút, ngày 27 tháng 11 năm 2026');
    expect(text).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 05 phút, ngày 18 tháng 12 năm 2026');
    expect(text).toContain('6. Đăng ký nhận kết quả tại: Qua dịch vụ bưu chính công ích, địa chỉ: Thôn Mỹ Phước');
    expect(text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: 02/2026, Số thứ tự: 1');
    const order = [
      'Mã hồ sơ',
      'Tiếp nhận hồ sơ của',
      'Địa chỉ',
      'Số điện thoại',
      'Email',
      'Nội dung yêu cầu giải quyết',
      '1. Thành phần hồ sơ nộp gồm',
      '2. Số lượng hồ sơ',
      '3. Thời gian giải quyết',
      '4. Thời gian nhận hồ sơ',
      '5. Thời gian trả kết quả',
      '6. Đăng ký nhận kết quả tại',
      'Vào Sổ theo dõi hồ sơ',
    ];
    const positions = order.map((label) => text.indexOf(label));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('carries the agency header block and both signature blocks with their captions', async () => {
    const pdf = await readPdf(await renderReceipt(receiptData()));

    expect(pdf.text).toContain('UBND HUYỆN DUY XUYÊN BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
    expect(pdf.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc');
    expect(pdf.text).toContain('Số: 1/HDHS');
    expect(pdf.text).toContain('Duy Xuyên, ngày 27 tháng 11 năm 2026');
    expect(pdf.text).toContain('Mẫu số 01 - Thông tư số 03/2025/TT-VPCP');
    expect(pdf.text).toContain('NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Thị Hồng Nhung');
    expect(pdf.text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Văn Ánh');
  });

  it('links the QR code to the public status page and prints the dossier code and the address', async () => {
    const pdf = await readPdf(await renderReceipt(receiptData()));

    expect(pdf.pages[0]?.links).toEqual([STATUS_URL]);
    expect(pdf.text).toContain(`Tra cứu tình trạng hồ sơ: ${STATUS_URL}`);
  });

  it('prints the times in Vietnam time whatever the instant is written in', async () => {
    // Given a dossier received at 16:40 UTC, which is 23:40 in Vietnam, due the next morning there
    const data = receiptData({
      receivedAt: new Date('2026-11-26T16:40:00Z'),
      dueAt: new Date('2026-11-27T00:30:00Z'),
      processingDays: 0,
    });

    const pdf = await readPdf(await renderReceipt(data));

    expect(pdf.text).toContain('4. Thời gian nhận hồ sơ: 23 giờ 40 phút, ngày 26 tháng 11 năm 2026');
    expect(pdf.text).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 07 giờ 30 phút, ngày 27 tháng 11 năm 2026');
    expect(pdf.text).toContain('3. Thời gian giải quyết hồ sơ theo quy định: Trong ngày làm việc');
  });

  it('leaves dots for the number and the register entry when they are not known, and prints the counter', async () => {
    const data = receiptData({ number: null, registerEntry: null, resultDelivery: 'counter', deliveryAddress: null });

    const pdf = await readPdf(await renderReceipt(data));

    expect(pdf.text).toContain('Số: ……/HDHS');
    expect(pdf.text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: ……, Số thứ tự: ……');
    expect(pdf.text).toContain('6. Đăng ký nhận kết quả tại: Trực tiếp tại nơi tiếp nhận hồ sơ');
  });

  it('sets the PDF metadata: title, author = agency, language, creation date from the data', async () => {
    const pdf = await readPdf(await renderReceipt(receiptData()));

    expect(pdf.info.Title).toBe(`GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ - ${CODE}`);
    expect(pdf.info.Author).toBe('Ủy ban nhân dân huyện Duy Xuyên');
    expect(pdf.language).toBe('vi-VN');
    expect(pdf.info.CreationDate).toBe('D:20261127030500Z');
  });

  it('renders the same bytes for the same data', async () => {
    const first = await renderReceipt(receiptData());
    const second = await renderReceipt(receiptData());

    expect(first.equals(second)).toBe(true);
    const later = await renderReceipt(receiptData({ issuedAt: vn('2026-11-27T10:06:00') }));
    expect(later.equals(first)).toBe(false);
  });

  it('flows a long list of documents onto a second page without losing any', async () => {
    const documents = Array.from({ length: 30 }, (_, index) => ({
      name: `Giấy tờ kèm theo số ${index + 1}`,
      originals: 1,
      copies: 1,
    }));

    const pdf = await readPdf(await renderReceipt(receiptData({ documents })));

    expect(pdf.pages.length).toBeGreaterThan(1);
    expect(pdf.pages.every((page) => page.width === A5.width && page.height === A5.height)).toBe(true);
    expect(pdf.text).toContain('30. Giấy tờ kèm theo số 30 (01 bản chính, 01 bản sao)');
    expect(pdf.text).toContain(`Trang 1/${pdf.pages.length}`);
  });
});
