import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * What the logs may show of a request. Officers search dossiers by an applicant's name or identity
 * number (`?q=049190001234`) and citizens type into the public lookup whatever they have at hand, so
 * a URL can carry personal data, and logs are copied, kept and read more widely than the database.
 * Request bodies are never logged: Fastify does not, and nothing here adds them.
 */
export const REDACTED = '[redacted]';

/**
 * Every query parameter of the API and whether its value may be logged: only values that can hold no
 * personal data (statuses, paging, sorting, dates, agency, procedure and dossier codes) are. A
 * parameter missing here is logged as REDACTED, name and value, since even its name is typed data; a
 * test checks that every parameter in the OpenAPI document is listed.
 */
export const QUERY_PARAMETERS: Readonly<Record<string, 'logged' | 'redacted'>> = {
  /** Free text: part of a code, an applicant's name, an identity number. */
  q: 'redacted',
  status: 'logged',
  /** The reconciliation's findings: open or resolved. */
  state: 'logged',
  timeliness: 'logged',
  assignment: 'logged',
  page: 'logged',
  perPage: 'logged',
  sort: 'logged',
  order: 'logged',
  includeInactive: 'logged',
  agency: 'logged',
  agencyCode: 'logged',
  procedureCode: 'logged',
  dossierCode: 'logged',
  from: 'logged',
  to: 'logged',
  /** The statistics: how the figures are grouped (agency, field, procedure, officer, period) and by which period. */
  groupBy: 'logged',
  interval: 'logged',
  /** The statistics' drill-down: which figure's dossiers. */
  figure: 'logged',
  /** A process key (the designer). */
  key: 'logged',
  /** The accounts list: active or deactivated. */
  active: 'logged',
  /** The leader's dashboard: the page of each list and how many periods its trend shows. */
  overduePage: 'logged',
  nearlyDuePage: 'logged',
  periods: 'logged',
};

/**
 * Nine or more digits in a row: an identity number (9 or 12 digits) or a phone number (10 or 11),
 * typed where a dossier code was expected. Dossier and agency codes never have that many in a row.
 */
const LONG_NUMBER = /\d{9,}/g;

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll('+', ' '));
  } catch {
    return name;
  }
}

function redactPair(pair: string): string {
  const separator = pair.indexOf('=');
  const name = separator === -1 ? pair : pair.slice(0, separator);
  const decoded = decodedName(name);
  const verdict = Object.hasOwn(QUERY_PARAMETERS, decoded) ? QUERY_PARAMETERS[decoded] : undefined;
  if (verdict === 'logged') return pair;
  if (verdict === 'redacted') return `${name}=${REDACTED}`;
  return REDACTED;
}

/** A request URL as the logs may show it: query values redacted unless listed as harmless, long numbers removed. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? undefined : url.slice(queryStart + 1);
  const redacted = query === undefined ? path : `${path}?${query.split('&').map(redactPair).join('&')}`;
  return redacted.replace(LONG_NUMBER, REDACTED);
}

/**
 * The request in Fastify's "incoming request" log line: Fastify's own fields with the URL redacted
 * (and without the route version header, which the API does not use).
 */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  };
}

/**
 * One log line per request, written when it is answered: the redacted request, the status and the
 * time taken (with the error, when the reply failed). Fastify's default controller writes two, one
 * as the request comes in and one as it completes, which cost a fifth of a point read's CPU in the
 * province benchmark. The errors the error handler sees are logged there, with the request.
 */
export class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      req: request,
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
