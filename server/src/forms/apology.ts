import { dateInWords, timeAndDateInWords } from './dates.js';
import { FONTS } from './fonts.js';
import { drawSignatures, finish, openDossierForm, paragraph, type Doc } from './layout.js';
import type { ApologyFormData } from './types.js';

/**
 * Mẫu 04, the apology letter (A5), signed by the head of the resolving agency (docs/legal.md §1.2, §6). Its
 * edition follows the day it is issued (editions.ts): before 15/09/2025 "Phiếu xin lỗi và hẹn lại
 * ngày trả kết quả" (Circular 01/2018) announcing a new date; from then on "Văn bản xin lỗi và đề
 * nghị gia hạn thời gian giải quyết" (Circular 03/2025) proposing an extension up to that date.
 */
export async function renderApology(data: ApologyFormData): Promise<Buffer> {
  const { doc, edition } = openDossierForm('apology', data);
  const agency = data.resolvingAgencyName ?? data.issuer.agencyName;

  paragraph(doc, `Kính gửi: Ông/Bà ${data.applicant.name}`, { font: FONTS.bold, indent: 40, gap: 6 });
  letter(
    doc,
    `${capitalise(dateInWords(data.receivedAt))}, ${agency} tiếp nhận giải quyết hồ sơ của Ông/Bà, ` +
      `nội dung: ${data.requestSummary}; mã số hồ sơ: ${data.dossierCode}.`,
  );
  letter(doc, `Thời gian hẹn trả kết quả giải quyết hồ sơ: ${timeAndDateInWords(data.previousDueAt)}.`);
  letter(
    doc,
    `Tuy nhiên, ${agency} không thể trả kết quả giải quyết hồ sơ cho Ông/Bà đúng thời hạn ghi trên ` +
      'Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
  );
  // the lookbehind starts the match only where the trailing run starts: linear, where [.\s]+$ was quadratic
  letter(doc, `Lý do: ${data.reason.replace(/(?<![.\s])[.\s]+$/, '')}.`);
  const newDate = timeAndDateInWords(data.newDueAt);
  letter(
    doc,
    edition.circular2025
      ? `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${agency} xin lỗi Ông/Bà và đề nghị gia hạn thời gian ` +
          `giải quyết hồ sơ đến ${newDate}.`
      : `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. ${agency} xin lỗi Ông/Bà ` +
          `và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào ${newDate}.`,
  );
  letter(doc, 'Xin trân trọng cảm ơn./.');

  drawSignatures(doc, [{ title: data.signerTitle ?? 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', name: data.signerName }]);
  return finish(doc);
}

/** A paragraph of the letter: first line indented. */
function letter(doc: Doc, text: string): void {
  paragraph(doc, text, { firstLine: 18, gap: 3 });
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi-VN') + text.slice(1);
}
