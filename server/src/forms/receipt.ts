import { timeAndDateInWords } from './dates.js';
import { formEdition } from './editions.js';
import { FONTS } from './fonts.js';
import { createForm, drawHeader, drawSignatures, drawTitle, field, finish, numberedList, paragraph } from './layout.js';
import type { ReceiptFormData, SubmittedDocument } from './types.js';
import { RESULT_DELIVERY_PLACES } from './wording.js';

function count(value: number): string {
  return String(value).padStart(2, '0');
}

function documentLine(document: SubmittedDocument): string {
  const counts = [
    document.originals > 0 ? `${count(document.originals)} bản chính` : null,
    document.copies > 0 ? `${count(document.copies)} bản sao` : null,
  ].filter((part) => part !== null);
  return counts.length > 0 ? `${document.name} (${counts.join(', ')})` : document.name;
}

/** "15 ngày làm việc", or within the day of receipt for procedures resolved the same day. */
function processingTime(days: number): string {
  return days === 0 ? 'Trong ngày làm việc' : `${count(days)} ngày làm việc`;
}

/**
 * Mẫu 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A5): given to the applicant of a complete dossier,
 * with the fields of LEGAL.md 1.2 in their order.
 */
export async function renderReceipt(data: ReceiptFormData): Promise<Buffer> {
  const edition = formEdition('receipt', data.issuedAt, data.issuer);
  const doc = createForm(
    { size: 'A5', layout: 'portrait' },
    {
      title: `${edition.title} - ${data.dossierCode}`,
      subject: edition.label,
      issuer: data.issuer,
      issuedAt: data.issuedAt,
    },
  );
  drawHeader(doc, { issuer: data.issuer, edition, number: data.number, issuedAt: data.issuedAt });
  drawTitle(doc, edition.title, { qr: { url: data.statusUrl, code: data.dossierCode } });

  const { applicant } = data;
  field(doc, 'Mã hồ sơ', data.dossierCode, { bold: true });
  field(doc, 'Cơ quan tiếp nhận', data.issuer.agencyName);
  field(doc, 'Tiếp nhận hồ sơ của', applicant.name, { bold: true });
  if (applicant.idNumber) field(doc, 'Số định danh cá nhân/tổ chức', applicant.idNumber);
  field(doc, 'Địa chỉ', applicant.address);
  field(doc, 'Số điện thoại', applicant.phone);
  field(doc, 'Email', applicant.email ?? '');
  field(doc, 'Nội dung yêu cầu giải quyết', data.requestSummary);

  paragraph(doc, '1. Thành phần hồ sơ nộp gồm:');
  numberedList(doc, data.documents.map(documentLine), { indent: 12 });
  field(doc, '2. Số lượng hồ sơ', `${count(data.setCount)} (bộ)`);
  field(doc, '3. Thời gian giải quyết hồ sơ theo quy định', processingTime(data.processingDays));
  field(doc, '4. Thời gian nhận hồ sơ', timeAndDateInWords(data.receivedAt));
  field(doc, '5. Thời gian trả kết quả giải quyết hồ sơ', timeAndDateInWords(data.dueAt), { bold: true });
  const place = RESULT_DELIVERY_PLACES[data.resultDelivery];
  const address = data.resultDelivery === 'post' && data.deliveryAddress ? `, địa chỉ: ${data.deliveryAddress}` : '';
  field(doc, '6. Đăng ký nhận kết quả tại', `${place}${address}`);
  const book = data.registerEntry?.book ?? '……';
  const entry = data.registerEntry?.entry ?? '……';
  paragraph(doc, `Vào Sổ theo dõi hồ sơ, Quyển số: ${book}, Số thứ tự: ${entry}`, { font: FONTS.italic, gap: 4 });

  drawSignatures(doc, [
    { title: 'NGƯỜI NỘP HỒ SƠ', name: applicant.name },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.receiverName },
  ]);
  return finish(doc);
}
