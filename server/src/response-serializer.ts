import type { FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode, type $ZodError } from 'zod/v4/core';
import { responseJsonSchema } from './plugins/swagger.js';

/**
 * The serializer of every response: each route's zod response schema, converted once to the JSON
 * Schema the OpenAPI document shows, compiled with fast-json-stringify (Fastify's own serializer).
 * zod's serializer parses every answer before JSON.stringify; on the officer's dossier read that was
 * 15 % of the server's CPU (docs/benchmarks.md, "Point reads and intake, second session"). The
 * guard stays: a compiled serializer writes only the properties the schema lists (zod's output
 * objects say `additionalProperties: false`), at every depth. What fast-json-stringify cannot write
 * as zod would is left to zod's serializer, whole: see `uncompilableConstruct`.
 *
 * fast-json-stringify trusts its data: a number in a string field is written as text, null in a
 * string field as "", a numeric string in a number field as a number. So that a service answering the
 * wrong shape is seen, the tests turn on `checkAgainstSchema` (config CHECK_RESPONSES): a compiled
 * serializer then first checks each answer against the zod schema, as zod's serializer would.
 */

type Serialize = (data: unknown) => string;

/** The zod types a compiled serializer writes as zod's serializer does (their JSON Schema says all). */
const SCALARS = new Set(['string', 'number', 'boolean', 'null', 'enum', 'literal']);
const WRAPPERS = new Set(['nullable', 'optional', 'readonly']);

interface ZodDef {
  type: string;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  element?: $ZodType;
  innerType?: $ZodType;
  keyType?: $ZodType;
  valueType?: $ZodType;
  options?: $ZodType[];
  checks?: { _zod: { def: { check: string } } }[];
}

const defOf = (schema: $ZodType) => schema._zod.def as unknown as ZodDef;

function unwrapped(schema: $ZodType): $ZodType {
  const def = defOf(schema);
  return WRAPPERS.has(def.type) && def.innerType ? unwrapped(def.innerType) : schema;
}

/**
 * The first construct in `schema` that a compiled serializer would not write as zod's serializer
 * does, or undefined when there is none:
 * - anything that computes (transforms, pipes, codecs, defaults, catch, `.trim()` and other
 *   overwrites): zod applies them while encoding, the JSON Schema only describes the result;
 * - a union of anything but scalars: fast-json-stringify picks a branch by validating the value
 *   against each, and a row with more columns than an object branch lists matches none;
 * - a record whose keys are not plain strings, an intersection, a tuple, a lazy or custom type.
 */
export function uncompilableConstruct(schema: $ZodType, path = '$'): string | undefined {
  const def = defOf(schema);
  if (def.checks?.some((check) => check._zod.def.check === 'overwrite')) return `${path}: an overwrite (${def.type})`;
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'enum':
    case 'literal':
    case 'date':
    case 'any':
    case 'unknown':
      return undefined;
    case 'nullable':
    case 'optional':
    case 'readonly':
      return uncompilableConstruct(def.innerType!, path);
    case 'array':
      return uncompilableConstruct(def.element!, `${path}[]`);
    case 'object': {
      const catchall = def.catchall && defOf(def.catchall).type;
      if (catchall !== undefined && catchall !== 'never' && catchall !== 'unknown')
        return `${path}: a catchall of ${catchall}`;
      for (const [key, value] of Object.entries(def.shape ?? {})) {
        const found = uncompilableConstruct(value, `${path}.${key}`);
        if (found) return found;
      }
      return undefined;
    }
    case 'record': {
      const keyDef = defOf(def.keyType!);
      if (keyDef.type !== 'string' || (keyDef.checks?.length ?? 0) > 0)
        return `${path}: a record keyed by ${keyDef.type}`;
      return uncompilableConstruct(def.valueType!, `${path}{}`);
    }
    case 'union': {
      const branch = def.options!.map(unwrapped).find((option) => !SCALARS.has(defOf(option).type));
      return branch ? `${path}: a union with a branch of type ${defOf(branch).type}` : undefined;
    }
    default:
      return `${path}: ${def.type}`;
  }
}

/** How a response schema is serialized, and why it is left to zod when it is. */
export interface ResponseSerializer {
  serialize: Serialize;
  compiled: boolean;
  /** When it stays with zod: the construct that keeps it there, or fast-json-stringify's refusal. */
  reason?: string;
}

/** What was decided for a schema: its compiled serializer, or why it stays with zod. */
const decisions = new WeakMap<$ZodType, { serialize: Serialize } | { reason: string }>();

function decide(schema: $ZodType): { serialize: Serialize } | { reason: string } {
  const construct = uncompilableConstruct(schema);
  if (construct) return { reason: construct };
  try {
    return { serialize: fastJson(responseJsonSchema(schema) as object) as Serialize };
  } catch (error) {
    return { reason: `fast-json-stringify: ${error instanceof Error ? error.message : String(error)}` };
  }
}

type SerializerRoute = Parameters<FastifySerializerCompiler<unknown>>[0];

export interface ResponseSerializerOptions {
  /** Check each answer against its zod schema before a compiled serializer writes it (config CHECK_RESPONSES). */
  checkAgainstSchema: boolean;
}

/** An answer that its route's response schema refuses: a bug of the service or of the schema. */
export class ResponseSchemaMismatchError extends Error {
  override name = 'ResponseSchemaMismatchError';

  constructor(route: SerializerRoute, cause: $ZodError) {
    const where = `${route.method} ${route.url} ${route.httpStatus}`;
    super(`${where}: the answer does not match its response schema: ${describeIssues(cause)}`, { cause });
  }
}

/** Every issue as `$.path.to[0].field: message`; the answered values stay out (personal data). */
function describeIssues(error: $ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
      return `$${path}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * A compiled serializer that first checks the answer as zod's serializer does (`safeEncode`: the
 * schema read from output to JSON), then writes the answer itself, as it would unchecked.
 */
function checkedFirst(serialize: Serialize, schema: $ZodType, route: SerializerRoute): Serialize {
  return (data) => {
    const result = safeEncode(schema, data);
    if (!result.success) throw new ResponseSchemaMismatchError(route, result.error);
    return serialize(data);
  };
}

/**
 * The serializer of one route's response schema: compiled when it can be, zod's otherwise. A schema
 * is compiled once, whichever route asks first (the error schema answers the 4xx of every route).
 * zod's serializer checks every answer already; a compiled one does when `checkAgainstSchema` says so.
 */
export function responseSerializer(
  route: SerializerRoute,
  options: ResponseSerializerOptions = { checkAgainstSchema: false },
): ResponseSerializer {
  const schema =
    route.schema instanceof $ZodType ? route.schema : (route.schema as { properties?: unknown }).properties;
  if (!(schema instanceof $ZodType))
    throw new TypeError(`${route.method} ${route.url}: a response schema that is not a zod schema`);
  let decision = decisions.get(schema);
  if (!decision) {
    decision = decide(schema);
    decisions.set(schema, decision);
  }
  if ('serialize' in decision) {
    const serialize = options.checkAgainstSchema ? checkedFirst(decision.serialize, schema, route) : decision.serialize;
    return { serialize, compiled: true };
  }
  // zod's serializer names the route in its errors: one per route
  const serialize = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]) as Serialize;
  return { serialize, compiled: false, reason: decision.reason };
}

/** For `fastify.setSerializerCompiler`: every route's serializer, checking answers or not. */
export function responseSerializerCompiler(options: ResponseSerializerOptions): FastifySerializerCompiler<unknown> {
  return (route) => responseSerializer(route, options).serialize;
}
