import { timeAndDateInWords } from './dates.js';
import { contentWidth, field, finish, openDossierForm } from './layout.js';
import { drawTable } from './table.js';
import type { ControlSheetFormData, ControlSheetRow } from './types.js';
import { handoverResultWords } from './wording.js';

const BLANK = '……………';

function rowCells(row: ControlSheetRow): string[] {
  return [
    `1. Giao: ${row.fromUnit}\n2. Nhận: ${row.toUnit}`,
    `${timeAndDateInWords(row.handedOverAt)}\nNgười giao: ${row.handedOverBy ?? BLANK}\nNgười nhận: ${row.receivedBy ?? BLANK}`,
    row.result ? handoverResultWords(row.result) : '',
    row.note ?? '',
  ];
}

/**
 * The process control sheet (A5): Mẫu 05 of Circular 01/2018, Mẫu 06 of Circular 03/2025 (which adds
 * the receipt and appointment dates). One row per handover, with who handed over to whom, when, and
 * whether the leg finished early, on time or late (docs/legal.md §1.2).
 */
export async function renderControlSheet(data: ControlSheetFormData): Promise<Buffer> {
  const { doc, edition } = openDossierForm('control_sheet', data);

  field(doc, 'Mã hồ sơ', data.dossierCode, { bold: true });
  field(doc, 'Cơ quan (bộ phận) giải quyết hồ sơ', data.resolvingAgencyName);
  field(doc, 'Cơ quan phối hợp giải quyết hồ sơ', data.coordinatingAgencyNames.join('; '));
  if (edition.circular2025) {
    field(doc, 'Ngày nhận', timeAndDateInWords(data.receivedAt));
    field(doc, 'Hẹn trả kết quả', data.dueAt ? timeAndDateInWords(data.dueAt) : BLANK);
  }
  doc.y += 4;

  const width = contentWidth(doc);
  const [result, note] = [58, 54];
  const name = Math.round((width - result - note) * 0.45);
  drawTable(doc, {
    columns: [
      { header: 'TÊN CƠ QUAN', width: name },
      { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: width - result - note - name },
      { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn)', width: result, align: 'center' },
      { header: 'GHI CHÚ', width: note },
    ],
    rows: data.rows.map(rowCells),
    fontSize: 8,
    headerFontSize: 7.5,
  });
  return finish(doc);
}
