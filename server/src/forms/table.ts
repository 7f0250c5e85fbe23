import { FONTS } from './fonts.js';
import { contentBottom, contentLeft, type Doc } from './layout.js';

/**
 * A ruled table that flows over pages, repeating its header row on each. Used by the control sheet
 * and the register, whose rows come from data of any length.
 */

export interface TableColumn {
  header: string;
  width: number;
  /** Columns with the same group share a header cell above their own (e.g. "Nhận và trả kết quả"). */
  group?: string;
  align?: 'left' | 'center';
}

export interface TableOptions {
  columns: readonly TableColumn[];
  rows: readonly (readonly string[])[];
  fontSize: number;
  headerFontSize: number;
  /** Inner padding of a cell. */
  padding?: number;
}

interface HeaderCell {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

function textHeight(doc: Doc, text: string, width: number): number {
  return text === '' ? 0 : doc.heightOfString(text, { width });
}

function headerCells(
  doc: Doc,
  options: TableOptions,
  left: number,
  top: number,
): { cells: HeaderCell[]; height: number } {
  const padding = options.padding ?? 3;
  doc.font(FONTS.bold).fontSize(options.headerFontSize);
  const grouped = options.columns.some((column) => column.group !== undefined);
  const spans: { group: string; x: number; width: number }[] = [];
  let x = left;
  for (const column of options.columns) {
    const last = spans[spans.length - 1];
    if (column.group !== undefined && last?.group === column.group) last.width += column.width;
    else if (column.group !== undefined) spans.push({ group: column.group, x, width: column.width });
    x += column.width;
  }
  const groupHeight = grouped
    ? Math.max(...spans.map((span) => textHeight(doc, span.group, span.width - 2 * padding))) + 2 * padding
    : 0;
  const lowerHeight =
    Math.max(...options.columns.map((column) => textHeight(doc, column.header, column.width - 2 * padding))) +
    2 * padding;
  const height = groupHeight + lowerHeight;
  // Cells in reading order: a group's cell comes just before the cells of its columns.
  const cells: HeaderCell[] = [];
  x = left;
  for (const column of options.columns) {
    const span = spans.find((candidate) => candidate.x === x && candidate.group === column.group);
    if (span) cells.push({ text: span.group, x: span.x, y: top, width: span.width, height: groupHeight });
    cells.push(
      column.group === undefined
        ? { text: column.header, x, y: top, width: column.width, height }
        : { text: column.header, x, y: top + groupHeight, width: column.width, height: lowerHeight },
    );
    x += column.width;
  }
  return { cells, height };
}

function drawHeaderRow(doc: Doc, options: TableOptions, left: number): void {
  const padding = options.padding ?? 3;
  const top = doc.y;
  const { cells, height } = headerCells(doc, options, left, top);
  doc.font(FONTS.bold).fontSize(options.headerFontSize);
  for (const cell of cells) {
    doc.rect(cell.x, cell.y, cell.width, cell.height).lineWidth(0.5).stroke('black');
    const inner = cell.width - 2 * padding;
    const offset = (cell.height - textHeight(doc, cell.text, inner)) / 2;
    doc.text(cell.text, cell.x + padding, cell.y + offset, { width: inner, align: 'center' });
  }
  doc.y = top + height;
}

/** Draws the table from the current position; rows that do not fit go to a new page under a new header. */
export function drawTable(doc: Doc, options: TableOptions): void {
  const padding = options.padding ?? 3;
  const left = contentLeft(doc);
  drawHeaderRow(doc, options, left);
  for (const row of options.rows) {
    doc.font(FONTS.regular).fontSize(options.fontSize);
    const height =
      Math.max(
        ...options.columns.map((column, index) => textHeight(doc, row[index] ?? '', column.width - 2 * padding)),
      ) +
      2 * padding;
    if (doc.y + height > contentBottom(doc)) {
      doc.addPage();
      drawHeaderRow(doc, options, left);
      doc.font(FONTS.regular).fontSize(options.fontSize);
    }
    const top = doc.y;
    let x = left;
    options.columns.forEach((column, index) => {
      doc.rect(x, top, column.width, height).lineWidth(0.5).stroke('black');
      const text = row[index] ?? '';
      if (text !== '') {
        doc.text(text, x + padding, top + padding, {
          width: column.width - 2 * padding,
          height: height - padding,
          align: column.align ?? 'left',
        });
      }
      x += column.width;
    });
    doc.x = left;
    doc.y = top + height;
  }
}
