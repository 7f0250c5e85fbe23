import { z } from 'zod';
import { DIAGRAM_ISSUE_CODES } from './diagram-rules.js';

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
  /** Not an agency code of Decision 20/2020/QĐ-TTg (either form: H35.15.12 or legacy 000.00.17.H41). */
  'invalid_agency_code',
  /** Not a national procedure code such as 1.009994. */
  'invalid_procedure_code',
  /** Not a calendar date written YYYY-MM-DD. */
  'invalid_date',
  /** No agency has this code, or it is outside the caller's agency subtree. */
  'unknown_agency',
  /** No process with this key is deployed in the engine. */
  'process_not_deployed',
  /** The process runs the procedures of an agency outside the caller's subtree: they may not name it. */
  'process_not_owned',
  /** A required document that asks for neither an original nor a copy. */
  'document_count_required',
  /** A procedure version that would apply before the version it follows. */
  'effective_before_previous',
  /** An uploaded file whose content is not of its declared media type. */
  'file_type_mismatch',
  /** A calendar row whose kind does not fit its date (a worked day that is no weekend day, a day off on a weekend). */
  'calendar_kind_mismatch',
  /** Not an e-mail address. */
  'invalid_email',
  /** A dossier received as complete lacks mandatory documents; params.missing lists them, "; "-separated. */
  'missing_documents',
  /** An instant that must lie in the past lies in the future. */
  'date_in_future',
  /** A back-entered receipt time before the procedure's first version applied; params.min is that time. */
  'before_first_version',
  /** A transfer to the agency that already handles the dossier. */
  'same_agency',
  /** A status change to the status the dossier already has. */
  'same_status',
  /** The dossier has a final status (returned, refused, withdrawn); params.status names it. */
  'final_status',
  /** The dossier's status does not allow the action; params.status names it. */
  'wrong_status',
  /** A new appointment that is not later than the current one. */
  'due_not_later',
  /** An instant that must fall on a working day inside office hours (Vietnam time) does not. */
  'outside_working_time',
  /** The dossier has had as many approved apologies as allowed (APOLOGY_LIMIT); params none. */
  'apology_limit_reached',
  /** An apology of the dossier already waits for the leader's decision. */
  'apology_pending',
  /** The apology was already approved or rejected. */
  'apology_decided',
  /** The leader deciding on an apology drafted it: another leader of the agency decides (four eyes). */
  'own_apology',
  /** Not a username: 3 to 64 lower-case letters, digits, dots, hyphens or underscores. */
  'invalid_username',
  /** A username another account already has (usernames are never reused while the account exists). */
  'username_taken',
  /** A password the policy refuses as common or breached (common/src/password/policy.ts). */
  'password_too_common',
  /** A password that contains the account's username. */
  'password_contains_username',
  /** A new password equal to the current one. */
  'password_unchanged',
  /** The current password given with a change is wrong. */
  'wrong_password',
  /** The account must change its temporary password before doing anything else. */
  'password_change_required',
  /** An admin may not deactivate their own account or take their own admin role. */
  'own_account',
  /** An agency change that would make it its own ancestor or successor. */
  'agency_cycle',
  /** An agency code that some agency has, or once had: codes are never reissued. */
  'agency_code_taken',
  /** A BPMN diagram breaks one of the rules of ./diagram-rules.ts; params.element names the element. */
  ...DIAGRAM_ISSUE_CODES,
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
  agency_code: 'invalid_agency_code',
  procedure_code: 'invalid_procedure_code',
  local_date: 'invalid_date',
  email: 'invalid_email',
  username: 'invalid_username',
  base64: 'invalid',
} as const satisfies Record<string, IssueCode>;
export type StringFormat = keyof typeof FORMAT_CODES;

/**
 * A check that a string has one of the contract's formats, for `z.string().check(...)`. Its issue
 * says `message` and names the format, which describeIssue turns into the format's code; the
 * OpenAPI document shows the format and the pattern. A failure ends the string's checks: what
 * follows a format check (a calendar lookup, say) is written for well-formed values only.
 */
export function stringFormat(format: StringFormat, pattern: RegExp | ((value: string) => boolean), message: string) {
  return z.stringFormat(format, pattern, { error: message, abort: true });
}

/** Whether a text holds a C0 control character other than tab and line breaks, or DEL. */
function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** Half of a UTF-16 surrogate pair without its other half: no character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Free text of the contract (a name, an address, a reason): trimmed, at most `maxLength`
 * characters, checked first and ending the checks, and without control characters: PostgreSQL text
 * cannot hold NUL (the fuzz found logins and catalogue edits answering 500 on one), and none of them
 * belongs in what the forms print. Nor half a surrogate pair, which is no character: PostgreSQL
 * refuses it inside JSON (the fuzz found an account's audit row answering 500 on one). Add `.min(…)`
 * after it.
 */
export function text(maxLength: number) {
  return z
    .string()
    .trim()
    .max(maxLength, { abort: true })
    .refine((value) => !hasControlCharacter(value), {
      message: 'must not contain control characters such as NUL',
      abort: true,
    })
    .refine((value) => !LONE_SURROGATE.test(value), {
      message: 'must not contain half of a character (a lone UTF-16 surrogate)',
      abort: true,
    });
}

/**
 * A trimmed string of one of the contract's formats, at most `maxLength` characters. The length is
 * checked before the pattern and a longer text stops there, so no pattern ever runs on a long
 * input: zod runs a string's checks in order and, without `abort`, goes on after a failed `max`
 * (issue 7: a 100 KB e-mail address held the event loop for seconds).
 */
export function formattedString(
  format: StringFormat,
  maxLength: number,
  pattern: RegExp | ((value: string) => boolean),
  message: string,
) {
  return z
    .string()
    .trim()
    .max(maxLength, { abort: true })
    .check(stringFormat(format, pattern, message));
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
