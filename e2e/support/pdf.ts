import { readFile } from 'node:fs/promises';
import type { Download } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';

/**
 * The text of a downloaded PDF as a reader's tools extract it: every page, whitespace (line breaks
 * included) collapsed to single spaces, so a sentence wrapped over two lines reads as one.
 */
export async function pdfText(download: Download): Promise<string> {
  const path = await download.path();
  const bytes = new Uint8Array(await readFile(path));
  assertPdfHeader(bytes);
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text
    .normalize('NFC')
    .replace(/(\S)-\n/g, '$1-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A PDF file starts with "%PDF-": anything else (an HTML error page, say) fails here, not later. */
function assertPdfHeader(bytes: Uint8Array): void {
  const header = new TextDecoder().decode(bytes.subarray(0, 5));
  if (header !== '%PDF-') throw new Error(`the download is not a PDF (it starts with ${JSON.stringify(header)})`);
}
