import { ErrorBodySchema, type Issue, type IssueCode } from '@motcua/common';

/**
 * Turns an API error response into the sentence the officer or citizen reads, in their language.
 * Error bodies have the shape of @motcua/common's ErrorBodySchema. A 400 lists the offending fields
 * as issues: we name each field with its form label and translate the issue by its stable code
 * (motcua.validation.<code>); an issue without a code keeps the server's message.
 */

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the failed request was about, which decides the wording of 404 and 409. */
export type ErrorSubject =
  | 'dossier'
  | 'task'
  | 'process'
  | 'process-deployment'
  | 'procedure'
  | 'public-dossier'
  | 'apology'
  | 'form'
  | 'calendar'
  | 'other';

export interface ErrorContext {
  subject: ErrorSubject;
  /** The react-admin resource whose field labels name the fields of a 400 response. */
  resource?: string;
}

export interface ApiErrorDescription {
  message: string;
  /** Per-field messages nested like the form values, as react-admin's server-side validation expects. */
  fieldErrors: Record<string, unknown>;
}

/** The translation key of an issue code; the forms' own validators use the same sentences. */
export function issueMessageKey(code: IssueCode): string {
  return `motcua.validation.${code}`;
}

/** The form field an issue names: "body/applicant/idNumber" → "applicant.idNumber"; null for a whole request part. */
function fieldOf(issue: Issue): string | null {
  // the first segment is the request part: body, querystring or params
  const segments = issue.path.split('/').slice(1);
  return segments.length > 0 ? segments.join('.') : null;
}

function translateIssue(issue: Issue, translate: Translate): string {
  if (!issue.code) return issue.message;
  const params: Record<string, unknown> = { ...issue.params, message: issue.message };
  // a dossier status named in a conflict reads as the officer knows it ("Đang giải quyết")
  if (typeof params.status === 'string') {
    params.status = translate(`motcua.dossier_status.${params.status}`, { _: params.status });
  }
  return translate(issueMessageKey(issue.code), params);
}

/** Issue sentences are written to follow a field's name; alone, they start with a capital. */
function capitalise(sentence: string): string {
  return sentence.charAt(0).toLocaleUpperCase('vi') + sentence.slice(1);
}

function setIn(target: Record<string, unknown>, path: string, value: string): void {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1] as string] = value;
}

const NOT_FOUND_KEYS: Record<ErrorSubject, string> = {
  dossier: 'motcua.errors.dossier_not_found',
  'public-dossier': 'motcua.public_lookup.not_found',
  task: 'motcua.errors.task_not_found',
  process: 'motcua.errors.process_not_found',
  'process-deployment': 'motcua.errors.process_not_found',
  procedure: 'motcua.errors.procedure_not_found',
  apology: 'motcua.errors.apology_not_found',
  // a form that does not apply to the dossier (a receipt for a refused dossier, say)
  form: 'motcua.errors.form_not_applicable',
  calendar: 'motcua.errors.not_found',
  other: 'motcua.errors.not_found',
};

/** What a 409 without a coded issue means, by subject. */
const CONFLICT_KEYS: Partial<Record<ErrorSubject, string>> = {
  task: 'motcua.errors.task_conflict',
  // the appointment is still being computed: the receipt cannot be printed yet
  form: 'motcua.errors.form_pending',
};

/**
 * What a 403 without a coded issue means, by subject. The UI offers these actions only to the roles
 * that may try them, so a refusal there is about the caller's agency, which the sentence names.
 */
const FORBIDDEN_KEYS: Partial<Record<ErrorSubject, string>> = {
  // the process key is owned by an agency outside the admin's subtree
  'process-deployment': 'motcua.errors.process_forbidden',
  // the holiday calendar is the province's: only a root agency's admin changes it
  calendar: 'motcua.errors.calendar_forbidden',
};

/** The sentences of an error's coded issues (an apology already waiting, one's own apology…), or none. */
function codedSentences(error: { issues?: Issue[] } | undefined, translate: Translate): string[] {
  return (error?.issues ?? [])
    .filter((issue) => issue.code !== undefined)
    .map((issue) => capitalise(translateIssue(issue, translate)));
}

/**
 * The seconds a Retry-After header asks to wait, or null when it gives none: the server sends whole
 * seconds (server/src/services/heavy-report-limit.ts); the HTTP-date form is not read.
 */
export function retryAfterSeconds(retryAfter: string | null | undefined): number | null {
  const value = retryAfter?.trim() ?? '';
  return /^\d+$/.test(value) ? Number(value) : null;
}

/**
 * Describes a failed API call. `status` 0 stands for "no response" (network failure); a body that is
 * not an error body (a proxy's HTML page, say) is described by its status alone.
 */
export function describeApiError(
  status: number,
  body: unknown,
  context: ErrorContext,
  translate: Translate,
  /** The answer's Retry-After header: a 503 (the server busy with reports, the engine away) says when to try again. */
  retryAfter?: string | null,
): ApiErrorDescription {
  const fieldErrors: Record<string, unknown> = {};
  const simple = (key: string, options?: Record<string, unknown>): ApiErrorDescription => ({
    message: translate(key, options),
    fieldErrors,
  });
  const parsed = ErrorBodySchema.safeParse(body);
  const error = parsed.success ? parsed.data : undefined;

  if (status === 0) return simple('motcua.errors.network');
  if (status === 400) {
    if (context.subject === 'public-dossier') return simple('motcua.public_lookup.malformed');
    if (!error) return simple('ra.notification.http_error');
    const issues = error.issues ?? [];
    if (issues.length === 0) return simple('motcua.errors.bad_request', { message: error.message });
    const sentences = issues.map((issue) => {
      const translated = translateIssue(issue, translate);
      const field = fieldOf(issue);
      if (field) setIn(fieldErrors, field, translated);
      const label =
        field && context.resource
          ? translate(`resources.${context.resource}.fields.${field}`, { _: field })
          : (field ?? issue.path);
      return translate('motcua.errors.field_error', { field: label, message: translated });
    });
    return { message: sentences.join('; '), fieldErrors };
  }
  if (status === 401) return simple('motcua.errors.unauthorized');
  if (status === 403) {
    // a coded refusal (a leader deciding the apology they drafted…) says exactly what is wrong
    const coded = codedSentences(error, translate);
    if (coded.length > 0) return { message: coded.join('; '), fieldErrors };
    return simple(FORBIDDEN_KEYS[context.subject] ?? 'motcua.errors.forbidden');
  }
  if (status === 404) return simple(NOT_FOUND_KEYS[context.subject]);
  if (status === 409) {
    // a coded conflict (an apology already waiting, a final status…) says exactly what is wrong
    const coded = codedSentences(error, translate);
    if (coded.length > 0) return { message: coded.join('; '), fieldErrors };
    return simple(CONFLICT_KEYS[context.subject] ?? 'motcua.errors.conflict');
  }
  if (status === 429) return simple('motcua.errors.too_many_requests');
  if (status === 503) {
    const seconds = retryAfterSeconds(retryAfter);
    return seconds === null ? simple('motcua.errors.busy') : simple('motcua.errors.busy_retry', { seconds });
  }
  if (status >= 500) return simple('motcua.errors.server');
  return error ? { message: error.message, fieldErrors } : simple('ra.notification.http_error');
}
