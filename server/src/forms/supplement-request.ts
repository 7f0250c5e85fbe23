import {
  applicantContactFields,
  drawSignatures,
  field,
  finish,
  numberedList,
  openDossierForm,
  paragraph,
} from './layout.js';
import type { SupplementRequestFormData } from './types.js';

/**
 * Mẫu 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (A5): every missing item listed at once, numbered,
 * so that the applicant comes back a single time (fields of docs/legal.md §1.2 in their order).
 */
export async function renderSupplementRequest(data: SupplementRequestFormData): Promise<Buffer> {
  if (data.missingItems.length === 0) throw new RangeError('a supplement request lists at least one missing item');
  const { doc } = openDossierForm('supplement_request', data);

  field(doc, 'Hồ sơ của', data.applicant.name, { bold: true });
  field(doc, 'Nội dung yêu cầu giải quyết', data.requestSummary);
  applicantContactFields(doc, data.applicant);
  paragraph(doc, 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:');
  numberedList(doc, data.missingItems, { indent: 12 });
  field(doc, 'Lý do', data.reason);
  paragraph(
    doc,
    `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ${data.contact.name}, ` +
      `số điện thoại ${data.contact.phone} để được hướng dẫn./.`,
    { gap: 4 },
  );

  drawSignatures(doc, [{ title: 'NGƯỜI HƯỚNG DẪN', name: data.guideName }]);
  return finish(doc);
}
