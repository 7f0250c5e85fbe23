import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES_DIR } from '@motcua/processes';

/**
 * The shared cases of the diagram policy (processes/policy-cases/cases.json), which the engine's
 * DiagramPolicyCasesTest reads the same way: each .bpmn file's verdict, and for a refused one every
 * violation by element id and rule. A key ending in *.bpmn stands for every .bpmn file of its folder.
 * A construct (`constructs`) is a case written as a fragment of a process, named `construct:<name>`:
 * its document is `template` with `{{flow}}` replaced by the fragment.
 */
export const CASES_DIR = path.join(PROCESSES_DIR, 'policy-cases');

export interface ExpectedViolation {
  /** null when no element around the violation has an id */
  elementId: string | null;
  rule: string;
}

export interface PolicyCase {
  about: string;
  verdict: 'allowed' | 'refused';
  violations?: ExpectedViolation[];
}

export interface PolicyCases {
  /** The rules a violation may name. */
  rules: string[];
  cases: Record<string, PolicyCase>;
  /** The document of a construct, with `{{flow}}` where its fragment goes. */
  template: string;
  constructs: Record<string, PolicyCase & { flow: string }>;
  /** Texts the expression check allows, and texts it refuses with the part it names. */
  expressions: { allowed: string[]; refused: Record<string, string> };
}

export const sharedCases = JSON.parse(readFileSync(path.join(CASES_DIR, 'cases.json'), 'utf8')) as PolicyCases;

/** The names of the .bpmn files directly in a folder, sorted. */
export const bpmnFilesIn = (folder: string): string[] =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.bpmn'))
    .sort();

const CONSTRUCT = 'construct:';

/** Whether a case is a construct of the `constructs` list rather than a file. */
export const isConstruct = (file: string): boolean => file.startsWith(CONSTRUCT);

/** A resource name the engine parses as BPMN (it skips resources not ending in .bpmn). */
export const resourceNameOf = (file: string): string =>
  isConstruct(file) ? `construct-${file.slice(CONSTRUCT.length)}.bpmn` : file;

/**
 * Every case as [file relative to CASES_DIR, or construct:<name>, expectation], folder patterns
 * expanded.
 */
export const caseFiles: [string, PolicyCase][] = [
  ...Object.entries(sharedCases.cases).flatMap(([key, expected]) =>
    key.endsWith('*.bpmn')
      ? bpmnFilesIn(path.join(CASES_DIR, path.dirname(key))).map((file): [string, PolicyCase] => [
          path.join(path.dirname(key), file),
          expected,
        ])
      : [[key, expected] as [string, PolicyCase]],
  ),
  ...Object.entries(sharedCases.constructs).map(([name, expected]): [string, PolicyCase] => [
    `${CONSTRUCT}${name}`,
    expected,
  ]),
];

/** The refused cases of the folder itself (not the shipped diagrams nor the reference models). */
export const refusedLocalCases = caseFiles.filter(
  ([file, expected]) => !file.includes('/') && expected.verdict === 'refused',
);

/** A case's document, in the encoding its declaration names (some MIWG models are ISO-8859-1), as the engine reads it. */
export function readCase(file: string): string {
  if (isConstruct(file)) {
    const construct = sharedCases.constructs[file.slice(CONSTRUCT.length)];
    if (!construct) throw new Error(`no construct ${file}`);
    return sharedCases.template.replace('{{flow}}', () => construct.flow);
  }
  const bytes = readFileSync(path.join(CASES_DIR, file));
  const declaration = bytes.subarray(0, 200).toString('latin1');
  return /encoding="ISO-8859-1"/i.test(declaration) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** Violations by element (null for none) and rule, one string each, sorted: a stable form to compare. */
export function byElementAndRule(violations: readonly { elementId?: string | null; rule: string }[]): string[] {
  return violations.map(({ elementId, rule }) => `${elementId ?? ''} ${rule}`).sort();
}
