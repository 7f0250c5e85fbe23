import QRCode from 'qrcode';

/**
 * The QR code printed on every form of a dossier: it opens the dossier's public status page. Drawn
 * as vector squares (sharp at any print size, identical bytes on every run) and covered by a link
 * annotation, so that the electronic form is clickable as well.
 */

/** The subset of PDFKit's document the QR code is drawn with. */
interface QrCanvas {
  rect(x: number, y: number, w: number, h: number): this;
  fill(color?: string): this;
  link(x: number, y: number, w: number, h: number, url: string): this;
  save(): this;
  restore(): this;
}

/** Dark modules of the QR code of `text`, as rows of booleans (error correction M: survives a crease). */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => modules.get(row, column) === 1),
  );
}

/** Quiet zone around the symbol, in modules (ISO/IEC 18004 asks for four). */
const QUIET_ZONE = 4;

/** Draws the QR code of `url` in a `size`×`size` square at (x, y), quiet zone included, and links it. */
export function drawQrCode(doc: QrCanvas, url: string, x: number, y: number, size: number): void {
  const rows = qrModules(url);
  const unit = size / (rows.length + 2 * QUIET_ZONE);
  doc.save();
  rows.forEach((row, r) => {
    let column = 0;
    while (column < row.length) {
      if (!row[column]) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < row.length && row[column]) column += 1;
      doc.rect(x + (QUIET_ZONE + start) * unit, y + (QUIET_ZONE + r) * unit, (column - start) * unit, unit);
    }
  });
  doc.fill('black');
  doc.restore();
  doc.link(x, y, size, size, url);
}
