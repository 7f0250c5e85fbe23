/**
 * Turns an API error response into the sentence the officer or citizen reads, in their language.
 * The server names the offending field in 400 responses; we show that field's label as the form
 * shows it, and translate the validation messages we know (those of @motcua/common's schemas).
 */

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the failed request was about, which decides the wording of 404 and 409. */
export type ErrorSubject = 'dossier' | 'task' | 'process' | 'procedure' | 'public-dossier' | 'other';

export interface ErrorContext {
  subject: ErrorSubject;
  /** The react-admin resource whose field labels name the fields of a 400 response. */
  resource?: string;
}

export interface FieldIssue {
  /** Dotted path in the request body, e.g. "applicant.idNumber". */
  field: string;
  message: string;
}

export interface ApiErrorDescription {
  message: string;
  /** Per-field messages nested like the form values, as react-admin's server-side validation expects. */
  fieldErrors: Record<string, unknown>;
}

const REQUEST_PARTS = /^(?:body|querystring|params|headers)(?:[./]|$)/;

function normalisePath(path: unknown): string | null {
  const parts = Array.isArray(path) ? path.map(String) : typeof path === 'string' ? path.split(/[./]/) : [];
  const cleaned = parts.filter((part) => part !== '');
  if (cleaned.length > 0 && REQUEST_PARTS.test(`${cleaned[0]}.`)) cleaned.shift();
  return cleaned.length > 0 ? cleaned.join('.') : null;
}

function issueFrom(item: unknown): FieldIssue | null {
  if (typeof item !== 'object' || item === null) return null;
  const record = item as Record<string, unknown>;
  const message = typeof record.message === 'string' ? record.message : '';
  const params = record.params as Record<string, unknown> | undefined;
  const missing = typeof params?.missingProperty === 'string' ? params.missingProperty : null;
  const base = normalisePath(record.path ?? record.instancePath ?? record.field);
  const field = missing ? (base ? `${base}.${missing}` : missing) : base;
  return field ? { field, message } : null;
}

function flattenErrorObject(errors: Record<string, unknown>, prefix = ''): FieldIssue[] {
  return Object.entries(errors).flatMap(([key, value]) => {
    if (key === 'root') return [];
    const field = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') return [{ field, message: value }];
    if (typeof value === 'object' && value !== null) return flattenErrorObject(value as Record<string, unknown>, field);
    return [];
  });
}

/** The field issues an error body carries, whichever of the usual Fastify/zod shapes it uses. */
export function fieldIssuesOf(body: unknown): FieldIssue[] {
  if (typeof body !== 'object' || body === null) return [];
  const record = body as Record<string, unknown>;
  for (const key of ['issues', 'details', 'validation', 'errors']) {
    const list = record[key];
    if (Array.isArray(list)) {
      const issues = list.map(issueFrom).filter((issue): issue is FieldIssue => issue !== null);
      if (issues.length > 0) return issues;
    } else if (key === 'errors' && typeof list === 'object' && list !== null) {
      const issues = flattenErrorObject(list as Record<string, unknown>);
      if (issues.length > 0) return issues;
    }
  }
  const message = typeof record.message === 'string' ? record.message : '';
  if (typeof record.field === 'string') {
    const field = normalisePath(record.field);
    if (field) return [{ field, message }];
  }
  // Fastify's default validation message: "body/applicant/idNumber must match pattern ...".
  const prefixed = /^(?:body|querystring|params)((?:[./][\w-]+)*)\s+(.+)$/.exec(message);
  if (prefixed) {
    const required = /required property '([\w-]+)'/.exec(prefixed[2] ?? '');
    const base = normalisePath(prefixed[1]);
    const field = required ? (base ? `${base}.${required[1]}` : required[1]) : base;
    if (field) return [{ field, message: prefixed[2] ?? '' }];
  }
  return [];
}

const KNOWN_MESSAGES: { pattern: RegExp; key: string; args?: (match: RegExpExecArray) => Record<string, unknown> }[] = [
  { pattern: /9-digit or 12-digit identity number/i, key: 'motcua.validation.id_number' },
  { pattern: /vietnamese phone number/i, key: 'motcua.validation.phone' },
  { pattern: /not a dossier code/i, key: 'motcua.validation.dossier_code' },
  { pattern: /(?:at least|>=)\s*(\d+)\s*character/i, key: 'motcua.validation.min_chars', args: (m) => ({ min: m[1] }) },
  { pattern: /(?:at most|<=)\s*(\d+)\s*character/i, key: 'motcua.validation.max_chars', args: (m) => ({ max: m[1] }) },
  {
    pattern: /unknown procedure|is not a procedure|procedure.*(?:not found|does not exist)/i,
    key: 'motcua.validation.unknown_procedure',
  },
  { pattern: /received undefined|required|must not be empty/i, key: 'motcua.validation.required' },
];

function translateIssueMessage(message: string, translate: Translate): string {
  for (const { pattern, key, args } of KNOWN_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return translate(key, args?.(match));
  }
  return message;
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

function serverMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return typeof body === 'string' ? body : '';
}

const NOT_FOUND_KEYS: Record<ErrorSubject, string> = {
  dossier: 'motcua.errors.dossier_not_found',
  'public-dossier': 'motcua.public_lookup.not_found',
  task: 'motcua.errors.task_not_found',
  process: 'motcua.errors.process_not_found',
  procedure: 'motcua.errors.not_found',
  other: 'motcua.errors.not_found',
};

/**
 * Describes a failed API call. `status` 0 stands for "no response" (network failure).
 */
export function describeApiError(
  status: number,
  body: unknown,
  context: ErrorContext,
  translate: Translate,
): ApiErrorDescription {
  const fieldErrors: Record<string, unknown> = {};
  const simple = (key: string, options?: Record<string, unknown>): ApiErrorDescription => ({
    message: translate(key, options),
    fieldErrors,
  });

  if (status === 0) return simple('motcua.errors.network');
  if (status === 400) {
    if (context.subject === 'public-dossier') return simple('motcua.public_lookup.malformed');
    const issues = fieldIssuesOf(body);
    if (issues.length === 0) return simple('motcua.errors.bad_request', { message: serverMessage(body) });
    const sentences = issues.map(({ field, message }) => {
      const translated = translateIssueMessage(message, translate);
      setIn(fieldErrors, field, translated);
      const label = context.resource ? translate(`resources.${context.resource}.fields.${field}`, { _: field }) : field;
      return translate('motcua.errors.field_error', { field: label, message: translated });
    });
    return { message: sentences.join('; '), fieldErrors };
  }
  if (status === 401) return simple('motcua.errors.unauthorized');
  if (status === 403) return simple('motcua.errors.forbidden');
  if (status === 404) return simple(NOT_FOUND_KEYS[context.subject]);
  if (status === 409)
    return simple(context.subject === 'task' ? 'motcua.errors.task_conflict' : 'motcua.errors.conflict');
  if (status === 429) return simple('motcua.errors.too_many_requests');
  if (status >= 500) return simple('motcua.errors.server');
  const raw = serverMessage(body);
  return raw ? { message: raw, fieldErrors } : simple('ra.notification.http_error');
}
