/**
 * The OMG MIWG reference models open in the editor and export without losing anything: each is read
 * with bpmn-moddle (what bpmn-js reads and writes with) and written back, and the document read
 * again holds every element id with the same type. Our lint runs on each without failing: a model
 * either passes or gets a list of specific problems.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_LINT_RULES, lintDefinitions, type ParseResult } from '@motcua/common/diagram-lint';
import { decodeXml, MIWG_DIR, miwgFiles, parseBpmn, writeBpmn } from './bpmn.js';

/** Every element with an id as `id type`, sorted. */
const idsAndTypes = ({ elementsById }: ParseResult) =>
  Object.entries(elementsById)
    .map(([id, element]) => `${id} ${element.$type}`)
    .sort();

/** Every attribute of another vocabulary (`camunda:assignee`, `w4:type`) on an element with an id, by its namespace URI. */
const foreignAttributes = ({ elementsById, rootElement }: ParseResult) => {
  const declared = rootElement.$attrs as Record<string, string>;
  return Object.entries(elementsById)
    .flatMap(([id, element]) =>
      Object.entries((element.$attrs as Record<string, string> | undefined) ?? {})
        // xsi:type names a BPMN type, which the export writes with its own prefix for BPMN
        .filter(([name]) => !name.startsWith('xmlns') && name !== 'xsi:type')
        .map(([name, value]) => {
          const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : '';
          return `${id} {${declared[`xmlns:${prefix}`] ?? prefix}}${name.slice(prefix.length + 1)}=${value}`;
        }),
    )
    .sort();
};

describe.each(miwgFiles())('MIWG %s', (file) => {
  const xml = decodeXml(readFileSync(path.join(MIWG_DIR, file)));

  it('is exported by bpmn-moddle with every element id and type it was read with', async () => {
    const before = await parseBpmn(xml);

    const after = await parseBpmn(await writeBpmn(before.rootElement));

    expect(idsAndTypes(before).length).toBeGreaterThan(0);
    expect(idsAndTypes(after)).toEqual(idsAndTypes(before));
    expect(foreignAttributes(after)).toEqual(foreignAttributes(before));
  });

  it('gets no problem or specific problems from our lint, never a failure of a rule', async () => {
    const { rootElement } = await parseBpmn(xml);

    const problems = await lintDefinitions(rootElement);

    for (const problem of problems) {
      expect(DIAGRAM_LINT_RULES).toContain(problem.rule);
      expect(problem.message.trim()).not.toBe('');
    }
  });
});
