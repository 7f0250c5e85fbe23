import { z } from 'zod';

/**
 * Request body limits derived from the body schemas, for each route's `bodyLimit`: Fastify's default
 * of 1 MiB lets any route be sent a megabyte of JSON to parse, when most bodies are a few hundred
 * bytes. The limit is the largest body the schema can accept, so a limit never refuses a body the
 * schema would take, and it follows the schema when a field's bounds change.
 */

/** What a body without a schema may carry: an empty object, or a client's stray empty body. */
const NO_BODY_LIMIT = 1024;

/** zod counts a string's length in code points, and UTF-8 writes a code point in at most 4 bytes. */
const BYTES_PER_CHARACTER = 4;

/** The longest JSON number: -1.7976931348623157e+308. */
const NUMBER_BYTES = 24;

/** Whitespace of a pretty-printing client, and the headroom to round up. */
const WHITESPACE_ALLOWANCE = 1.25;

/** The JSON Schema keywords of a request schema, as zod writes them and the OpenAPI document shows them. */
export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  example?: unknown;
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * The longest compact JSON, in UTF-8 bytes, that a JSON Schema admits. Throws at a string without
 * maxLength or an array without maxItems: an unbounded field has no largest body, and the caller's
 * route would be open to any size.
 */
function maxJsonBytes(schema: JsonSchema, path: string, defs: Record<string, JsonSchema>): number {
  const bytes = (inner: JsonSchema, innerPath = path) => maxJsonBytes(inner, innerPath, defs);
  if (schema.$ref) return bytes(defs[schema.$ref.replace('#/$defs/', '')] ?? {});
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return Math.max(...options.map((option) => bytes(option)));
  if (schema.allOf) return Math.min(...schema.allOf.map((part) => bytes(part)));
  if (schema.enum) return Math.max(...schema.enum.map(jsonBytes));
  if (schema.const !== undefined) return jsonBytes(schema.const);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return Math.max(...types.map((type) => maxJsonBytesOfType(schema, type, path, bytes)));
}

function maxJsonBytesOfType(
  schema: JsonSchema,
  type: string | undefined,
  path: string,
  bytes: (inner: JsonSchema, innerPath: string) => number,
): number {
  switch (type) {
    case 'string':
      if (schema.maxLength === undefined) throw new Error(`body${path} is a string without a maximum length`);
      // base64 is ASCII by its alphabet
      return 2 + schema.maxLength * (schema.format === 'base64' ? 1 : BYTES_PER_CHARACTER);
    case 'number':
    case 'integer':
      return NUMBER_BYTES;
    case 'boolean':
      return jsonBytes(false);
    case 'null':
      return jsonBytes(null);
    case 'array':
      if (schema.maxItems === undefined) throw new Error(`body${path} is an array without a maximum length`);
      return 2 + schema.maxItems * (bytes(schema.items ?? {}, `${path}/items`) + 1);
    case 'object':
      // unknown keys are stripped by the schema, so only the declared ones make a body longer than it needs to be
      return Object.entries(schema.properties ?? {}).reduce(
        (total, [key, property]) => total + jsonBytes(key) + 2 + bytes(property, `${path}/${key}`),
        2,
      );
    default:
      throw new Error(`body${path} has no bounded type`);
  }
}

/**
 * The body limit of a route, in bytes: the largest body its schema accepts, written as compact JSON
 * in UTF-8, plus a quarter for whitespace, rounded up to a KiB; 1 KiB for a route without a body.
 */
export function bodyLimitFor(schema?: z.ZodType): number {
  if (schema === undefined) return NO_BODY_LIMIT;
  const document = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const largest = maxJsonBytes(document, '', document.$defs ?? {});
  return Math.ceil((largest * WHITESPACE_ALLOWANCE) / 1024) * 1024;
}
