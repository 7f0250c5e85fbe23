import { z } from 'zod';

/**
 * Shapes every route shares: the error body and the date-time strings.
 *
 * Importing this module also makes zod say "is required" for a missing field, so a 400 reads
 * "body/applicant/fullName is required" rather than "expected string, received undefined".
 */
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
});

/** One problem in a request, e.g. {path: 'body/applicant/idNumber', message: 'must be a 9-digit ...'}. */
export const IssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});

/** The body of every 4xx and 5xx answer. */
export const ErrorSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    issues: z.array(IssueSchema).optional(),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorSchema>;

/** An instant in ISO 8601 (UTC), e.g. 2026-11-27T01:30:00.000Z. */
export const DateTimeSchema = z.string().meta({ format: 'date-time', example: '2026-11-27T01:30:00.000Z' });

/** The 204 answer: no body. */
export const NoContentSchema = z.null().describe('No content');

/** Error responses by status code, to spread into a route's `response`. */
export function errorResponses<const Codes extends readonly number[]>(...codes: Codes) {
  return Object.fromEntries(codes.map((code) => [code, ErrorSchema])) as {
    [Code in Codes[number]]: typeof ErrorSchema;
  };
}
