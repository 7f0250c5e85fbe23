import { FIGURE_GROUPS, FIGURE_LABELS, GROUPING_LABELS, type Statistics } from '@motcua/common';
import { localDateInWords } from './dates.js';
import { formEdition, type FormEdition } from './editions.js';
import { contentWidth, createForm, drawHeader, drawSignatures, drawTitle, finish, paragraph } from './layout.js';
import { drawTable, type TableColumn } from './table.js';
import type { FormIssuer } from './types.js';

/**
 * The processing report laid out like Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP, docs/legal.md
 * §5.1) on A4 landscape: the agency header, the title and period, one row per agency, field,
 * procedure, officer or sub-period, the column groups received / handled / in progress (and what
 * our statistics add: supplement requests, refusals, withdrawals), the total row, the Decision 766
 * on-time rate, and the signatures of whoever draws the report up and the head of the agency. The
 * numbers are the API's (statistics-service), printed in the Vietnamese way (1.234).
 */

export const STATISTICS_REPORT_TITLE = 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
export const STATISTICS_REPORT_LABEL = 'Biểu số 06/VPCP/KSTT - Thông tư số 01/2020/TT-VPCP';

const NUMBER = new Intl.NumberFormat('vi-VN');

/** A count as printed (thousands separated by a dot). */
export function vietnameseCount(value: number): string {
  return NUMBER.format(value);
}

/** The on-time rate as printed, e.g. "95,24%", or "—" when nothing was received. */
export function vietnamesePercent(value: number | null): string {
  return value === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(value)}%`;
}

export async function renderStatisticsReport(
  statistics: Statistics,
  issuer: FormIssuer,
  issuedAt: Date,
): Promise<Buffer> {
  // the register's header block, with the report's own label in the corner
  const edition: FormEdition = {
    ...formEdition('register', issuedAt, issuer),
    title: STATISTICS_REPORT_TITLE,
    label: STATISTICS_REPORT_LABEL,
  };
  const period = `Kỳ báo cáo: từ ${localDateInWords(statistics.from)} đến ${localDateInWords(statistics.to)}`;
  const doc = createForm(
    { size: 'A4', layout: 'landscape' },
    { title: `${STATISTICS_REPORT_TITLE} - ${period}`, subject: STATISTICS_REPORT_LABEL, issuer, issuedAt },
  );
  drawHeader(doc, { issuer, edition, issuedAt });
  drawTitle(doc, STATISTICS_REPORT_TITLE, { subtitle: `${statistics.agency.name} · ${period}` });
  paragraph(doc, 'Đơn vị tính: Số hồ sơ', { gap: 4 });

  const figures = FIGURE_GROUPS.flatMap((group) => group.figures.map((figure) => ({ figure, group: group.label })));
  const width = contentWidth(doc);
  const fixed = { index: 24, label: 150 };
  const each = (width - fixed.index - fixed.label) / figures.length;
  const columns: TableColumn[] = [
    { header: 'STT', width: fixed.index, align: 'center' },
    { header: GROUPING_LABELS[statistics.groupBy], width: fixed.label },
    ...figures.map(({ figure, group }) => ({
      header: FIGURE_LABELS[figure],
      group,
      width: each,
      align: 'center' as const,
    })),
  ];
  const rows = statistics.rows.map((row, index) => [
    String(index + 1),
    row.label,
    ...figures.map(({ figure }) => vietnameseCount(row.figures[figure])),
  ]);
  rows.push(['', 'Tổng cộng', ...figures.map(({ figure }) => vietnameseCount(statistics.total[figure]))]);
  drawTable(doc, { columns, rows, fontSize: 7.5, headerFontSize: 7 });
  paragraph(doc, `Tỷ lệ giải quyết đúng hạn (Quyết định 766/QĐ-TTg): ${vietnamesePercent(statistics.onTimeRate)}`, {
    gap: 6,
  });
  drawSignatures(doc, [
    { title: 'NGƯỜI LẬP BIỂU', name: null },
    { title: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', name: null, caption: '(Ký, ghi rõ họ tên và đóng dấu)' },
  ]);
  return finish(doc);
}
