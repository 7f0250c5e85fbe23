import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * References resolve inside the repository (issue 7, point 7): every citation of docs/legal.md (a
 * section, a range of sections, a source tag), every article of the provincial regulation the code
 * names, and every relative link of a Markdown file leads to something that exists. The cases are
 * the repository's own files as they are in the working tree, so a new reference is checked as soon
 * as it is written.
 */

const root = join(import.meta.dirname, '..');
const LEGAL_RULES = 'docs/legal.md';
/**
 * Migrations written before docs/legal.md existed cite it under its old title with "section N"; they
 * cannot be edited, because deployed databases hold their checksums.
 */
const HISTORIC_MIGRATIONS = 'prisma/migrations/';

interface RepositoryFile {
  path: string;
  text: string;
}

/** What a reference points at, and where it stands. */
interface Reference {
  path: string;
  line: number;
  target: string;
}

/** The text files git tracks, and those it would track: a new file is checked before its first commit. */
function repositoryFiles(): RepositoryFile[] {
  const listing = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return [...new Set(listing.split('\0'))]
    .filter((path) => path !== '' && statSync(join(root, path), { throwIfNoEntry: false })?.isFile())
    .map((path) => ({ path, bytes: readFileSync(join(root, path)) }))
    .filter(({ bytes }) => !bytes.includes(0))
    .map(({ path, bytes }) => ({ path, text: bytes.toString('utf8') }));
}

/** Every match of a pattern in a text, as references: one for each target the match names, at the match's line. */
function referencesIn(
  path: string,
  text: string,
  pattern: RegExp,
  targetsOf: (match: RegExpExecArray) => string[],
): Reference[] {
  return [...text.matchAll(pattern)].flatMap((match) => {
    const line = text.slice(0, match.index).split('\n').length;
    return targetsOf(match).map((target) => ({ path, line, target }));
  });
}

/** Where a citation goes on past the end of a comment line: the line break and the next line's comment leader. */
const WRAP = String.raw`(?:[ \t]*\n[ \t]*(?:\/\/\/?|\*|#|--)?)?[ \t]*`;
const SECTION = String.raw`§\d+(?:\.\d+)*(?:[–-]\d+(?:\.\d+)*)?`;
const SOURCE_TAG = String.raw`\[S\d+[a-z]?\]`;
const CITED_ITEM = `(?:${SECTION}|${SOURCE_TAG})`;
/** "§1.2, §6", "§3 and §4", "§3 [S17][S16]", "§1.1–1.3". */
const CITED_ITEMS = `${CITED_ITEM}(?:(?:,|[ \\t]+and)?${WRAP}${CITED_ITEM})*`;
const LEGAL_CITATION = new RegExp(String.raw`docs\/legal\.md${WRAP}(${CITED_ITEMS})`, 'g');
const OLD_STYLE_CITATION = new RegExp(String.raw`docs\/legal\.md${WRAP}(section[ \t]+\d+(?:\.\d+)*)`, 'g');
const SELF_CITATION = new RegExp(CITED_ITEMS, 'g');
const HISTORIC_CITATION = /LEGAL\.md section (\d+(?:\.\d+)*)/g;
/** The title the rules had before they were in the repository: a citation of it leads nowhere. */
const OLD_TITLE = /\bLEGAL\.md\b/g;
const ARTICLE = String.raw`\d+(?:\.\d+)?(?:[–-]\d+(?:\.\d+)?)?`;
const ARTICLES = `${ARTICLE}(?:(?:,|[ \\t]+and)${WRAP}${ARTICLE})*`;
/** "regulation Art. 7.2, 8.1", "regulation (Art. 5.3)", "Art. 2.2, 16 of the regulation". */
const REGULATION_CITATION = new RegExp(
  String.raw`regulation,?${WRAP}\(?Arts?\.${WRAP}(${ARTICLES})|Arts?\.${WRAP}(${ARTICLES})${WRAP}of the regulation`,
  'gi',
);

/** The sections and source tags a citation list names; a range names both of its ends. */
function citedItems(list: string): string[] {
  const items: string[] = [];
  for (const [, start, end] of list.matchAll(/§(\d+(?:\.\d+)*)(?:[–-](\d+(?:\.\d+)*))?/g)) {
    items.push(`§${start}`);
    if (end !== undefined) items.push(`§${end}`);
  }
  for (const [tag] of list.matchAll(new RegExp(SOURCE_TAG, 'g'))) items.push(tag);
  return items;
}

/** The articles and clauses a regulation citation names ("7.2", "16"); a range names both of its ends. */
function citedArticles(list: string): string[] {
  return [...list.matchAll(/\d+(?:\.\d+)?/g)].map(([article]) => article);
}

/** Every item of docs/legal.md each file cites, with its line: wrapped comment lines are read as one. */
function legalCitations(file: RepositoryFile): Reference[] {
  const pattern = file.path === LEGAL_RULES ? SELF_CITATION : LEGAL_CITATION;
  return referencesIn(file.path, file.text, pattern, (match) => citedItems(match[1] ?? match[0]));
}

/** `[text](target "title")` and `![alt](target)`; the text may hold one level of brackets. */
const MARKDOWN_LINK = /\[(?:[^[\]]|\[[^[\]]*\])*\]\(([^()\s]+)(?:[ \t]+"[^"]*")?\)/g;

/** The lines of a Markdown text, with fenced code blocks blanked: what GitHub renders as prose. */
function proseLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^ {0,3}(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

/** The anchor GitHub gives a heading: its text lowercased, without punctuation, spaces made hyphens. */
function githubSlug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>|[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings; a repeated heading gets -1, -2 … as on GitHub. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const repeats = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = githubSlug(heading);
    const seen = repeats.get(slug) ?? 0;
    repeats.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  }
  return anchors;
}

/** What docs/legal.md defines: its numbered sections, its source tags and the regulation's articles and clauses. */
function legalRulesIndex(markdown: string): { sections: Set<string>; sources: Set<string>; articles: Set<string> } {
  const sections = new Set<string>();
  const sources = new Set<string>();
  const articles = new Set<string>();
  let chapter = '';
  let article: string | undefined;
  for (const line of proseLines(markdown)) {
    const [, hashes = '', title = ''] = /^(#{1,6})[ \t]+(.*?)[ \t]*$/.exec(line) ?? [];
    if (hashes !== '') {
      const section = /^§(\d+(?:\.\d+)*)(?:[ \t]|$)/.exec(title)?.[1];
      if (section !== undefined) sections.add(`§${section}`);
      if (hashes.length === 2) chapter = title;
      article = hashes.length === 3 ? /^Art\.[ \t]+(\d+)(?:[ \t]|$)/.exec(title)?.[1] : undefined;
      if (article !== undefined) articles.add(article);
      continue;
    }
    const clause = /^- \*\*(\d+)\.(\d+)\*\*/.exec(line);
    if (clause && clause[1] === article) articles.add(`${clause[1]}.${clause[2]}`);
    const tag = new RegExp(`^- (${SOURCE_TAG})`).exec(line)?.[1];
    if (tag !== undefined && chapter === 'Sources') sources.add(tag);
  }
  return { sections, sources, articles };
}

/** "a/b/c.md" → "a", "a/b". */
function foldersOf(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

const files = repositoryFiles();
const known = new Set(files.map((file) => file.path));
const folders = new Set(files.flatMap((file) => foldersOf(file.path)));
const legalRulesText = files.find((file) => file.path === LEGAL_RULES)?.text ?? '';
const legalRules = legalRulesIndex(legalRulesText);
const markdownFiles = files.filter((file) => file.path.endsWith('.md'));

function describeAt(reference: Reference, problem: string): string {
  return `${reference.path}:${reference.line}: ${reference.target} ${problem}`;
}

function resolvesInLegalRules(target: string): boolean {
  return target.startsWith('§') ? legalRules.sections.has(target) : legalRules.sources.has(target);
}

describe('citations of the legal rules (docs/legal.md)', () => {
  it('resolves every section and source tag a file cites to a heading or a source of docs/legal.md', () => {
    const citations = files.flatMap(legalCitations);
    expect(citations.filter((citation) => citation.path !== LEGAL_RULES)).not.toHaveLength(0);

    const unresolved = citations.filter((citation) => !resolvesInLegalRules(citation.target));

    expect(unresolved.map((citation) => describeAt(citation, `is not a section or source of ${LEGAL_RULES}`))).toEqual(
      [],
    );
  });

  it('cites sections as §N, the way docs/legal.md numbers its headings', () => {
    const oldStyle = files.flatMap((file) =>
      referencesIn(file.path, file.text, OLD_STYLE_CITATION, (match) => [match[1] ?? '']),
    );

    expect(oldStyle.map((citation) => describeAt(citation, 'should read §N'))).toEqual([]);
  });

  it('resolves the sections the historic migrations cite under the old title', () => {
    const historic = files
      .filter((file) => file.path.startsWith(HISTORIC_MIGRATIONS))
      .flatMap((file) => referencesIn(file.path, file.text, HISTORIC_CITATION, (match) => [`§${match[1] ?? ''}`]));
    expect(historic).not.toHaveLength(0);

    const unresolved = historic.filter((citation) => !legalRules.sections.has(citation.target));

    expect(unresolved.map((citation) => describeAt(citation, `is not a section of ${LEGAL_RULES}`))).toEqual([]);
  });

  it('uses the old title only in the historic migrations and in docs/legal.md, which explains it', () => {
    const oldTitle = files
      .filter((file) => !file.path.startsWith(HISTORIC_MIGRATIONS) && file.path !== LEGAL_RULES)
      .flatMap((file) => referencesIn(file.path, file.text, OLD_TITLE, (match) => [match[0]]));

    expect(oldTitle.map((citation) => describeAt(citation, `should cite ${LEGAL_RULES}`))).toEqual([]);
  });

  it('resolves every regulation article a file cites to a clause of docs/legal.md', () => {
    const citations = files.flatMap((file) =>
      referencesIn(file.path, file.text, REGULATION_CITATION, (match) =>
        citedArticles(match[1] ?? match[2] ?? '').map((article) => `Art. ${article}`),
      ),
    );
    expect(citations).not.toHaveLength(0);

    const unresolved = citations.filter((citation) => !legalRules.articles.has(citation.target.slice('Art. '.length)));

    expect(
      unresolved.map((citation) => describeAt(citation, `is not an article of the regulation in ${LEGAL_RULES}`)),
    ).toEqual([]);
  });

  it('reads lists, ranges and citations wrapped over comment lines', () => {
    const text = ['/**', ' * (docs/legal.md §1.1–1.3, docs/legal.md', ' * §3 and §4 [S17][S16])', ' */'].join('\n');

    const citations = legalCitations({ path: 'example.ts', text });

    expect(citations).toEqual([
      { path: 'example.ts', line: 2, target: '§1.1' },
      { path: 'example.ts', line: 2, target: '§1.3' },
      { path: 'example.ts', line: 2, target: '§3' },
      { path: 'example.ts', line: 2, target: '§4' },
      { path: 'example.ts', line: 2, target: '[S17]' },
      { path: 'example.ts', line: 2, target: '[S16]' },
    ]);
  });
});

describe('links between Markdown files', () => {
  const links = markdownFiles.flatMap((file) => {
    const prose = proseLines(file.text)
      .join('\n')
      .replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
    // A target with a scheme (https:, mailto:) is outside the repository.
    return referencesIn(file.path, prose, MARKDOWN_LINK, (match) =>
      [match[1] ?? ''].filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target)),
    );
  });

  /** The repository path a link leads to: relative to the linking file, or to the root when it starts with "/". */
  function linkedPath(link: Reference): string {
    const path = decodeURIComponent(link.target.split('#')[0] ?? '');
    if (path === '') return link.path;
    const resolved = path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(link.path), path);
    return posix.normalize(resolved).replace(/\/$/, '');
  }

  it('links only to files and folders of the repository', () => {
    expect(links).not.toHaveLength(0);

    const broken = links.filter((link) => !known.has(linkedPath(link)) && !folders.has(linkedPath(link)));

    expect(broken.map((link) => describeAt(link, 'leads to no file of the repository'))).toEqual([]);
  });

  it('links only to headings that the linked Markdown file has', () => {
    const anchored = links.filter((link) => link.target.includes('#') && linkedPath(link).endsWith('.md'));
    const anchorsOf = new Map(markdownFiles.map((file) => [file.path, headingAnchors(file.text)]));

    const broken = anchored.filter((link) => {
      const anchor = decodeURIComponent(link.target.slice(link.target.indexOf('#') + 1));
      return !anchorsOf.get(linkedPath(link))?.has(anchor);
    });

    expect(broken.map((link) => describeAt(link, 'names no heading of the linked file'))).toEqual([]);
  });

  it('gives a heading the anchor GitHub gives it', () => {
    const markdown = [
      '## §8 The regulation: Decision 3347/QĐ-UBND',
      '## house-construction-permit.bpmn',
      '### Steps',
      '### Steps',
    ].join('\n');

    const anchors = headingAnchors(markdown);

    expect([...anchors]).toEqual([
      '8-the-regulation-decision-3347qđ-ubnd',
      'house-construction-permitbpmn',
      'steps',
      'steps-1',
    ]);
  });
});
