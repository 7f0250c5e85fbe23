/**
 * bpmn-moddle ships typings for its metamodel only ('bpmn-moddle/types'), not for the package entry:
 * this declares the part of its API we use.
 */
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
  };
}
