import { z } from 'zod';

/**
 * The error body of every 4xx and 5xx answer, and the stable codes of its validation issues.
 *
 * An issue carries a human-readable English `message` naming what is wrong, for people reading logs
 * and API clients, and a stable `code` (with `params`) for programs: the UI translates by code, so
 * rewording a message never breaks it. The codes are defined here once.
 */

/** Every code an issue may carry. */
export const ISSUE_CODES = [
  /** A required field is missing. */
  'required',
  /** The field is present with the wrong JSON type; params.expected names the type. */
  'invalid_type',
  /** Text shorter than params.min characters. */
  'too_short',
  /** Text longer than params.max characters. */
  'too_long',
  /** A number below params.min. */
  'too_small',
  /** A number above params.max. */
  'too_big',
  /** Not one of the allowed values listed in params.options. */
  'invalid_option',
  'invalid_id_number',
  'invalid_phone',
  'invalid_dossier_code',
  'invalid_process_key',
  /** The procedure code is not a procedure the caller's agency receives. */
  'unknown_procedure',
  /** Completing a decision task needs an outcome. */
  'outcome_required',
  /** The BPMN document was refused; the message says why. */
  'invalid_bpmn',
  /** Anything the codes above do not describe; the message says what. */
  'invalid',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** What a code's sentence needs besides the field, e.g. {min: 2} for too_short. */
export const IssueParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type IssueParams = z.infer<typeof IssueParamsSchema>;

/** One problem in a request, e.g. {path: 'body/applicant/idNumber', message: 'must be ...', code: 'invalid_id_number'}. */
export const IssueSchema = z.object({
  /** The request part and the field, separated by slashes: body/applicant/phone, params/code. */
  path: z.string(),
  message: z.string(),
  /** Set on every issue the server raises; a client falls back to the message without it. */
  code: z.enum(ISSUE_CODES).optional(),
  params: IssueParamsSchema.optional(),
});
export type Issue = z.infer<typeof IssueSchema>;

/** The body of every 4xx and 5xx answer; `issues` lists the fields of a 400. */
export const ErrorBodySchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  issues: z.array(IssueSchema).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The string formats of the contract, each with the code its failure carries. */
const FORMAT_CODES = {
  id_number: 'invalid_id_number',
  phone: 'invalid_phone',
  dossier_code: 'invalid_dossier_code',
  process_key: 'invalid_process_key',
} as const satisfies Record<string, IssueCode>;
export type StringFormat = keyof typeof FORMAT_CODES;

/**
 * A check that a string has one of the contract's formats, for `z.string().check(...)`. Its issue
 * says `message` and names the format, which describeIssue turns into the format's code; the
 * OpenAPI document shows the format and the pattern.
 */
export function stringFormat(format: StringFormat, pattern: RegExp, message: string) {
  return z.stringFormat(format, pattern, { error: message });
}

/** The fields of a zod issue that decide its code (zod adds the ones its issue kind needs). */
export interface ZodIssueFields {
  code: string;
  message?: string;
  origin?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  values?: readonly unknown[];
}

/** An issue's stable code, its message and the params the code's sentence needs. */
export interface DescribedIssue {
  code: IssueCode;
  message: string;
  params?: IssueParams;
}

function isStringFormat(format: string | undefined): format is StringFormat {
  return format !== undefined && Object.hasOwn(FORMAT_CODES, format);
}

/**
 * The stable code of a zod issue raised by the contract's schemas. `value` is the input found at the
 * issue's path: nothing there means the field is missing, which zod reports as a type mismatch and
 * the contract as 'required'. Other issues keep the schema's message.
 */
export function describeIssue(issue: ZodIssueFields, value: unknown): DescribedIssue {
  const message = issue.message ?? 'is invalid';
  if (value === undefined) return { code: 'required', message: 'is required' };
  switch (issue.code) {
    case 'invalid_type':
      return { code: 'invalid_type', message, params: { expected: issue.expected ?? 'unknown' } };
    case 'too_small':
      return {
        code: issue.origin === 'string' ? 'too_short' : 'too_small',
        message,
        params: { min: Number(issue.minimum) },
      };
    case 'too_big':
      return {
        code: issue.origin === 'string' ? 'too_long' : 'too_big',
        message,
        params: { max: Number(issue.maximum) },
      };
    case 'invalid_value':
      return { code: 'invalid_option', message, params: { options: (issue.values ?? []).map(String).join(', ') } };
    case 'invalid_format':
      return isStringFormat(issue.format)
        ? { code: FORMAT_CODES[issue.format], message }
        : { code: 'invalid', message };
    default:
      return { code: 'invalid', message };
  }
}
