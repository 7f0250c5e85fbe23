import { z } from 'zod';

/**
 * Walks zod 4 schemas through their definitions (`.def`), for tests that enumerate what a schema
 * accepts instead of listing it by hand: every string field with its bounds, patterns and examples.
 */

/** A string somewhere inside a schema. */
export interface StringField {
  /** The keys and indexes from the root to the field. */
  path: (string | number)[];
  schema: z.ZodType;
  maxLength: number | undefined;
  /** The regular expressions its checks test. */
  patterns: RegExp[];
  /** Valid values from the field's metadata (`.meta({ examples })`). */
  examples: string[];
}

interface CheckDef {
  check?: string;
  maximum?: number;
  pattern?: RegExp;
}

type Def = Record<string, unknown> & { type: string; checks?: { _zod: { def: CheckDef } }[] };

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

function describeString(schema: z.ZodType, path: (string | number)[]): StringField {
  const def = defOf(schema);
  const checks = [def as CheckDef, ...(def.checks ?? []).map((check) => check._zod.def)];
  const maxima = checks.flatMap((check) =>
    check.check === 'max_length' && check.maximum !== undefined ? [check.maximum] : [],
  );
  const examples = (z.globalRegistry.get(schema)?.examples ?? []) as unknown[];
  return {
    path,
    schema,
    maxLength: maxima.length > 0 ? Math.min(...maxima) : undefined,
    patterns: checks.flatMap((check) => (check.pattern instanceof RegExp ? [check.pattern] : [])),
    examples: examples.filter((example): example is string => typeof example === 'string'),
  };
}

/** The schemas a wrapper or combinator holds, with the path segment each adds. */
function children(def: Def): [z.ZodType, (string | number)[]][] {
  const inner = (key: string) => (def[key] ? [[def[key] as z.ZodType, []] as [z.ZodType, []]] : []);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).map(([key, value]) => [value, [key]]);
    case 'array':
      return [[def.element as z.ZodType, [0]]];
    case 'record':
      return [[def.valueType as z.ZodType, ['key']]];
    case 'union':
      return (def.options as z.ZodType[]).map((option) => [option, []]);
    case 'intersection':
      return [...inner('left'), ...inner('right')];
    case 'pipe':
      return [...inner('in'), ...inner('out')];
    case 'tuple':
      return (def.items as z.ZodType[]).map((item, index) => [item, [index]]);
    default:
      return inner('innerType');
  }
}

/** Every string field of a schema, depth first. */
export function stringFields(root: z.ZodType): StringField[] {
  const fields: StringField[] = [];
  // the schemas being visited: a schema inside itself (z.lazy) is not walked twice
  const open = new Set<z.ZodType>();
  const visit = (schema: z.ZodType, path: (string | number)[]) => {
    if (open.has(schema)) return;
    open.add(schema);
    const def = defOf(schema);
    if (def.type === 'string') fields.push(describeString(schema, path));
    for (const [child, segments] of children(def)) visit(child, [...path, ...segments]);
    open.delete(schema);
  };
  visit(root, []);
  return fields;
}

/** A value with `leaf` at `path` and nothing else, e.g. {applicant: {email: leaf}}. */
export function placeAt(path: readonly (string | number)[], leaf: unknown): unknown {
  return path.reduceRight<unknown>(
    (inner, segment) => (typeof segment === 'number' ? [inner] : { [segment]: inner }),
    leaf,
  );
}
