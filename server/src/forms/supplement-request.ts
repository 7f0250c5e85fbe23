import { formEdition } from './editions.js';
import { createForm, drawHeader, drawSignatures, drawTitle, field, finish, numberedList, paragraph } from './layout.js';
import type { SupplementRequestFormData } from './types.js';

/**
 * Mẫu 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (A5): every missing item listed at once, numbered,
 * so that the applicant comes back a single time (fields of LEGAL.md 1.2 in their order).
 */
export async function renderSupplementRequest(data: SupplementRequestFormData): Promise<Buffer> {
  if (data.missingItems.length === 0) throw new RangeError('a supplement request lists at least one missing item');
  const edition = formEdition('supplement_request', data.issuedAt, data.issuer);
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
  field(doc, 'Hồ sơ của', applicant.name, { bold: true });
  field(doc, 'Nội dung yêu cầu giải quyết', data.requestSummary);
  field(doc, 'Địa chỉ', applicant.address);
  field(doc, 'Số điện thoại', applicant.phone);
  field(doc, 'Email', applicant.email ?? '');
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
