import { extractText, getDocumentProxy, getMeta } from 'unpdf';

/** What a test reads back from a rendered PDF: its text as a reader's tools extract it, page by page. */
export interface ReadPdf {
  /** The text of every page, whitespace (line breaks included) collapsed to single spaces. */
  text: string;
  pages: { width: number; height: number; text: string; links: string[] }[];
  info: Record<string, unknown>;
  language: string | undefined;
}

/** Collapses whitespace; a line that ends in a word's hyphen ("NĐ-" / "CP") is joined back without a space. */
function collapse(text: string): string {
  return text
    .replace(/(\S)-\n/g, '$1-')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function readPdf(bytes: Buffer): Promise<ReadPdf> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  const pages = await Promise.all(
    text.map(async (pageText, index) => {
      const page = await pdf.getPage(index + 1);
      const [, , width = 0, height = 0] = page.view;
      const annotations = (await page.getAnnotations()) as { subtype?: string; url?: string }[];
      const links = annotations.flatMap((annotation) =>
        annotation.subtype === 'Link' && annotation.url ? [annotation.url] : [],
      );
      return { width, height, text: collapse(pageText), links };
    }),
  );
  const meta = await getMeta(pdf);
  const info = meta.info as Record<string, unknown>;
  return { text: pages.map((page) => page.text).join(' '), pages, info, language: info.Language as string | undefined };
}

/** A5 portrait in points (148 × 210 mm). */
export const A5 = { width: 419.53, height: 595.28 };
/** A4 landscape in points (297 × 210 mm). */
export const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
