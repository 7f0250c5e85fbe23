import ExcelJS from 'exceljs';
import { FIGURE_GROUPS, FIGURE_LABELS, GROUPING_LABELS, type Statistics } from '@motcua/common';
import { localDateInWords } from '@motcua/domain';
import { STATISTICS_REPORT_LABEL, STATISTICS_REPORT_TITLE } from '../forms/statistics-report.js';

/**
 * The statistics as an Excel workbook (exceljs), laid out like the PDF: title and period, two header
 * rows (the column groups of Biểu 06 merged over their figures), one row per group, the total, and
 * the Decision 766 on-time rate. Counts are numeric cells (shown as 1.234 by Excel's Vietnamese
 * locale), so a reader can sum them again; the numbers are those of the API (statistics-service).
 */

/** The sheet's name, and the first row of the figures (after the title block and the two header rows). */
export const STATISTICS_SHEET = 'Biểu 06';
export const FIRST_DATA_ROW = 6;

export async function statisticsWorkbook(statistics: Statistics, createdAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hệ thống thông tin một cửa điện tử';
  workbook.created = createdAt;
  workbook.modified = createdAt;
  const sheet = workbook.addWorksheet(STATISTICS_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const figures = FIGURE_GROUPS.flatMap((group) => group.figures.map((figure) => ({ figure, group: group.label })));
  const lastColumn = 2 + figures.length;

  sheet.mergeCells(1, 1, 1, lastColumn);
  sheet.getCell(1, 1).value = STATISTICS_REPORT_TITLE;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, lastColumn);
  sheet.getCell(2, 1).value =
    `${statistics.agency.name} · Kỳ báo cáo: từ ${localDateInWords(statistics.from)} đến ${localDateInWords(statistics.to)}`;
  sheet.getCell(2, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(3, 1, 3, lastColumn);
  sheet.getCell(3, 1).value = `${STATISTICS_REPORT_LABEL} · Đơn vị tính: Số hồ sơ`;
  sheet.getCell(3, 1).font = { italic: true };

  // two header rows: STT and the grouping merged down; each group merged across its figures
  const top = 4;
  sheet.mergeCells(top, 1, top + 1, 1);
  sheet.getCell(top, 1).value = 'STT';
  sheet.mergeCells(top, 2, top + 1, 2);
  sheet.getCell(top, 2).value = GROUPING_LABELS[statistics.groupBy];
  let column = 3;
  for (const group of FIGURE_GROUPS) {
    sheet.mergeCells(top, column, top, column + group.figures.length - 1);
    sheet.getCell(top, column).value = group.label;
    group.figures.forEach((figure, index) => {
      sheet.getCell(top + 1, column + index).value = FIGURE_LABELS[figure];
    });
    column += group.figures.length;
  }
  for (const row of [top, top + 1]) {
    for (let index = 1; index <= lastColumn; index += 1) {
      const cell = sheet.getCell(row, index);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
    }
  }

  const body = [
    ...statistics.rows.map((row, index) => ({ index: index + 1, label: row.label, figures: row.figures })),
    { index: null, label: 'Tổng cộng', figures: statistics.total },
  ];
  body.forEach((row, offset) => {
    const excelRow = sheet.getRow(FIRST_DATA_ROW + offset);
    excelRow.values = [row.index ?? '', row.label, ...figures.map(({ figure }) => row.figures[figure])];
    excelRow.eachCell({ includeEmpty: true }, (cell, number) => {
      if (number > 2) cell.numFmt = '#,##0';
      cell.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
      if (row.index === null) cell.font = { bold: true };
    });
  });
  const rateRow = sheet.getRow(FIRST_DATA_ROW + body.length + 1);
  rateRow.getCell(2).value = 'Tỷ lệ giải quyết đúng hạn (Quyết định 766/QĐ-TTg), %';
  rateRow.getCell(3).value = statistics.onTimeRate;

  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 40;
  for (let index = 3; index <= lastColumn; index += 1) sheet.getColumn(index).width = 12;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
