import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TOKEN_SIMULATION_PREFIXES_VI,
  TOKEN_SIMULATION_VI,
  translateSimulationText,
} from '../src/processes/designer/simulationTranslations.js';

/**
 * The token simulation's texts against the installed bpmn-js-token-simulation: every notice it shows
 * (`text: '…'`, the log's names of elements without one) and every title or label of what it draws,
 * read from its sources, has Vietnamese; a library update that adds a text fails here until it is
 * translated.
 */
const require = createRequire(import.meta.url);
const libraryDir = join(dirname(require.resolve('bpmn-js-token-simulation/package.json')), 'lib');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

const sources = jsFiles(libraryDir).map((file) => readFileSync(file, 'utf8'));
const matches = (pattern: RegExp) => [...new Set(sources.flatMap((source) => [...source.matchAll(pattern)].map((match) => match[1]!)))];

/** Notices and the log's default names: `text: '…'` and `text: elementName || '…'`. */
const notices = matches(/\btext:\s*(?:elementName\s*\|\|\s*)?'([^']+)'/g);
/** Titles and labels written in the library's markup, without the ones that hold a value. */
const titles = matches(/(?:title|aria-label)="([^"$]+)"/g);
/** Titles that hold a value: the text before it. */
const prefixed = matches(/title="([^"$]+)\$\{/g);
/** The log's scope entries: `${ … 'SubProcess') : 'Process' } started`, and `completed ? 'finished' : 'canceled'`. */
const scopeWords = matches(/\? '(finished)' : '(canceled)'/g);
const scopeStarted = sources.some((source) => /: 'Process'\s*\} started`/.test(source));

/** `${ wait ? 'Remove' : 'Add' } pause point`: each spelled out. */
const pausePoint = matches(/\$\{\s*wait \? '(\w+)' : '(\w+)'\s*\} pause point/g);

describe('the token simulation in Vietnamese', () => {
  it('finds the library’s texts (the patterns still match its sources)', () => {
    expect(notices).toContain('Finished');
    expect(titles).toContain('Reset Simulation');
    expect(prefixed.length).toBeGreaterThan(0);
    expect(pausePoint).toEqual(['Remove']);
  });

  it.each([...notices, ...titles, 'Add pause point', 'Remove pause point'])('translates “%s”', (text) => {
    expect(TOKEN_SIMULATION_VI[text], text).toBeDefined();
    expect(translateSimulationText(text)).not.toBe(text);
  });

  it.each(prefixed)('translates the title beginning “%s”', (prefix) => {
    expect(TOKEN_SIMULATION_PREFIXES_VI[prefix], prefix).toBeDefined();
    expect(translateSimulationText(`${prefix}1`)).toBe(`${TOKEN_SIMULATION_PREFIXES_VI[prefix]}1`);
  });

  it.each(['Process', 'SubProcess'].flatMap((scope) => ['started', 'finished', 'canceled'].map((word) => `${scope} ${word}`)))(
    'translates the log entry “%s”',
    (text) => {
      expect(scopeWords).toEqual(['finished']);
      expect(scopeStarted).toBe(true);
      expect(TOKEN_SIMULATION_VI[text], text).toBeDefined();
    },
  );

  it('translates the log entries of a named sub-process', () => {
    expect(translateSimulationText('Thẩm định started')).toBe('Quy trình con «Thẩm định» bắt đầu');
    expect(translateSimulationText('Thẩm định canceled')).toBe('Quy trình con «Thẩm định» bị hủy');
  });

  it('leaves an element’s own name as it is', () => {
    expect(translateSimulationText('Thẩm định hồ sơ')).toBe('Thẩm định hồ sơ');
  });
});
