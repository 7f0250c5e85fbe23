import { describe, expect, it } from 'vitest';
import { renderSupplementRequest } from '../../src/forms/index.js';
import { supplementRequestData } from './fixtures.js';
import { A5, readPdf } from './pdf.js';

describe('renderSupplementRequest (Mẫu 02)', () => {
  it('lists every missing item at once, numbered, with the reason and whom to call', async () => {
    // Given a dossier found incomplete at reception, three items missing
    const data = supplementRequestData();

    // When the supplement request is rendered
    const pdf = await readPdf(await renderSupplementRequest(data));

    // Then one A5 page names the applicant and lists the three items in order under the legal sentence
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toMatchObject({ width: A5.width, height: A5.height });
    const text = pdf.text;
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('Hồ sơ của: Đặng Quốc Việt');
    expect(text).toContain(
      'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau: ' +
        '1. Bản sao Giấy chứng nhận quyền sử dụng đất có chứng thực ' +
        '2. Bản vẽ mặt bằng móng có chữ ký của chủ nhiệm thiết kế ' +
        '3. Ảnh chụp hiện trạng khu đất xây dựng',
    );
    expect(text).toContain('Lý do: Hồ sơ thiếu thành phần theo quy định tại Điều 43 Nghị định 175/2024/NĐ-CP');
    expect(text).toContain(
      'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với Lê Thị Thu Hà, số điện thoại 0235 3877 123 để được hướng dẫn./.',
    );
    expect(text).toContain('NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên) Trần Văn Ánh');
    expect(text).toContain('Số: 7/PBS');
    expect(text).toContain('Duy Xuyên, ngày 27 tháng 11 năm 2026');
  });

  it('keeps the fields in the order of the form, an absent e-mail left blank', async () => {
    const pdf = await readPdf(await renderSupplementRequest(supplementRequestData()));

    const order = [
      'Hồ sơ của:',
      'Nội dung yêu cầu giải quyết:',
      'Địa chỉ:',
      'Số điện thoại:',
      'Email:',
      'Yêu cầu hoàn thiện hồ sơ',
      'Lý do:',
      'Trong quá trình hoàn thiện hồ sơ',
    ];
    const positions = order.map((label) => pdf.text.indexOf(label));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(pdf.text).toContain('Email: Yêu cầu hoàn thiện hồ sơ');
  });

  it('carries the QR link to the status page of that dossier', async () => {
    const data = supplementRequestData();

    const pdf = await readPdf(await renderSupplementRequest(data));

    expect(pdf.pages[0]?.links).toEqual([data.statusUrl]);
    expect(pdf.text).toContain(data.dossierCode);
  });

  it('refuses to print a request without any missing item', async () => {
    await expect(renderSupplementRequest(supplementRequestData({ missingItems: [] }))).rejects.toThrow(
      /at least one missing item/,
    );
  });
});
