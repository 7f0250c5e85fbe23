/**
 * The part of saxen's API our readers use (https://github.com/nikku/saxen): a SAX parser whose
 * namespace mode renames every element and attribute prefix to the one given for its namespace URI,
 * so `<c:property>` reads as `camunda:property` whatever prefix a document chose. saxen ships no
 * typings; this module re-exports it with these declarations, so every workspace importing
 * @motcua/common type-checks without an ambient declaration of its own.
 */
export interface ParseContext {
  /** Counted from 0. */
  line: number;
  column: number;
}
type GetContext = () => ParseContext;
/** Replaces the XML entity and character references in a raw string. */
type DecodeEntities = (raw: string) => string;

export class Parser {
  constructor(options?: { proxy?: boolean });
  /** Namespace mode: maps namespace URI → the prefix elements and attributes are reported with. */
  ns(prefixes: Record<string, string>): this;
  on(
    event: 'openTag',
    handler: (
      name: string,
      getAttributes: () => Record<string, string>,
      decodeEntities: DecodeEntities,
      selfClosing: boolean,
      getContext: GetContext,
    ) => void,
  ): this;
  on(
    event: 'closeTag',
    handler: (name: string, decodeEntities: DecodeEntities, selfClosing: boolean, getContext: GetContext) => void,
  ): this;
  on(
    event: 'text' | 'comment' | 'attention',
    handler: (raw: string, decodeEntities: DecodeEntities, getContext: GetContext) => void,
  ): this;
  on(event: 'cdata' | 'question', handler: (value: string, getContext: GetContext) => void): this;
  on(event: 'error' | 'warn', handler: (error: Error, getContext: GetContext) => void): this;
  /** Parses a whole document; returns the error it stopped at when no 'error' handler is set. */
  parse(xml: string): Error | undefined;
  /** Stops the running parse after the current event. */
  stop(): void;
}
