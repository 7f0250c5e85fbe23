import PDFDocument from 'pdfkit';
import { placeAndDate } from './dates.js';
import { formEdition, type FormEdition } from './editions.js';
import { FONTS, registerFonts, type FontName } from './fonts.js';
import { drawQrCode } from './qr.js';
import type { DossierFormBase, FormApplicant, FormIssuer, FormKind } from './types.js';

/**
 * What every standard form shares: the page, the header block (docs/legal.md §1.1), the title, labelled
 * fields, numbered lists, signature blocks and the QR code. Positions are in PDF points.
 */

export type Doc = PDFKit.PDFDocument;

/** Font sizes in points. */
export const SIZE = { corner: 6.5, header: 9, motto: 10, title: 12, body: 9.5, caption: 8, small: 7, tiny: 6 } as const;

export interface PageSetup {
  /** 'A5' for the forms, 'A4' for the register (Circular 01/2018, docs/legal.md §1.1). */
  size: 'A5' | 'A4';
  layout: 'portrait' | 'landscape';
}

/** Creates a form's document with its metadata; `issuedAt` is the CreationDate, so the bytes repeat. */
export function createForm(
  page: PageSetup,
  meta: { title: string; subject: string; issuer: FormIssuer; issuedAt: Date },
): Doc {
  const doc = new PDFDocument({
    size: page.size,
    layout: page.layout,
    margins:
      page.size === 'A5' ? { top: 34, bottom: 30, left: 36, right: 24 } : { top: 34, bottom: 34, left: 34, right: 28 },
    lang: 'vi-VN',
    displayTitle: true,
    bufferPages: true,
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Author: meta.issuer.agencyName,
      Creator: 'Hệ thống thông tin một cửa điện tử',
      CreationDate: meta.issuedAt,
      ModDate: meta.issuedAt,
    },
  });
  registerFonts(doc);
  doc.font(FONTS.regular).fontSize(SIZE.body);
  return doc;
}

/** "Trang 1/3" at the foot of every page, when there is more than one. */
function numberPages(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  if (count < 2) return;
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    const bottomMargin = doc.page.margins.bottom;
    // Text below the bottom margin would make PDFKit open a new page: lift the margin while writing.
    doc.page.margins.bottom = 0;
    doc
      .font(FONTS.italic)
      .fontSize(SIZE.small)
      .text(`Trang ${index - start + 1}/${count}`, contentLeft(doc), doc.page.height - bottomMargin + 8, {
        width: contentWidth(doc),
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
}

/** Numbers the pages, ends the document and collects its bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  numberPages(doc);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export function contentLeft(doc: Doc): number {
  return doc.page.margins.left;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function contentBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit above the bottom margin. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > contentBottom(doc)) {
    doc.addPage();
    doc.x = contentLeft(doc);
  }
}

/** The largest size up to `max` at which `text` fits on one line of `width` in `font`. */
function fittingSize(doc: Doc, text: string, font: FontName, max: number, width: number): number {
  doc.font(font).fontSize(max);
  const natural = doc.widthOfString(text);
  return natural <= width ? max : Math.floor(((max * width) / natural) * 10) / 10;
}

/** A name of the header block on one line if that takes no smaller than 7.5 pt, otherwise wrapped. */
function oneLineSize(doc: Doc, text: string, font: FontName, width: number): number {
  const size = fittingSize(doc, text, font, SIZE.header, width);
  return size >= 7.5 ? size : SIZE.header;
}

/** Centered text in a column, returning the y below it. */
function centered(doc: Doc, text: string, x: number, y: number, width: number, font: FontName, size: number): number {
  doc.font(font).fontSize(size).text(text, x, y, { width, align: 'center' });
  return doc.y;
}

function rule(doc: Doc, xCenter: number, y: number, length: number): void {
  doc
    .moveTo(xCenter - length / 2, y)
    .lineTo(xCenter + length / 2, y)
    .lineWidth(0.6)
    .stroke('black');
}

const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * The header block of docs/legal.md §1.1: top left the parent agency and the unit with a short rule; top
 * right the national name and motto with a rule as long as the motto; then "Số: …/<suffix>" on the
 * left and the italic place and date on the right. The form's number and circular go in the corner.
 */
export function drawHeader(
  doc: Doc,
  header: {
    issuer: FormIssuer;
    edition: FormEdition;
    /** The form's number; null prints dots; undefined (the register) prints no "Số:" at all. */
    number?: number | string | null;
    issuedAt: Date;
  },
): void {
  const { issuer, edition } = header;
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const top = doc.page.margins.top;
  const leftWidth = Math.round(width * 0.44);
  const rightX = left + leftWidth + 6;
  const rightWidth = width - leftWidth - 6;

  doc
    .font(FONTS.italic)
    .fontSize(SIZE.corner)
    .text(edition.label, left, top - 16, { width, align: 'right', lineBreak: false });

  let leftY = top;
  if (issuer.parentName) {
    const parent = issuer.parentName.toLocaleUpperCase('vi-VN');
    leftY = centered(
      doc,
      parent,
      left,
      leftY,
      leftWidth,
      FONTS.regular,
      oneLineSize(doc, parent, FONTS.regular, leftWidth),
    );
  }
  const unit = issuer.unitName.toLocaleUpperCase('vi-VN');
  leftY = centered(doc, unit, left, leftY, leftWidth, FONTS.bold, oneLineSize(doc, unit, FONTS.bold, leftWidth));
  rule(doc, left + leftWidth / 2, leftY + 3, leftWidth / 3);

  const nationalSize = fittingSize(doc, NATIONAL_NAME, FONTS.bold, SIZE.header, rightWidth);
  let rightY = centered(doc, NATIONAL_NAME, rightX, top, rightWidth, FONTS.bold, nationalSize);
  rightY = centered(doc, MOTTO, rightX, rightY, rightWidth, FONTS.bold, SIZE.motto);
  rule(doc, rightX + rightWidth / 2, rightY + 3, doc.font(FONTS.bold).fontSize(SIZE.motto).widthOfString(MOTTO));

  const lineY = Math.max(leftY, rightY) + 8;
  const numberBottom =
    header.number === undefined
      ? lineY
      : centered(
          doc,
          `Số: ${header.number ?? '……'}/${edition.numberSuffix}`,
          left,
          lineY,
          leftWidth,
          FONTS.regular,
          SIZE.body - 0.5,
        );
  const dateBottom = centered(
    doc,
    placeAndDate(issuer.place, header.issuedAt),
    rightX,
    lineY,
    rightWidth,
    FONTS.italic,
    SIZE.body - 0.5,
  );
  doc.x = left;
  doc.y = Math.max(numberBottom, dateBottom) + 12;
}

/** Space for the QR code beside the title, and the gap between them. */
const QR_SIZE = 54;
const QR_GAP = 6;

/**
 * The form's title in bold capitals, centered, with an optional italic line under it. A form of a
 * dossier has the QR code of its public status page at the left of the title, the dossier code
 * under the QR code, and the page's address at the foot of the page.
 */
export function drawTitle(
  doc: Doc,
  title: string,
  options: { subtitle?: string; qr?: { url: string; code: string } } = {},
): void {
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const top = doc.y;
  const { qr } = options;
  const inset = qr ? QR_SIZE + QR_GAP : 0;
  doc.font(FONTS.bold).fontSize(SIZE.title);
  const titleHeight = doc.heightOfString(title, { width: width - 2 * inset });
  let bottom = centered(
    doc,
    title,
    left + inset,
    top + (qr ? Math.max(0, (QR_SIZE - titleHeight) / 2) : 0),
    width - 2 * inset,
    FONTS.bold,
    SIZE.title,
  );
  if (options.subtitle)
    bottom = centered(
      doc,
      options.subtitle,
      left + inset,
      bottom + 1,
      width - 2 * inset,
      FONTS.italic,
      SIZE.body - 0.5,
    );
  if (qr) {
    drawQrCode(doc, qr.url, left, top - 4, QR_SIZE);
    const codeSize = fittingSize(doc, qr.code, FONTS.bold, SIZE.small, QR_SIZE + 30);
    const codeBottom = centered(doc, qr.code, left - 15, top - 4 + QR_SIZE, QR_SIZE + 30, FONTS.bold, codeSize);
    bottom = Math.max(bottom, codeBottom);
    drawFootnote(doc, `Tra cứu tình trạng hồ sơ: ${qr.url}`);
  }
  doc.x = left;
  doc.y = bottom + 8;
}

/**
 * Opens a form of one dossier (A5 portrait): its edition by the day it is issued, the header block,
 * and the title with the QR code of the dossier's public status page.
 */
export function openDossierForm(
  kind: Exclude<FormKind, 'register'>,
  data: DossierFormBase,
): { doc: Doc; edition: FormEdition } {
  const edition = formEdition(kind, data.issuedAt, data.issuer);
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
  return { doc, edition };
}

/** A line of small text at the foot of the current page, left of the page number. */
function drawFootnote(doc: Doc, text: string): void {
  const bottomMargin = doc.page.margins.bottom;
  // Text below the bottom margin would make PDFKit open a new page: lift the margin while writing.
  doc.page.margins.bottom = 0;
  doc
    .font(FONTS.regular)
    .fontSize(SIZE.tiny)
    .text(text, contentLeft(doc), doc.page.height - bottomMargin + 8, {
      width: contentWidth(doc) - 50,
      lineBreak: false,
    });
  doc.page.margins.bottom = bottomMargin;
}

/** A paragraph of body text across the page; `firstLine` indents its first line, as letters do. */
export function paragraph(
  doc: Doc,
  text: string,
  options: { font?: FontName; gap?: number; indent?: number; firstLine?: number } = {},
): void {
  const left = contentLeft(doc) + (options.indent ?? 0);
  doc
    .font(options.font ?? FONTS.regular)
    .fontSize(SIZE.body)
    .text(text, left, doc.y, {
      width: contentWidth(doc) - (options.indent ?? 0),
      align: 'justify',
      indent: options.firstLine ?? 0,
    });
  doc.y += options.gap ?? 2;
}

/** "Label: value", the value in bold when it is a name or a code; an empty value leaves the label alone. */
export function field(doc: Doc, label: string, value: string, options: { bold?: boolean; indent?: number } = {}): void {
  const left = contentLeft(doc) + (options.indent ?? 0);
  const width = contentWidth(doc) - (options.indent ?? 0);
  doc.font(FONTS.regular).fontSize(SIZE.body);
  if (value === '') {
    doc.text(`${label}:`, left, doc.y, { width });
  } else {
    doc.text(`${label}: `, left, doc.y, { width, continued: true });
    doc.font(options.bold ? FONTS.bold : FONTS.regular).text(value, { width });
  }
  doc.y += 2;
}

/** The applicant's address, phone and e-mail, in this order on Mẫu 01, 02 and 03 (docs/legal.md §1.2). */
export function applicantContactFields(doc: Doc, applicant: FormApplicant): void {
  field(doc, 'Địa chỉ', applicant.address);
  field(doc, 'Số điện thoại', applicant.phone);
  field(doc, 'Email', applicant.email ?? '');
}

/**
 * "Tiếp nhận hồ sơ của" to "Nội dung yêu cầu giải quyết", the same run of fields on Mẫu 01 and 03
 * (docs/legal.md §1.2); the identity number is the Ministry of Health's 2025 addition, printed when known.
 */
export function receivedFromFields(doc: Doc, applicant: FormApplicant, requestSummary: string): void {
  field(doc, 'Tiếp nhận hồ sơ của', applicant.name, { bold: true });
  if (applicant.idNumber) field(doc, 'Số định danh cá nhân/tổ chức', applicant.idNumber);
  applicantContactFields(doc, applicant);
  field(doc, 'Nội dung yêu cầu giải quyết', requestSummary);
}

/** Items numbered 1., 2., … with a hanging indent, each kept whole on a page when it fits one. */
export function numberedList(doc: Doc, items: readonly string[], options: { indent?: number } = {}): void {
  const left = contentLeft(doc) + (options.indent ?? 0);
  const hang = 16;
  const width = contentWidth(doc) - (options.indent ?? 0) - hang;
  doc.font(FONTS.regular).fontSize(SIZE.body);
  items.forEach((item, index) => {
    ensureSpace(doc, Math.min(doc.heightOfString(item, { width }), 200));
    const y = doc.y;
    doc.text(`${index + 1}.`, left, y, { width: hang, lineBreak: false });
    doc.text(item, left + hang, y, { width, align: 'justify' });
    doc.y += 1.5;
  });
  doc.x = contentLeft(doc);
}

export interface SignatureBlock {
  /** In capitals, e.g. "NGƯỜI TIẾP NHẬN HỒ SƠ". */
  title: string;
  /** The name printed under the space for the signature; blank when null. */
  name: string | null;
  /** Under the title; "(Ký và ghi rõ họ tên)" unless given. */
  caption?: string;
}

const SIGNATURE_CAPTION = '(Ký và ghi rõ họ tên)';

/**
 * Signature blocks side by side, each with its caption, room to sign and the signer's name. A single
 * block stands on the right half, where the signer of an administrative letter signs.
 */
export function drawSignatures(doc: Doc, blocks: readonly SignatureBlock[]): void {
  const signingSpace = 40;
  ensureSpace(doc, 24 + signingSpace + 16);
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const columns = Math.max(blocks.length, 2);
  const columnWidth = width / columns;
  const top = doc.y + 4;
  let bottom = top;
  blocks.forEach((block, index) => {
    const x = left + columnWidth * (blocks.length === 1 ? 1 : index);
    let y = centered(doc, block.title, x, top, columnWidth, FONTS.bold, SIZE.body - 0.5);
    y = centered(doc, block.caption ?? SIGNATURE_CAPTION, x, y, columnWidth, FONTS.italic, SIZE.caption);
    y += signingSpace;
    if (block.name) y = centered(doc, block.name, x, y, columnWidth, FONTS.bold, SIZE.body);
    bottom = Math.max(bottom, y);
  });
  doc.x = left;
  doc.y = bottom + 10;
}
