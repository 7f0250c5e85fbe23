import type { DiagramPolicyRule } from '@motcua/common';
import { ALLOWED_PROCESS_ELEMENTS, PROCESS_ELEMENT_REASONS } from '@motcua/common/diagram-lint';
import { Parser } from '@motcua/common/xml/saxen';

/**
 * What a BPMN diagram deployed through POST /api/processes may contain.
 *
 * Camunda 7 lets a diagram run code on the engine: Java classes and delegate expressions on tasks
 * and listeners, script tasks and scripts, and JUEL expressions, which may call any method of any
 * object they reach (with the Spring Boot starter: every Spring bean, the data source included).
 * A stolen admin token must not become code execution on the engine and its database, so a diagram
 * is checked against allow-lists before it is deployed. The engine applies the same rules again
 * when it reads a deployment (engine/src/main/java/vn/motcua/engine/DiagramPolicy.java), so a
 * diagram sent straight to the engine's REST API is held to them too; change both together, and
 * processes/README.md ("What a diagram may contain"). Tasks go to candidate groups only: a diagram
 * may not name the person who does a task (assignee, candidateUsers).
 *
 * The document is read with a namespace-aware XML parser and checked the way the engine reads it:
 * camunda: extensions in the Camunda and in the legacy Activiti namespace, text split by comments
 * or CDATA sections joined, entity references decoded. A process marked isExecutable="false" is
 * documentation the engine never parses, so it is not checked.
 *
 * Every refusal names its rule (@motcua/common DIAGRAM_POLICY_RULES), as the engine's do; the cases
 * both are tested on, with their expected verdicts, are in processes/policy-cases. The BPMN elements
 * an executable process may contain are listed once, in common/src/diagram-lint/allowed-elements.ts,
 * which the editor's lint applies too.
 */

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const BPMN_MODEL_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
/** The engine reads its extension attributes and elements from both namespaces. */
const ENGINE_EXTENSION_NAMESPACES = new Set(['http://camunda.org/schema/1.0/bpmn', 'http://activiti.org/bpmn']);

/**
 * camunda: attributes (in either namespace) a diagram may set on any element. None of them names
 * code: they give work to our external-task workers (type, topic), say which group of officers does
 * a user task and when, who may start the process, how jobs and history behave, or are modeler
 * bookkeeping the engine ignores. Their values may hold expressions, which are checked on their own.
 * A task never goes to a named person (assignee, candidateUsers): the officers of an agency take
 * it from their group's queue.
 */
export const ALLOWED_ENGINE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'type',
  'topic',
  'candidateGroups',
  'dueDate',
  'followUpDate',
  'priority',
  'formKey',
  'candidateStarterUsers',
  'candidateStarterGroups',
  'initiator',
  'isStartableInTasklist',
  'async',
  'asyncBefore',
  'asyncAfter',
  'exclusive',
  'jobPriority',
  'taskPriority',
  'versionTag',
  'historyTimeToLive',
  'errorCodeVariable',
  'errorMessageVariable',
  'calledElementBinding',
  'calledElementVersion',
  'calledElementVersionTag',
  'diagramRelationId',
  'modelerTemplate',
  'modelerTemplateVersion',
]);

/**
 * camunda: extension elements a diagram may contain, with the (unqualified) attributes and the
 * camunda: child elements each may have. Input/output parameters and properties hold plain text
 * (no nested script, list or map); an execution listener may only clear a variable (see
 * LISTENER_EXPRESSION), which the house-construction-permit diagram does when a dossier is sent back.
 * camunda:in and camunda:out pass variables to and from a called sub-flow by name (a source
 * expression or business key is held to the expression rule like any other value).
 */
export const ALLOWED_ENGINE_ELEMENTS: Readonly<
  Record<string, { attributes: readonly string[]; children: readonly string[]; inExtensionElements: boolean }>
> = {
  inputOutput: { attributes: [], children: ['inputParameter', 'outputParameter'], inExtensionElements: true },
  inputParameter: { attributes: ['name'], children: [], inExtensionElements: false },
  outputParameter: { attributes: ['name'], children: [], inExtensionElements: false },
  properties: { attributes: [], children: ['property'], inExtensionElements: true },
  property: { attributes: ['id', 'name', 'value'], children: [], inExtensionElements: false },
  executionListener: { attributes: ['event', 'expression'], children: [], inExtensionElements: true },
  in: {
    attributes: ['source', 'sourceExpression', 'target', 'variables', 'local', 'businessKey'],
    children: [],
    inExtensionElements: true,
  },
  out: {
    attributes: ['source', 'sourceExpression', 'target', 'variables', 'local'],
    children: [],
    inExtensionElements: true,
  },
  failedJobRetryTimeCycle: { attributes: [], children: [], inExtensionElements: true },
};

interface Refusal {
  rule: DiagramPolicyRule;
  reason: string;
}

const JAVA_CLASS: Refusal = { rule: 'java_class', reason: 'names a Java class for the engine to run' };
const DELEGATE_EXPRESSION: Refusal = {
  rule: 'delegate_expression',
  reason: 'resolves a Java object from an expression for the engine to run',
};
const SCRIPT: Refusal = { rule: 'script', reason: 'runs a script on the engine' };
const TO_GROUPS_ONLY = 'a task goes to candidate groups only (camunda:candidateGroups)';

/** Why a construct is refused, and under which rule, by attribute or element local name. */
const CODE_REASONS: Readonly<Record<string, Refusal>> = {
  class: JAVA_CLASS,
  variableMappingClass: JAVA_CLASS,
  formHandlerClass: JAVA_CLASS,
  field: { rule: 'java_class', reason: 'field injection configures Java delegates, which are not allowed' },
  delegateExpression: DELEGATE_EXPRESSION,
  variableMappingDelegateExpression: DELEGATE_EXPRESSION,
  expression: { rule: 'method_expression', reason: 'lets the engine call methods through an expression' },
  resultVariable: {
    rule: 'method_expression',
    reason: 'stores what an expression, a script or a decision returns, and a diagram may run none of them',
  },
  script: SCRIPT,
  scriptTask: SCRIPT,
  scriptFormat: SCRIPT,
  resource: { rule: 'script', reason: 'loads a script or a file for the engine to run' },
  language: { rule: 'script', reason: 'makes the engine run the expression as a script' },
  decisionRef: { rule: 'attribute', reason: 'evaluates a DMN decision, and decisions are switched off on the engine' },
  assignee: { rule: 'assignee', reason: `gives the task to one person: ${TO_GROUPS_ONLY}` },
  candidateUsers: { rule: 'assignee', reason: `offers the task to named people: ${TO_GROUPS_ONLY}` },
  taskListener: { rule: 'listener', reason: 'task listeners run Java classes, expressions or scripts on the engine' },
  connector: { rule: 'connector', reason: 'connectors call other systems from the engine' },
  formData: { rule: 'extension_element', reason: 'generated forms may name Java validator classes' },
};

// The expressions a diagram may hold: reading a variable, a literal, or comparing a variable with a
// literal. No method calls (they reach any object: `''.getClass().forName(...)`), no operators
// beyond == and !=, no functions.
const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_]*';
const LITERAL = `'[^'\\\\]*'|"[^"\\\\]*"|-?\\d+(?:\\.\\d+)?|true|false|null`;
const VARIABLE = `${IDENTIFIER}|execution\\.getVariable\\(\\s*(?:'${IDENTIFIER}'|"${IDENTIFIER}")\\s*\\)`;
/** The body of an allowed `${...}`: `name`, `10`, `'text'`, `name == 'x'`, `execution.getVariable('name') != 3`. */
export const EXPRESSION_BODY = `(?:${VARIABLE})(?:\\s*(?:==|!=)\\s*(?:${LITERAL}))?|${LITERAL}`;
/** The one expression an execution listener may have: clearing a variable. */
export const LISTENER_EXPRESSION = `execution\\.removeVariable\\(\\s*(?:'${IDENTIFIER}'|"${IDENTIFIER}")\\s*\\)`;

const EXPRESSION_START = /[$#]\{/g;
const ALLOWED_EXPRESSION = new RegExp(`[$#]\\{\\s*(?:${EXPRESSION_BODY})\\s*\\}`, 'y');
const WHOLE_LISTENER_EXPRESSION = new RegExp(`^\\s*\\$\\{\\s*${LISTENER_EXPRESSION}\\s*\\}\\s*$`);
/** A timer holds an ISO 8601 literal or one variable (e.g. `${appraisalDueAt}`). */
const TIMER_EXPRESSION = new RegExp(`^\\s*\\$\\{\\s*${IDENTIFIER}\\s*\\}\\s*$`);
const TIMER_ELEMENTS = new Set(['timeDate', 'timeDuration', 'timeCycle']);

export interface XmlAttribute {
  /** namespace URI, '' for none */
  namespace: string;
  localName: string;
  /** as written, with its prefix */
  name: string;
  value: string;
}

/** An element of a parsed document with its namespace resolved and its direct text joined. */
export interface XmlElement {
  namespace: string;
  localName: string;
  name: string;
  attributes: XmlAttribute[];
  text: string;
  children: XmlElement[];
}

export class XmlSyntaxError extends Error {}

function resolveName(name: string, scope: ReadonlyMap<string, string>, isElement: boolean) {
  const parts = name.split(':');
  if (parts.length > 2 || parts.some((part) => part === '')) throw new XmlSyntaxError(`invalid name <${name}>`);
  const [prefix, localName] = parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : ['', name];
  // unprefixed attributes are in no namespace; unprefixed elements are in the default one
  if (prefix === '') return { namespace: isElement ? (scope.get('') ?? '') : '', localName };
  const namespace = scope.get(prefix);
  if (!namespace) throw new XmlSyntaxError(`the prefix of <${name}> is not bound to a namespace`);
  return { namespace, localName };
}

/**
 * Parses an XML document into elements with resolved namespaces. Refuses what the engine's parser
 * would read differently or refuse: DOCTYPE and entity declarations, malformed markup, unbound
 * prefixes, repeated attributes, a second root element.
 */
export function parseXml(xml: string): XmlElement {
  const parser = new Parser();
  const open: { element: XmlElement; scope: Map<string, string> }[] = [];
  let root: XmlElement | undefined;
  let failure: string | undefined;
  // saxen counts lines from 0
  const fail = (message: string, line: number) => {
    failure ??= `${message} (line ${line + 1})`;
    parser.stop();
  };

  parser.on('openTag', (name, getAttributes, decodeEntities, _selfClosing, getContext) => {
    if (failure) return;
    const line = getContext().line;
    try {
      const parent = open.at(-1);
      if (!parent && root) throw new XmlSyntaxError('a second root element is not allowed');
      const scope = new Map(parent?.scope ?? [['xml', XML_NAMESPACE]]);
      const raw = Object.entries(getAttributes());
      for (const [attribute, value] of raw) {
        if (attribute === 'xmlns') scope.set('', decodeEntities(value));
        else if (attribute.startsWith('xmlns:')) scope.set(attribute.slice('xmlns:'.length), decodeEntities(value));
      }
      const attributes: XmlAttribute[] = [];
      for (const [attribute, value] of raw) {
        if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
        const resolved = resolveName(attribute, scope, false);
        if (attributes.some((seen) => seen.namespace === resolved.namespace && seen.localName === resolved.localName)) {
          throw new XmlSyntaxError(`attribute ${attribute} is given twice`);
        }
        attributes.push({ ...resolved, name: attribute, value: decodeEntities(value) });
      }
      const element: XmlElement = { ...resolveName(name, scope, true), name, attributes, text: '', children: [] };
      if (parent) parent.element.children.push(element);
      else root = element;
      open.push({ element, scope });
    } catch (error) {
      if (!(error instanceof XmlSyntaxError)) throw error;
      fail(error.message, line);
    }
  });
  parser.on('closeTag', () => {
    open.pop();
  });
  // the engine's SAX parser joins an element's text across comments and CDATA sections: so do we
  parser.on('text', (raw, decodeEntities) => {
    const current = open.at(-1);
    if (current) current.element.text += decodeEntities(raw);
  });
  parser.on('cdata', (value) => {
    const current = open.at(-1);
    if (current) current.element.text += value;
  });
  parser.on('attention', (_raw, _decode, getContext) =>
    fail('a DOCTYPE or entity declaration is not accepted', getContext().line),
  );
  parser.on('error', (error, getContext) => fail(error.message, getContext().line));
  parser.on('warn', (warning, getContext) => fail(warning.message, getContext().line));

  // a byte order mark is not content (the engine's parser skips it in the bytes it reads)
  parser.parse(xml.replace(/^\uFEFF/, ''));
  if (failure) throw new XmlSyntaxError(failure);
  if (!root) throw new XmlSyntaxError('there is no root element');
  return root;
}

/** One thing the policy refuses: the id of the element it is on (or in), the rule it breaks, and why. */
export interface PolicyViolation {
  elementId: string | undefined;
  rule: DiagramPolicyRule;
  reason: string;
}

function attribute(element: XmlElement, localName: string, namespaces?: ReadonlySet<string>) {
  return element.attributes.find(
    (candidate) =>
      candidate.localName === localName &&
      (namespaces ? namespaces.has(candidate.namespace) : candidate.namespace === ''),
  )?.value;
}

/** Whether the engine skips this process: only an explicit isExecutable other than "true" makes it skip. */
function isDocumentationOnly(process: XmlElement) {
  const executable = attribute(process, 'isExecutable');
  return executable !== undefined && executable.toLowerCase() !== 'true';
}

function quote(text: string) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}...` : flat);
}

/** The `${...}` / `#{...}` parts of a text that are not allowed expressions. */
export function disallowedExpressions(text: string): string[] {
  const refused: string[] = [];
  let from = 0;
  for (const match of text.matchAll(EXPRESSION_START)) {
    if (match.index < from) continue;
    ALLOWED_EXPRESSION.lastIndex = match.index;
    if (ALLOWED_EXPRESSION.test(text)) {
      from = ALLOWED_EXPRESSION.lastIndex;
    } else {
      const end = text.indexOf('}', match.index);
      refused.push(text.slice(match.index, end === -1 ? undefined : end + 1));
      from = match.index + 2;
    }
  }
  return refused;
}

const EXPRESSION_RULE =
  "only variables, literals and comparisons of a variable with a literal are allowed (e.g. ${agencyCode}, ${outcome == 'approve'})";

interface Scope {
  /** nearest enclosing element id, to name in messages */
  elementId: string | undefined;
  /** inside an executable process, outside extensionElements: the element allow-list applies */
  processStructure: boolean;
  /** the camunda: element this one is a child of */
  engineParent: XmlElement | undefined;
  /** inside bpmn:extensionElements */
  inExtensionElements: boolean;
}

const refusal = (rule: DiagramPolicyRule, reason: string): Refusal => ({ rule, reason });

/**
 * Whether an element must be, and is not, an external task for our workers: a service task and a
 * send task always (the engine refuses a send task without an implementation), a message event
 * definition once it names an implementation (without one, a message throw event is a no-op).
 */
function lacksExternalTask(element: XmlElement): boolean {
  const type = attribute(element, 'type', ENGINE_EXTENSION_NAMESPACES);
  const topic = attribute(element, 'topic', ENGINE_EXTENSION_NAMESPACES);
  const mustBeExternal =
    element.localName === 'serviceTask' ||
    element.localName === 'sendTask' ||
    (element.localName === 'messageEventDefinition' && (type !== undefined || topic !== undefined));
  return mustBeExternal && (type !== 'external' || !topic?.trim());
}

/**
 * Checks a parsed BPMN document against the allow-lists above; an empty list means it may be deployed.
 * Violations come in the order the document is walked.
 */
export function checkBpmnPolicy(definitions: XmlElement): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const refuse = (elementId: string | undefined, { rule, reason }: Refusal) =>
    violations.push({ elementId, rule, reason });

  const elementProblem = (element: XmlElement, scope: Scope): Refusal | undefined => {
    const { localName, name } = element;
    const code = CODE_REASONS[localName];
    if ((localName === 'script' || localName === 'scriptTask') && code)
      return refusal(code.rule, `${name} ${code.reason}`);
    if (ENGINE_EXTENSION_NAMESPACES.has(element.namespace)) {
      const spec = ALLOWED_ENGINE_ELEMENTS[localName];
      if (scope.engineParent) {
        const parentSpec = ALLOWED_ENGINE_ELEMENTS[scope.engineParent.localName];
        if (!spec || !parentSpec?.children.includes(localName)) {
          return refusal('extension_element', `${scope.engineParent.name} may not contain ${name}`);
        }
      } else if (!spec || !spec.inExtensionElements || !scope.inExtensionElements) {
        return code
          ? refusal(code.rule, `${name}: ${code.reason}`)
          : refusal(
              'extension_element',
              `${name} is not in the allow-list of camunda extension elements (${Object.entries(ALLOWED_ENGINE_ELEMENTS)
                .filter(([, allowed]) => allowed.inExtensionElements)
                .map(([allowed]) => allowed)
                .join(', ')})`,
            );
      }
      return undefined;
    }
    if (scope.engineParent) return refusal('extension_element', `${scope.engineParent.name} may not contain ${name}`);
    if (!scope.processStructure) return undefined;
    if (element.namespace !== BPMN_MODEL_NAMESPACE) {
      return refusal('element', `${name} is not a BPMN element; other vocabularies belong inside extensionElements`);
    }
    if (!ALLOWED_PROCESS_ELEMENTS.has(localName)) {
      return refusal(
        'element',
        `${name} ${PROCESS_ELEMENT_REASONS[localName] ?? 'is not in the allow-list of process elements'}`,
      );
    }
    return undefined;
  };

  // Checked once the attributes and children passed, so that a camunda:class or a camunda:script
  // names itself rather than being reported as "not an external task" or "no allowed expression".
  const implementationProblem = (element: XmlElement, scope: Scope): Refusal | undefined => {
    if (scope.processStructure && element.namespace === BPMN_MODEL_NAMESPACE && lacksExternalTask(element)) {
      return refusal(
        'external_task',
        `${element.name} must be an external task (camunda:type="external" with a camunda:topic) for our workers`,
      );
    }
    if (ENGINE_EXTENSION_NAMESPACES.has(element.namespace) && element.localName === 'executionListener') {
      const expression = attribute(element, 'expression');
      if (expression === undefined || !WHOLE_LISTENER_EXPRESSION.test(expression)) {
        return refusal(
          'listener',
          `${element.name} may only clear a variable, as in expression="\${execution.removeVariable('outcome')}"`,
        );
      }
    }
    return undefined;
  };

  const attributeProblem = (
    element: XmlElement,
    { localName, namespace, name, value }: XmlAttribute,
  ): Refusal | undefined => {
    if (ENGINE_EXTENSION_NAMESPACES.has(namespace)) {
      if (!ALLOWED_ENGINE_ATTRIBUTES.has(localName)) {
        const code = CODE_REASONS[localName];
        return code
          ? refusal(code.rule, `${name} ${code.reason}`)
          : refusal('attribute', `${name} is not in the allow-list of camunda attributes`);
      }
      if (localName === 'type' && value !== 'external') {
        return refusal(
          'external_task',
          `${name}=${quote(value)} is not allowed: the only task type is "external" (done by our workers)`,
        );
      }
    } else if (namespace === '' && ENGINE_EXTENSION_NAMESPACES.has(element.namespace)) {
      const allowed = ALLOWED_ENGINE_ELEMENTS[element.localName]?.attributes ?? [];
      if (!allowed.includes(localName)) {
        const code = CODE_REASONS[localName];
        return refusal(
          code?.rule ?? 'attribute',
          `${element.name} ${localName}=${quote(value)} ${code?.reason ?? 'is not allowed'}`,
        );
      }
      // the listener's one expression form is checked with the element
      if (element.localName === 'executionListener' && localName === 'expression') return undefined;
    } else if (namespace === '' && (localName === 'language' || localName === 'scriptFormat')) {
      return refusal('script', `${localName}=${quote(value)} ${CODE_REASONS[localName]?.reason ?? ''}`);
    }
    const refused = disallowedExpressions(value);
    if (refused.length > 0) {
      return refusal('expression', `${name}: expression ${quote(refused[0] ?? '')} is not allowed: ${EXPRESSION_RULE}`);
    }
    return undefined;
  };

  const textProblem = (element: XmlElement): Refusal | undefined => {
    const { text } = element;
    if (!text.includes('{')) return undefined;
    if (element.namespace === BPMN_MODEL_NAMESPACE && TIMER_ELEMENTS.has(element.localName)) {
      if (/[$#]\{/.test(text) && !TIMER_EXPRESSION.test(text)) {
        return refusal(
          'timer',
          `${element.name} ${quote(text)} is not allowed: a timer holds an ISO 8601 value or one variable, as in \${appraisalDueAt}`,
        );
      }
      return undefined;
    }
    const refused = disallowedExpressions(text);
    if (refused.length > 0) {
      return refusal(
        'expression',
        `${element.name}: expression ${quote(refused[0] ?? '')} is not allowed: ${EXPRESSION_RULE}`,
      );
    }
    return undefined;
  };

  const visit = (element: XmlElement, scope: Scope) => {
    const elementId = attribute(element, 'id') ?? scope.elementId;
    const problem = elementProblem(element, scope);
    if (problem) {
      // what is inside a refused element does not matter any more
      refuse(elementId, problem);
      return;
    }
    const before = violations.length;
    for (const candidate of element.attributes) {
      const found = attributeProblem(element, candidate);
      if (found) refuse(elementId, found);
    }
    const textFound = textProblem(element);
    if (textFound) refuse(elementId, textFound);

    const isEngineElement = ENGINE_EXTENSION_NAMESPACES.has(element.namespace);
    const isExtensionElements = element.namespace === BPMN_MODEL_NAMESPACE && element.localName === 'extensionElements';
    const childScope: Scope = {
      elementId,
      processStructure: scope.processStructure && !isExtensionElements && element.namespace === BPMN_MODEL_NAMESPACE,
      engineParent: isEngineElement ? element : undefined,
      inExtensionElements: isExtensionElements,
    };
    for (const child of element.children) visit(child, childScope);
    if (violations.length === before) {
      const implementationFound = implementationProblem(element, scope);
      if (implementationFound) refuse(elementId, implementationFound);
    }
  };

  const top: Scope = {
    elementId: undefined,
    processStructure: false,
    engineParent: undefined,
    inExtensionElements: false,
  };
  for (const candidate of definitions.attributes) {
    const found = attributeProblem(definitions, candidate);
    if (found) refuse(attribute(definitions, 'id'), found);
  }
  for (const child of definitions.children) {
    // the engine finds processes by local name, whatever their namespace
    if (child.localName === 'process') {
      if (isDocumentationOnly(child)) continue;
      const executable = attribute(child, 'isExecutable')?.toLowerCase() === 'true';
      // the element allow-list is for processes the engine deploys; the other rules apply to any it reads
      const processId = attribute(child, 'id');
      for (const candidate of child.attributes) {
        const found = attributeProblem(child, candidate);
        if (found) refuse(processId, found);
      }
      const processScope: Scope = { ...top, elementId: processId, processStructure: executable };
      for (const grandchild of child.children) visit(grandchild, processScope);
    } else {
      visit(child, top);
    }
  }
  return violations;
}

/** One violation as a sentence: the element it is on, and why. */
export function describeViolation({ elementId, reason }: PolicyViolation): string {
  return elementId ? `element "${elementId}": ${reason}` : reason;
}

/** The violations as one line for an error message, the first few in full. */
export function describeViolations(violations: readonly PolicyViolation[], shown = 5): string {
  const described = violations.slice(0, shown).map(describeViolation);
  const more = violations.length > shown ? `; and ${violations.length - shown} more` : '';
  return `${described.join('; ')}${more}`;
}

/** A candidate group a task names, and the element it is on. */
export interface CandidateGroupUse {
  elementId: string | undefined;
  group: string;
}

/**
 * Every candidate group the processes of a diagram name (camunda:candidateGroups, comma-separated),
 * for the checks that need the agency tree; documentation-only processes are left out, as above.
 */
export function candidateGroupsOf(definitions: XmlElement): CandidateGroupUse[] {
  const uses: CandidateGroupUse[] = [];
  const visit = (element: XmlElement, nearestId: string | undefined) => {
    const elementId = attribute(element, 'id') ?? nearestId;
    const groups = attribute(element, 'candidateGroups', ENGINE_EXTENSION_NAMESPACES);
    for (const group of groups?.split(',') ?? []) {
      if (group.trim() !== '') uses.push({ elementId, group: group.trim() });
    }
    for (const child of element.children) visit(child, elementId);
  };
  for (const child of definitions.children) {
    if (child.localName === 'process' && !isDocumentationOnly(child)) visit(child, undefined);
  }
  return uses;
}
