import {
  drawSignatures,
  field,
  finish,
  numberedList,
  openDossierForm,
  paragraph,
  receivedFromFields,
} from './layout.js';
import type { RefusalFormData } from './types.js';

/**
 * Mẫu 03, Phiếu từ chối tiếp nhận giải quyết hồ sơ (A5), with the reasons (fields of docs/legal.md §1.2 in
 * their order; the identity number and the dossier code are the Ministry of Health's 2025 additions).
 */
export async function renderRefusal(data: RefusalFormData): Promise<Buffer> {
  if (data.reasons.length === 0) throw new RangeError('a refusal gives at least one reason');
  const { doc } = openDossierForm('refusal', data);

  field(doc, 'Cơ quan tiếp nhận', data.issuer.agencyName);
  field(doc, 'Mã hồ sơ', data.dossierCode, { bold: true });
  receivedFromFields(doc, data.applicant, data.requestSummary);
  const [onlyReason] = data.reasons;
  const intro = `Qua xem xét, ${data.issuer.agencyName} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`;
  if (data.reasons.length === 1 && onlyReason !== undefined) {
    paragraph(doc, `${intro} ${onlyReason}`);
  } else {
    paragraph(doc, intro);
    numberedList(doc, data.reasons, { indent: 12 });
  }
  paragraph(doc, 'Xin thông báo cho Ông/Bà được biết và thực hiện./.', { gap: 4 });

  drawSignatures(doc, [
    { title: 'NGƯỜI NỘP HỒ SƠ', name: data.applicant.name },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: data.receiverName },
  ]);
  return finish(doc);
}
