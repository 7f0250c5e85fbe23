/**
 * bpmnlint and bpmn-moddle ship no typings for their package entries: the part of their API the
 * diagram lint uses.
 */
declare module 'bpmnlint' {
  /** A report of one rule on one element. */
  export interface LintReport {
    id?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
  }
  export interface LintConfig {
    extends?: string | string[];
    rules?: Record<string, unknown>;
  }
  export interface LintResolver {
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }
  export class Linter {
    constructor(options: { config?: LintConfig; resolver: LintResolver });
    lint(root: unknown, config?: LintConfig): Promise<Record<string, LintReport[]>>;
  }
  const bpmnlint: { Linter: typeof Linter };
  export default bpmnlint;
}

declare module 'bpmn-moddle' {
  /** A parsed BPMN element; its properties follow the metamodel (and the camunda extension). */
  export interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    get(name: string): unknown;
    [property: string]: unknown;
  }

  export interface ParseWarning {
    message: string;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    elementsById: Record<string, ModdleElement>;
    warnings: ParseWarning[];
  }

  /** Makes a moddle for BPMN 2.0 plus the given extension packages (e.g. camunda). */
  export function BpmnModdle(packages?: Record<string, unknown>): {
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    getPackages(): { prefix: string; uri: string }[];
  };
}
