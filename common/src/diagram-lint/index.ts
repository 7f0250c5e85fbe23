// the typings of bpmnlint and bpmn-moddle go with this module into every workspace that imports it
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./vendor.d.ts" />
/**
 * Our diagram rules as a bpmnlint plugin, one module for the server (deployment and
 * POST /api/processes/validate) and the admin UI's editor (bpmn-js-bpmnlint), in Node.js and in the
 * browser alike: the rules are bundled here and resolved by `diagramLintResolver`, never looked up
 * on disk.
 *
 * The rules (plugin `motcua`, bpmnlint names `motcua/<rule>`):
 * - `step-budget`: every user task has a step and a budget (./rules/step-budget.ts);
 * - `budget-total`: the budgets add up to the legal time of the procedure version (./rules/budget-total.ts);
 * - `path-ends`: every path ends (./rules/path-ends.ts);
 * - `allowed-elements`: only allowed elements are used (./rules/allowed-elements.ts, the list the
 *   deployment policy applies);
 * - `candidate-groups`: candidate groups name a role and an agency that exist (./rules/candidate-groups.ts).
 * Messages are in Vietnamese and name the element.
 *
 * In the editor: `new BpmnModeler({ linting: { bpmnlint: diagramLintPlugin(context) }, additionalModules:
 * [lintModule] })` with bpmn-js-bpmnlint; on the server and in tests: `lintDiagram(xml, context)`.
 */
import bpmnlint from 'bpmnlint';
import { BpmnModdle, type ModdleElement, type ParseResult } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { declareRenamedPrefixes } from './namespaces.js';
import allowedElements from './rules/allowed-elements.js';
import budgetTotal, { type LegalTime } from './rules/budget-total.js';
import candidateGroups, { type CandidateGroupsConfig } from './rules/candidate-groups.js';
import pathEnds from './rules/path-ends.js';
import type { LintRuleFactory } from './rules/rule.js';
import type { DiagramProblem } from '../api/diagram-validation.js';
import stepBudget from './rules/step-budget.js';

export { ALLOWED_PROCESS_ELEMENTS, PROCESS_ELEMENT_REASONS, PROCESS_ELEMENT_REASONS_VI } from './allowed-elements.js';
export { holdsExpression, splitCandidateGroup } from './candidate-group.js';
export { policyProblemMessage } from './policy-messages.js';
export { describeWorkingTime, legalTimeOf, type LegalTime } from './rules/budget-total.js';
export type { CandidateGroupsConfig } from './rules/candidate-groups.js';
export type { ModdleElement, ParseResult } from 'bpmn-moddle';

/** The bpmnlint plugin name: rules are `motcua/<rule>`, resolved from the package `bpmnlint-plugin-motcua`. */
export const LINT_PLUGIN = 'motcua';
const PLUGIN_PACKAGE = `bpmnlint-plugin-${LINT_PLUGIN}`;

const RULES: Record<string, LintRuleFactory<never>> = {
  'step-budget': stepBudget,
  'budget-total': budgetTotal,
  'path-ends': pathEnds,
  'allowed-elements': allowedElements,
  'candidate-groups': candidateGroups,
};

/** Our rules, by their bpmnlint name (`motcua/step-budget`, …). */
export const DIAGRAM_LINT_RULES = Object.keys(RULES).map((rule) => `${LINT_PLUGIN}/${rule}`);
export type DiagramLintRule = `${typeof LINT_PLUGIN}/${keyof typeof RULES & string}`;

/** What the rules need to know beyond the diagram. */
export interface DiagramLintContext {
  /** The legal time of the procedure version the diagram runs for; without it `budget-total` is off. */
  legalTime?: LegalTime;
  /** The roles and agencies a candidate group may name (agencies unchecked without `agencyCodes`). */
  groups?: CandidateGroupsConfig;
}

/** The bpmnlint configuration of our rules, every one an error. */
export function diagramLintConfig(context: DiagramLintContext = {}) {
  return {
    rules: {
      [`${LINT_PLUGIN}/step-budget`]: 'error',
      [`${LINT_PLUGIN}/budget-total`]: ['error', context.legalTime ?? {}],
      [`${LINT_PLUGIN}/path-ends`]: 'error',
      [`${LINT_PLUGIN}/allowed-elements`]: 'error',
      [`${LINT_PLUGIN}/candidate-groups`]: ['error', context.groups ?? {}],
    },
  };
}

/** Resolves our rules from this module (bpmnlint's default resolver reads node_modules, which a browser has not). */
export const diagramLintResolver = {
  resolveRule(pkg: string, ruleName: string) {
    const rule = pkg === PLUGIN_PACKAGE ? RULES[ruleName] : undefined;
    if (!rule) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
    return rule;
  },
  resolveConfig(pkg: string, configName: string): never {
    throw new Error(`unknown config <${pkg}/${configName}>`);
  },
};

/** What bpmn-js-bpmnlint takes as `linting.bpmnlint`: the configuration and the resolver of its rules. */
export function diagramLintPlugin(context: DiagramLintContext = {}) {
  return { config: diagramLintConfig(context), resolver: diagramLintResolver };
}

/** One problem our rules find: the element it is on (null for the whole diagram), the rule, a Vietnamese sentence. */
export type { DiagramProblem } from '../api/diagram-validation.js';

/** A bpmn-moddle instance: the editor's own (`modeler.get('moddle')`), or one of createModdle. */
export type BpmnModdleInstance = ReturnType<typeof BpmnModdle>;

/** The moddle the modeler uses: BPMN 2.0 with the camunda extension. */
export function createModdle(): BpmnModdleInstance {
  return BpmnModdle({ camunda });
}

/** The namespaces a moddle's reader knows, with their prefixes. */
function knownNamespaces(moddle: BpmnModdleInstance): Record<string, string> {
  return Object.fromEntries([
    ['http://www.w3.org/2001/XMLSchema-instance', 'xsi'],
    ['http://www.w3.org/XML/1998/namespace', 'xml'],
    ...moddle.getPackages().map(({ uri, prefix }) => [uri, prefix]),
  ]);
}

/**
 * Parses BPMN the way the modeler does (bpmn-moddle with the camunda extension), so that it exports
 * again without losing an attribute (see ./namespaces.ts). The editor passes its own moddle and
 * imports the result with `modeler.importDefinitions(rootElement)`.
 */
export async function parseBpmn(xml: string, moddle: BpmnModdleInstance = createModdle()): Promise<ParseResult> {
  const result = await moddle.fromXML(xml);
  declareRenamedPrefixes(result.rootElement, xml, knownNamespaces(moddle));
  return result;
}

/** Writes a parsed diagram back to XML with the moddle that read it, as the modeler exports it. */
export async function writeBpmn(definitions: ModdleElement): Promise<string> {
  const writer = definitions.$model as BpmnModdleInstance;
  return (await writer.toXML(definitions, { format: true })).xml;
}

/** Runs our rules over a parsed diagram (the `rootElement` of parseBpmn). */
export async function lintDefinitions(
  definitions: ModdleElement,
  context: DiagramLintContext = {},
): Promise<DiagramProblem[]> {
  const linter = new bpmnlint.Linter({ config: diagramLintConfig(context), resolver: diagramLintResolver });
  const reports = await linter.lint(definitions);
  return Object.entries(reports).flatMap(([rule, found]) =>
    found.map((report) => ({ elementId: report.id || null, rule, message: report.message })),
  );
}

/** Parses a diagram and runs our rules over it; a document bpmn-moddle cannot read throws its error. */
export async function lintDiagram(xml: string, context: DiagramLintContext = {}): Promise<DiagramProblem[]> {
  const { rootElement } = await parseBpmn(xml);
  return lintDefinitions(rootElement, context);
}
