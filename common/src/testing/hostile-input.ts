import { seededRandom } from './seeded-random.js';

/**
 * Hostile input for tests of what the system does with text it does not control: strings that make
 * a backtracking regular expression slow, and strings of the kinds that break naive code (combining
 * marks, bidirectional overrides, NUL, lone surrogates, emoji). Issue 7: a 100 KB e-mail address
 * held the event loop for 5 s because two runs of its pattern could both take the dots.
 */

/** Text that has broken code somewhere: normalisation, bidi, C strings, UTF-16, grapheme clusters. */
export const TRICKY_TEXTS: readonly string[] = [
  'a\u0301\u0302\u0303\u0304\u0305',
  'Nguye\u0302\u0303n',
  '\u202Eabc\u202C',
  'مرحبا',
  'a\u0000b',
  '\u0000',
  '\uD800',
  '\uDC00x',
  '👨‍👩‍👧‍👦',
  '🇻🇳',
  '\uFEFF',
  '\u2028\u2029',
  '%00',
  '../../etc/passwd',
  '${7*7}',
  '<script>alert(1)</script>',
  "' OR '1'='1",
];

/** `prefix`, then `unit` repeated, then `suffix`: about `length` characters in all. */
function pumped(prefix: string, unit: string, suffix: string, length: number): string {
  const repeats = Math.max(1, Math.ceil((length - prefix.length - suffix.length) / unit.length));
  return prefix + unit.repeat(repeats) + suffix;
}

/** Characters that stand for each part of a pattern: its literals, and one member of each class. */
function alphabetOf(pattern: RegExp, seeds: readonly string[]): string[] {
  const classes: Record<string, string> = { d: '0', w: 'a', s: ' ', D: '!', W: '!', S: 'a', n: '\n', r: '\r', t: '\t' };
  const characters = new Set(['a', 'A', '0', ' ', '.', '-', '_', '@', '/', '!', '\n', 'é']);
  const { source } = pattern;
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index]!;
    if (character === '\\') {
      index += 1;
      const escaped = source[index] ?? '\\';
      characters.add(classes[escaped] ?? escaped);
    } else if (!'^$()[]{}|?*+'.includes(character)) {
      characters.add(character);
    }
  }
  for (const seed of seeds) for (const character of seed) characters.add(character);
  return [...characters];
}

/** The prefixes of a seed that end at a separator, e.g. `ten@` and `ten@example.` of `ten@example.vn`. */
function separatorPrefixes(seed: string): string[] {
  return [...seed].flatMap((character, index) => (/[\p{L}\p{N}]/u.test(character) ? [] : [seed.slice(0, index + 1)]));
}

/**
 * A timer of `pattern` on one input, in milliseconds: the best of `runs` tests, so a garbage
 * collection or the first compilation of the pattern (V8 interprets a pattern's first runs) is not
 * taken for backtracking.
 */
export function patternTimer(pattern: RegExp): (input: string, runs?: number) => number {
  // without g and y, a test does not start where the last one stopped
  const stateless = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  for (let warmUp = 0; warmUp < 3; warmUp += 1) stateless.test('warm up');
  return (input, runs = 1) => {
    let best = Infinity;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      stateless.test(input);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
}

export interface PathologicalOptions {
  /** Valid values of the field the pattern checks: their separators make the prefixes that reach deep into it. */
  seeds?: readonly string[];
  /** The length of the strings returned. */
  length: number;
  /** How many strings to return: the slowest of the screened candidates. */
  count?: number;
  /** Random candidates screened besides the systematic ones; seeded, so the choice reproduces. */
  samples?: number;
  /** The seed of the sampling. */
  seed?: number;
}

interface Candidate {
  prefix: string;
  unit: string;
  suffix: string;
}

/** Candidate shapes: prefixes the pattern may accept, pumped units, and a last character that fails it. */
function candidatesFor(pattern: RegExp, seeds: readonly string[], samples: number, seed: number): Candidate[] {
  const random = seededRandom(seed);
  const alphabet = alphabetOf(pattern, seeds);
  const pick = () => alphabet[Math.floor(random() * alphabet.length)]!;
  const word = (maxLength: number) => Array.from({ length: Math.floor(random() * (maxLength + 1)) }, pick).join('');
  // a character followed by a separator, such as `a@`, gets past the first part of most patterns
  const separators = alphabet.filter((character) => !/[\p{L}\p{N}\s]/u.test(character));
  const prefixes = [
    '',
    ...alphabet,
    ...alphabet.flatMap((character) => separators.map((separator) => character + separator)),
    ...seeds,
    ...seeds.flatMap(separatorPrefixes),
  ];
  const units = [
    ...alphabet,
    ...seeds.flatMap((value) =>
      [...value].map((_, index) => value.slice(index, index + 2)).filter((unit) => unit.length === 2),
    ),
  ];
  const suffixes = ['!', ' ', '@', '\n', '\u0000', ''];
  const shapes = new Map<string, Candidate>();
  const add = (candidate: Candidate) => shapes.set(JSON.stringify(candidate), candidate);
  for (const prefix of new Set(prefixes))
    for (const unit of new Set(units)) for (const suffix of suffixes) add({ prefix, unit, suffix });
  // a pattern with many literals makes tens of thousands of shapes: a seeded sample of them will do
  const systematic = [...shapes.values()].filter(() => random() < samples / shapes.size);
  for (let index = 0; index < samples; index += 1) {
    systematic.push({ prefix: word(3), unit: word(2) || pick(), suffix: word(1) });
  }
  return systematic;
}

/**
 * The strings of `length` characters most likely to make `pattern` backtrack: a prefix that the
 * pattern accepts, a unit pumped many times, and a last character that makes the match fail, so a
 * backtracking engine tries every way to split the pumped run. Candidates are built from the
 * pattern's own characters and from the seeds and timed on short strings, where a super-linear
 * pattern already stands out; the slowest are returned at full length. Throws for a pattern that is
 * worse than quadratic (exponential or cubic), which would not finish on the long strings.
 */
export function pathologicalStrings(pattern: RegExp, options: PathologicalOptions): string[] {
  const { seeds = [], length, count = 3, samples = 600, seed = 7 } = options;
  const candidates = candidatesFor(pattern, seeds, samples, seed);
  const time = patternTimer(pattern);
  const at = ({ prefix, unit, suffix }: Candidate, size: number) => pumped(prefix, unit, suffix, size);
  // 24 characters take microseconds unless the pattern is exponential; 200 unless it is cubic or worse
  for (const size of [24, 200]) {
    const explosive = candidates.find(
      (candidate) => time(at(candidate, size)) > 10 && time(at(candidate, size), 3) > 10,
    );
    if (explosive) {
      throw new Error(`/${pattern.source}/ backtracks without bound on ${JSON.stringify(at(explosive, size))}`);
    }
  }
  // a quadratic pattern takes about a millisecond on 1,000 characters, as long as a garbage
  // collection: the slowest are timed again, longer and twice, before the choice
  const slowest = (pool: Candidate[], size: number, runs: number, keep: number) =>
    pool
      .map((candidate) => ({ candidate, ms: time(at(candidate, size), runs) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, keep)
      .map(({ candidate }) => candidate);
  return slowest(slowest(candidates, 1_000, 1, 40), 4_000, 2, count).map((candidate) => at(candidate, length));
}
