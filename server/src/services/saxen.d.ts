/**
 * saxen ships no typings: this declares the part of its API the BPMN policy uses (plain mode, no
 * proxy, no namespace mapping: the policy resolves namespaces itself).
 */
declare module 'saxen' {
  export interface ParseContext {
    line: number;
    column: number;
  }
  type GetContext = () => ParseContext;
  /** Replaces the XML entity and character references in a raw string. */
  type DecodeEntities = (raw: string) => string;

  export class Parser {
    constructor(options?: { proxy?: boolean });
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
    /** Parses a whole document; returns the error it stopped at, if any. */
    parse(xml: string): Error | undefined;
    /** Stops the running parse after the current event. */
    stop(): void;
  }
}
