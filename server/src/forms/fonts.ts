import { readFileSync } from 'node:fs';

/**
 * The typeface embedded in every form: DejaVu Serif Condensed (Bitstream Vera licence, see
 * server/assets/fonts/LICENSE-DejaVu.txt), shipped in the repository so that rendering never
 * depends on the fonts of the host. It covers every Vietnamese letter with its diacritics, and the
 * condensed width keeps the two header columns of an A5 form on one line each.
 */
export const FONTS = {
  regular: 'Serif',
  bold: 'Serif-Bold',
  italic: 'Serif-Italic',
  boldItalic: 'Serif-BoldItalic',
} as const;

export type FontName = (typeof FONTS)[keyof typeof FONTS];

const FILES: Record<FontName, string> = {
  [FONTS.regular]: 'DejaVuSerifCondensed.ttf',
  [FONTS.bold]: 'DejaVuSerifCondensed-Bold.ttf',
  [FONTS.italic]: 'DejaVuSerifCondensed-Italic.ttf',
  [FONTS.boldItalic]: 'DejaVuSerifCondensed-BoldItalic.ttf',
};

const FONT_DIRECTORY = new URL('../../assets/fonts/', import.meta.url);

let loaded: Map<FontName, Buffer> | undefined;

/** The font files, read once per process. */
export function fontData(): ReadonlyMap<FontName, Buffer> {
  loaded ??= new Map(
    Object.entries(FILES).map(([name, file]) => [name as FontName, readFileSync(new URL(file, FONT_DIRECTORY))]),
  );
  return loaded;
}

/** The subset of PDFKit's document that registers fonts. */
interface FontRegistry {
  registerFont(name: string, src: Buffer): unknown;
}

/** Registers the four faces on a document under the names of `FONTS`. */
export function registerFonts(doc: FontRegistry): void {
  for (const [name, data] of fontData()) doc.registerFont(name, data);
}
