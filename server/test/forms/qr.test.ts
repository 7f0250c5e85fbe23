import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrModules } from '../../src/forms/qr.js';
import { STATUS_URL } from './fixtures.js';

/** Paints the modules black on white, 4 pixels each, with a 4-module quiet zone, as a scanner sees them. */
function paint(rows: boolean[][]): { data: Uint8ClampedArray; size: number } {
  const scale = 4;
  const quiet = 4;
  const size = (rows.length + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  rows.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (!dark) return;
      for (let y = 0; y < scale; y += 1) {
        for (let x = 0; x < scale; x += 1) {
          const offset = (((r + quiet) * scale + y) * size + (c + quiet) * scale + x) * 4;
          data.fill(0, offset, offset + 3);
        }
      }
    }),
  );
  return { data, size };
}

describe('QR code', () => {
  it('encodes the public status URL so that a scanner reads it back', () => {
    // Given the modules drawn on a form for a dossier's status page
    const rows = qrModules(STATUS_URL);

    // When a QR reader scans them
    const { data, size } = paint(rows);
    const decoded = jsQR(data, size, size);

    // Then it reads the URL exactly
    expect(decoded?.data).toBe(STATUS_URL);
    expect(rows.every((row) => row.length === rows.length)).toBe(true);
  });
});
