import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BPMN_VI } from '../src/processes/designer/bpmnTranslations.js';
import { translateToVietnamese } from '../src/processes/designer/translateModule.js';

/**
 * The designer's dictionary against the texts the bpmn-io libraries actually translate: every
 * `translate('…')` of the modeler (palette, context pad, replace menu: bpmn-js, diagram-js), the
 * replace menu's entry labels, the properties panel's shell, its BPMN and Camunda 7 groups (the
 * Camunda 8 group of the same bundle is not loaded by the designer), the element templates' Camunda 7
 * part with the template header, the template chooser and the live lint (bpmn-js-bpmnlint). Read from the installed sources, so a
 * library update that adds a text fails here until it is translated.
 */
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

// not an SVG transform ('translate(' + x + ')')
const TRANSLATE_CALL = /(?<!['"])translate\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*[,)]/g;
const ENTRY_LABEL = /\blabel:\s*'((?:[^'\\]|\\.)*)'/g;

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
const translated = (source: string) =>
  [...source.matchAll(TRANSLATE_CALL)].map((match) => unescape(match[1] ?? match[2] ?? ''));

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

/** `source` between the first `from` and the first `to` after it; throws when a marker has moved. */
function between(source: string, from: string, to?: string): string {
  const start = source.indexOf(from);
  const end = to === undefined ? source.length : source.indexOf(to, start);
  if (start === -1 || end === -1)
    throw new Error(`marker ${from} … ${to ?? 'end'} not found: has the library changed?`);
  return source.slice(start, end);
}

function designerTexts(): Set<string> {
  const texts = new Set<string>();
  for (const library of ['bpmn-js', 'diagram-js']) {
    for (const file of jsFiles(join(packageDir(library), 'lib'))) {
      const source = readFileSync(file, 'utf8');
      for (const text of translated(source)) texts.add(text);
      if (file.endsWith('PopupEntries.js')) {
        for (const match of source.matchAll(ENTRY_LABEL)) texts.add(unescape(match[1] ?? ''));
      }
    }
  }
  const read = (library: string, file: string) => readFileSync(join(packageDir(library), file), 'utf8');
  for (const text of translated(read('@bpmn-io/properties-panel', 'dist/index.esm.js'))) texts.add(text);
  for (const text of translated(read('@bpmn-io/element-template-chooser', 'dist/index.es.js'))) texts.add(text);
  for (const text of translated(read('bpmn-js-bpmnlint', 'dist/index.esm.js'))) texts.add(text);
  const panel = read('bpmn-js-properties-panel', 'dist/index.esm.js');
  const camunda7 =
    between(panel, '', "bpmnPropertiesProvider: ['type'") +
    between(panel, "bpmnPropertiesProvider: ['type'", "camundaPlatformPropertiesProvider: ['type'").slice(
      between(panel, "bpmnPropertiesProvider: ['type'", "zeebePropertiesProvider: ['type'").length,
    );
  for (const text of translated(camunda7)) texts.add(text);
  const templates = read('bpmn-js-element-templates', 'dist/index.esm.js');
  for (const text of translated(between(templates, 'function TemplateGroupButtons(', 'Scientific notation')))
    texts.add(text);
  for (const text of translated(between(templates, 'var coreModule = {'))) texts.add(text);
  // diagram-js's own example of a translation, never shown
  texts.delete('HELLO {you}');
  return texts;
}

const placeholders = (text: string) => [...text.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();

describe('the designer in Vietnamese', () => {
  const texts = designerTexts();

  it('finds the texts of the palette, the context pad, the menus, the properties panel and the templates', () => {
    // a marker that no longer matches would empty a part silently: each part is checked for one of its texts
    for (const sample of [
      'Create start event',
      'User task',
      'Toggle section',
      'Candidate groups',
      'Unlink',
      'Template',
    ]) {
      expect(texts, sample).toContain(sample);
    }
    expect(texts, 'the Camunda 8 group is left out').not.toContain('Job worker');
  });

  it('translates every one of them', () => {
    expect([...texts].filter((text) => !(text in BPMN_VI))).toEqual([]);
  });

  it('keeps every placeholder, and writes Vietnamese rather than copying the English', () => {
    for (const [english, vietnamese] of Object.entries(BPMN_VI)) {
      expect(placeholders(vietnamese), english).toEqual(placeholders(english));
      expect(vietnamese.trim(), english).not.toBe('');
    }
    const copied = Object.entries(BPMN_VI).filter(([english, vietnamese]) => english === vietnamese);
    // only names that are the same in both languages: standards and Java types
    expect(
      copied.map(([english]) => english).filter((text) => !/^(BPMN|CMMN)$|\(.*(List|Map|TypedValue)/.test(text)),
    ).toEqual([]);
  });

  it('fills the placeholders as the libraries’ own service does, and leaves an unknown text in English', () => {
    expect(translateToVietnamese('Open {element}', { element: 'Thẩm định' })).toBe('Mở Thẩm định');
    expect(translateToVietnamese('A text added by an update')).toBe('A text added by an update');
  });
});
