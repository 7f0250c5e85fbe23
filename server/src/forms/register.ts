import { dateTimeShort, localDateInWords } from './dates.js';
import { formEdition } from './editions.js';
import { contentWidth, createForm, drawHeader, drawTitle, finish, paragraph } from './layout.js';
import { drawTable, type TableColumn } from './table.js';
import type { RegisterFormData, RegisterRow } from './types.js';
import { RESULT_DELIVERY_METHODS } from './wording.js';

const RECEIVE_AND_RETURN = 'Nhận và trả kết quả';

/** Column widths as shares of the page width; "Ký nhận" is left for a signature. */
const COLUMNS: readonly (TableColumn & { share: number })[] = [
  { header: 'STT', width: 0, share: 3.5, align: 'center' },
  { header: 'Mã hồ sơ', width: 0, share: 14.5 },
  { header: 'Tên TTHC', width: 0, share: 13 },
  { header: 'Tên tổ chức, cá nhân', width: 0, share: 11 },
  { header: 'Địa chỉ/SĐT', width: 0, share: 12 },
  { header: 'Cơ quan chủ trì giải quyết', width: 0, share: 11 },
  { header: 'Nhận hồ sơ', width: 0, share: 7, group: RECEIVE_AND_RETURN, align: 'center' },
  { header: 'Hẹn trả kết quả', width: 0, share: 7, group: RECEIVE_AND_RETURN, align: 'center' },
  { header: 'Trả kết quả', width: 0, share: 7, group: RECEIVE_AND_RETURN, align: 'center' },
  { header: 'Phương thức nhận kết quả', width: 0, share: 7.5, group: RECEIVE_AND_RETURN, align: 'center' },
  { header: 'Ký nhận', width: 0, share: 6.5 },
];

function rowCells(row: RegisterRow, index: number): string[] {
  return [
    String(index + 1),
    row.dossierCode,
    row.procedureName,
    row.applicantName,
    `${row.applicantAddress}\n${row.applicantPhone}`,
    row.resolvingAgencyName,
    dateTimeShort(row.receivedAt),
    row.dueAt ? dateTimeShort(row.dueAt) : '',
    row.returnedAt ? dateTimeShort(row.returnedAt) : '',
    row.resultDelivery ? RESULT_DELIVERY_METHODS[row.resultDelivery] : '',
    '',
  ];
}

/**
 * The tracking register of an agency over a period (A4 landscape): Mẫu 06 of Circular 01/2018, Mẫu 07
 * of Circular 03/2025, with the Ministry of Health's 2025 columns (docs/legal.md §1.2). The rows flow over
 * as many pages as needed, the header row repeated on each.
 */
export async function renderRegister(data: RegisterFormData): Promise<Buffer> {
  const edition = formEdition('register', data.issuedAt, data.issuer);
  const period = `Từ ${localDateInWords(data.period.from)} đến ${localDateInWords(data.period.to)}`;
  const doc = createForm(
    { size: 'A4', layout: 'landscape' },
    { title: `${edition.title} - ${period}`, subject: edition.label, issuer: data.issuer, issuedAt: data.issuedAt },
  );
  drawHeader(doc, { issuer: data.issuer, edition, issuedAt: data.issuedAt });
  drawTitle(doc, edition.title, { subtitle: period });
  if (data.book !== null) paragraph(doc, `Quyển số: ${data.book}`, { gap: 6 });

  const width = contentWidth(doc);
  const total = COLUMNS.reduce((sum, column) => sum + column.share, 0);
  drawTable(doc, {
    columns: COLUMNS.map(({ share, ...column }) => ({ ...column, width: (width * share) / total })),
    rows: data.rows.map(rowCells),
    fontSize: 8,
    headerFontSize: 8,
  });
  return finish(doc);
}
