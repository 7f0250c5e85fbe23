import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';
import { describeIssue, ErrorBodySchema, type Issue } from '@motcua/common';

/** Shapes every route shares: the error body (from @motcua/common) and the 204 answer. */

/** The body of every 4xx and 5xx answer. */
export const ErrorSchema = ErrorBodySchema.meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorSchema>;

/** The largest value of a PostgreSQL `integer` column: a number above it names no row. */
export const POSTGRES_INT_MAX = 2_147_483_647;

/** The text of a uuid, for `.check(z.uuid(message))`: its length is checked first and ends the checks. */
export const UuidSchema = z.string().max(36, { abort: true });

/** The 204 answer: no body. */
export const NoContentSchema = z.null().describe('No content');

/** Error responses by status code, to spread into a route's `response`. */
export function errorResponses<const Codes extends readonly number[]>(...codes: Codes) {
  return Object.fromEntries(codes.map((code) => [code, ErrorSchema])) as {
    [Code in Codes[number]]: typeof ErrorSchema;
  };
}

type RequestInput = Pick<FastifyRequest, 'body' | 'query' | 'params' | 'headers'>;

/** The request's input for each part Fastify validates (its validation context). */
function inputOf(request: RequestInput, context: string | undefined): unknown {
  if (context === 'body') return request.body;
  if (context === 'querystring') return request.query;
  if (context === 'params') return request.params;
  if (context === 'headers') return request.headers;
  return undefined;
}

function valueAt(input: unknown, segments: readonly string[]): unknown {
  return segments.reduce<unknown>(
    (node, segment) =>
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined,
    input,
  );
}

/**
 * The issues of a request that failed its zod schema, as the error body lists them: the path from
 * the request part ("body/applicant/idNumber"), the schema's message, and the stable code with its
 * params. The request's own input tells a missing field ('required') from a mistyped one.
 */
export function validationIssues(
  context: string | undefined,
  validation: readonly FastifySchemaValidationError[],
  request: RequestInput,
): Issue[] {
  const input = inputOf(request, context);
  return validation.map((entry) => {
    const segments = entry.instancePath.split('/').filter(Boolean);
    const { code, message, params } = describeIssue(
      { ...entry.params, code: entry.keyword, message: entry.message },
      valueAt(input, segments),
    );
    return { path: [context, ...segments].filter(Boolean).join('/'), message, code, ...(params ? { params } : {}) };
  });
}
