import { timeAndDateInWords } from './dates.js';
import { FONTS } from './fonts.js';
import {
  drawSignatures,
  field,
  finish,
  numberedList,
  openDossierForm,
  paragraph,
  receivedFromFields,
} from './layout.js';
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
 * with the fields of docs/legal.md §1.2 in their order.
 */
export async function renderReceipt(data: ReceiptFormData): Promise<Buffer> {
  const { doc } = openDossierForm('receipt', data);

  field(doc, 'Mã hồ sơ', data.dossierCode, { bold: true });
  field(doc, 'Cơ quan tiếp nhận', data.issuer.agencyName);
  receivedFromFields(doc, data.applicant, data.requestSummary);

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
    { title: 'NGƯỜI NỘP HỒ SƠ', name: data.applicant.name },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.receiverName },
  ]);
  return finish(doc);
}
