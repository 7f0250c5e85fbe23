/**
 * The rules a BPMN diagram is refused under, named once for every layer: the server's check
 * (server/src/services/bpmn-policy.ts), the engine's guard (engine/src/main/java/vn/motcua/engine/
 * DiagramPolicy.java, which writes the same names into its refusals), the shared cases with their
 * expected verdicts (processes/policy-cases/cases.json) and the UI, which shows each refusal in
 * Vietnamese by its issue code `diagram_<rule>` (see ISSUE_CODES). What each rule allows is told in
 * processes/README.md, "What a diagram may contain".
 */

/** The rules both the server and the engine apply; every one has at least one case in processes/policy-cases. */
export const DIAGRAM_POLICY_RULES = [
  /** A script task, a camunda:script, a script language on a condition, a script or file loaded by camunda:resource. */
  'script',
  /** camunda:class and the other attributes naming a Java class; field injection, which configures one. */
  'java_class',
  /** camunda:delegateExpression: an expression resolving a Java object for the engine to run. */
  'delegate_expression',
  /** camunda:expression on a task or listener (a method call), and camunda:resultVariable, which stores its result. */
  'method_expression',
  /** An expression other than a variable, a literal, or a variable compared with a literal. */
  'expression',
  /** A timer holding anything but an ISO 8601 value or one variable. */
  'timer',
  /** A task listener, or an execution listener doing more than clearing a variable. */
  'listener',
  /** A camunda:connector: the engine calling another system. */
  'connector',
  /** A camunda extension element outside the allow-list, out of place, or holding more than text. */
  'extension_element',
  /** A camunda attribute outside the allow-list. */
  'attribute',
  /** A BPMN element outside the allow-list of an executable process, or a foreign element among its flow elements. */
  'element',
  /** A service task that is not an external task for our workers. */
  'external_task',
  /** A task given to a person (camunda:assignee, camunda:candidateUsers): tasks go to candidate groups only. */
  'assignee',
] as const;
export type DiagramPolicyRule = (typeof DIAGRAM_POLICY_RULES)[number];

/**
 * The rules only the server applies, as they need the agency tree: a literal candidate group
 * (`specialist:000.00.17.H41`) must name a role and an agency inside the deploying admin's subtree.
 */
export const DIAGRAM_SCOPE_RULES = [
  /** A candidate group that is not `<role>:<agency code>` with one of the roles. */
  'group_role',
  /** A candidate group naming an agency that does not exist or lies outside the admin's subtree. */
  'group_agency',
] as const;
export type DiagramScopeRule = (typeof DIAGRAM_SCOPE_RULES)[number];

export type DiagramRule = DiagramPolicyRule | DiagramScopeRule;

/**
 * The issue a deployment carries for each problem our lint finds (common/src/diagram-lint: steps and
 * budgets, paths that end, ...), with the lint rule and its Vietnamese sentence in params.
 */
export const DIAGRAM_LINT_ISSUE = 'lint';

type IssueCodesOf<Rules extends readonly string[]> = { readonly [K in keyof Rules]: `diagram_${Rules[K]}` };

function issueCodesOf<const Rules extends readonly string[]>(rules: Rules): IssueCodesOf<Rules> {
  return rules.map((rule) => `diagram_${rule}`) as unknown as IssueCodesOf<Rules>;
}

/** The issue code of each rule: a 400 refusing a diagram carries one issue per violation, with params.element. */
export const DIAGRAM_ISSUE_CODES = [
  ...issueCodesOf(DIAGRAM_POLICY_RULES),
  ...issueCodesOf(DIAGRAM_SCOPE_RULES),
  `diagram_${DIAGRAM_LINT_ISSUE}`,
] as const;

/** The issue code a rule's violations carry. */
export function diagramIssueCode<Rule extends DiagramRule | typeof DIAGRAM_LINT_ISSUE>(rule: Rule): `diagram_${Rule}` {
  return `diagram_${rule}`;
}
