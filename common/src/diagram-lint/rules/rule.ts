import type { ModdleElement } from 'bpmn-moddle';

/** What bpmnlint hands a rule's check to report a problem on an element. */
export interface Reporter {
  report(id: string, message: string): void;
}

/** A bpmnlint rule: its check is called on every element of the diagram, top down. */
export interface LintRule {
  /** Returning false skips the element's children. */
  check(node: ModdleElement, reporter: Reporter): boolean | void;
}

/** A rule factory as bpmnlint resolves it: called once with the rule's configuration. */
export type LintRuleFactory<Config = undefined> = (config?: Config) => LintRule;
