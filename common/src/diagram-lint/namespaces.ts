/**
 * A document that binds one of the modeler's prefixes to another namespace (MIWG C.1.0 binds
 * `camunda:` to the legacy Activiti namespace) is read by bpmn-moddle with that namespace's
 * attributes renamed to a fresh prefix (`ns0:assignee`), while the definitions still declare the
 * old one (`xmlns:camunda="http://activiti.org/bpmn"`): exporting it then fails with "no namespace
 * uri given for prefix <ns0>", and the attributes would be lost. `declareRenamedPrefixes` finds the
 * prefixes the reader chose, the way its XML parser (saxen) allocates them, and declares them
 * instead, so the export writes every attribute under a prefix bound to its own namespace.
 */
import type { ModdleElement } from 'bpmn-moddle';
import { Parser } from '@motcua/common/xml/saxen';

const XMLNS = 'xmlns';

/** The prefixes the reader gave each namespace the document declares, replaying saxen's allocation. */
export function readerPrefixes(xml: string, known: Readonly<Record<string, string>>): Map<string, string> {
  const byUri = new Map(Object.entries(known));
  const inUse = new Set(Object.values(known));
  const bound = new Map(Object.entries(known).map(([uri, prefix]) => [prefix, uri]));
  let anonymous = 0;
  const parser = new Parser();
  parser.on('openTag', (_name, getAttributes, decodeEntities) => {
    for (const [name, raw] of Object.entries(getAttributes())) {
      const declared = name === XMLNS ? XMLNS : name.startsWith(`${XMLNS}:`) ? name.slice(XMLNS.length + 1) : null;
      if (declared === null) continue;
      const uri = decodeEntities(raw);
      if (byUri.has(uri)) continue;
      let alias = declared;
      if (declared === XMLNS || (bound.has(declared) && bound.get(declared) !== uri)) {
        do alias = `ns${anonymous++}`;
        while (inUse.has(alias));
      }
      byUri.set(uri, alias);
      inUse.add(alias);
      if (!bound.has(alias)) bound.set(alias, uri);
    }
  });
  parser.on('error', () => parser.stop());
  parser.parse(xml);
  return byUri;
}

/** Every element of a parsed document, diagram interchange included. */
function* everyElement(element: ModdleElement, seen = new Set<ModdleElement>()): Generator<ModdleElement> {
  if (seen.has(element)) return;
  seen.add(element);
  yield element;
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith('$') && key !== '$children') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as ModdleElement).$type === 'string') {
        yield* everyElement(child as ModdleElement, seen);
      }
    }
  }
}

/**
 * Rewrites the declarations of prefixes the reader renamed (`xmlns:camunda` bound to another
 * namespace) to the prefixes it used (`xmlns:ns0`). `known` maps each namespace of the moddle's
 * packages to its prefix.
 */
export function declareRenamedPrefixes(
  definitions: ModdleElement,
  xml: string,
  known: Readonly<Record<string, string>>,
): void {
  const prefixes = readerPrefixes(xml, known);
  for (const element of everyElement(definitions)) {
    const attributes = element.$attrs as Record<string, string> | undefined;
    if (!attributes) continue;
    for (const [name, uri] of Object.entries(attributes)) {
      if (!name.startsWith(`${XMLNS}:`)) continue;
      const prefix = prefixes.get(uri);
      if (prefix === undefined || prefix === name.slice(XMLNS.length + 1) || prefix === XMLNS) continue;
      delete attributes[name];
      attributes[`${XMLNS}:${prefix}`] = uri;
    }
  }
}
