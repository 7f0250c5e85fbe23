import { describe, expect, it } from 'vitest';
import { renderRefusal } from '../../src/forms/index.js';
import { refusalData } from './fixtures.js';
import { A5, readPdf } from './pdf.js';

describe('renderRefusal (Mẫu 03)', () => {
  it('gives the reasons for refusing the dossier, numbered, and both signature blocks', async () => {
    // Given a household-business registration refused at reception for two reasons
    const data = refusalData();

    // When the refusal is rendered
    const pdf = await readPdf(await renderRefusal(data));

    // Then one A5 page states the refusal with each reason
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toMatchObject({ width: A5.width, height: A5.height });
    const text = pdf.text;
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Mã hồ sơ: 000.00.17.H41-261127-0003');
    expect(text).toContain('Tiếp nhận hồ sơ của: Đặng Quốc Việt');
    expect(text).toContain('Nội dung yêu cầu giải quyết: Đăng ký thành lập hộ kinh doanh');
    expect(text).toContain(
      'Qua xem xét, Ủy ban nhân dân huyện Duy Xuyên thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: ' +
        '1. Tên hộ kinh doanh trùng với tên hộ kinh doanh đã đăng ký trong phạm vi huyện ' +
        '2. Ngành nghề đăng ký thuộc danh mục ngành nghề cấm đầu tư kinh doanh',
    );
    expect(text).toContain('Xin thông báo cho Ông/Bà được biết và thực hiện./.');
    expect(text).toContain('NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Đặng Quốc Việt');
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Văn Ánh');
    expect(text).toContain('Số: 3/PTC');
    expect(pdf.pages[0]?.links).toEqual([data.statusUrl]);
  });

  it('writes a single reason in the sentence itself', async () => {
    const pdf = await readPdf(
      await renderRefusal(refusalData({ reasons: ['Thủ tục không thuộc thẩm quyền giải quyết của huyện'] })),
    );

    expect(pdf.text).toContain(
      'với lý do cụ thể như sau: Thủ tục không thuộc thẩm quyền giải quyết của huyện Xin thông báo',
    );
    expect(pdf.text).not.toContain('1. Thủ tục');
  });

  it('refuses to print a refusal without a reason', async () => {
    await expect(renderRefusal(refusalData({ reasons: [] }))).rejects.toThrow(/at least one reason/);
  });
});
