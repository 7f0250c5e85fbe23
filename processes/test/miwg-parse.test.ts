import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeXml, MIWG_DIR, miwgFiles, parseBpmn } from './bpmn.js';

const files = miwgFiles();

const LATIN1_FALLBACK = 'unsupported document encoding <ISO-8859-1>, falling back to UTF-8';
/**
 * Warnings bpmn-moddle gives on these files, recorded: it decodes only UTF-8 (we decode the
 * ISO-8859-1 files ourselves, so no character is lost), and C.8.1 points three outMessageRefs at a
 * vendor placeholder it does not define.
 */
const EXPECTED_WARNINGS: Record<string, string[]> = {
  'A.1.0.bpmn': [LATIN1_FALLBACK],
  'A.2.0.bpmn': [LATIN1_FALLBACK],
  'A.3.0.bpmn': [LATIN1_FALLBACK],
  'A.4.0.bpmn': [LATIN1_FALLBACK],
  'B.1.0.bpmn': [LATIN1_FALLBACK],
  'B.2.0.bpmn': [LATIN1_FALLBACK],
  'C.8.1.bpmn': Array(3).fill('unresolved reference <triso:unspecified>'),
};

describe('BPMN MIWG reference models', () => {
  it('are all present', () => {
    expect(files.length).toBeGreaterThanOrEqual(21);
  });

  it.each(files)('%s parses with bpmn-moddle into definitions with a diagram', async (file) => {
    const { rootElement, warnings } = await parseBpmn(decodeXml(readFileSync(path.join(MIWG_DIR, file))));
    expect(rootElement.$type).toBe('bpmn:Definitions');
    expect((rootElement.rootElements as unknown[]).length).toBeGreaterThan(0);
    expect((rootElement.diagrams as unknown[]).length).toBeGreaterThan(0);
    expect(warnings.map((warning) => warning.message)).toEqual(EXPECTED_WARNINGS[file] ?? []);
  });
});
