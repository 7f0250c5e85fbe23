import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { pathologicalStrings, patternTimer } from '../src/testing/hostile-input.js';

/**
 * Every regular expression written in the code that runs on the server side (the server, the
 * workers, the database package and the shared code) runs in linear time: on the 20 KB strings most
 * likely to make it backtrack, each takes well under 50 ms, where a quadratic pattern takes about a
 * second (and minutes on the 1 MiB a body may carry). Found by parsing the sources, so a new pattern
 * is tested as soon as it is written. Issue 7: an e-mail pattern whose two runs could both take the
 * dots held the event loop for seconds.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_SIDE = ['common/src', 'server/src', 'workers/src', 'prisma/src', 'domain/src'];
const BUDGET_MS = 50;
const LENGTH = 20_000;

function sourceFiles(directory: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return entry === 'generated' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/** The regular expression literals of a file, as `file:line /source/flags`. */
function regexLiterals(file: string): { where: string; pattern: RegExp }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { where: string; pattern: RegExp }[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(source);
      const end = text.lastIndexOf('/');
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({
        where: `${relative(ROOT, file)}:${line} ${text}`,
        pattern: new RegExp(text.slice(1, end), text.slice(end + 1)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const literals = SERVER_SIDE.flatMap((directory) => sourceFiles(join(ROOT, directory))).flatMap(regexLiterals);

describe('regular expressions of the server-side code', () => {
  it('are found in the sources', () => {
    expect(literals.map(({ where }) => where)).toEqual(
      expect.arrayContaining([expect.stringContaining('common/src/dossier-dto.ts')]),
    );
  });

  it.each(literals.map(({ where, pattern }) => [where, pattern] as const))(
    '%s runs in linear time on hostile text',
    (_where, pattern) => {
      // given the strings most likely to make the pattern backtrack
      const time = patternTimer(pattern);
      const worst = pathologicalStrings(pattern, { length: LENGTH });
      // when it tests each, then none holds it long
      const slow = worst.filter((input) => time(input) >= BUDGET_MS && time(input, 2) >= BUDGET_MS);
      expect(slow.map((input) => JSON.stringify(input.slice(0, 40)))).toEqual([]);
    },
    30_000,
  );
});
