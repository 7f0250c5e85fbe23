import { HttpError } from 'react-admin';
import { describeApiError, retryAfterSeconds, type ErrorContext, type Translate } from './apiErrors.js';

/** Options of one API call. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** What the call is about, for the wording of its errors. */
  errorContext: ErrorContext;
  /** Public endpoints are called without the officer's token. */
  anonymous?: boolean;
}

export interface ApiClient {
  request<T>(path: string, options: RequestOptions): Promise<T>;
  /** A file answer (a PDF form, a form template): the same token and errors, the body as a Blob. */
  requestFile(path: string, options: RequestOptions): Promise<Blob>;
}

export interface ApiClientConfig {
  /** Prefix of every API path; the API is served on the UI's own origin. */
  baseUrl: string;
  getToken: () => string | null;
  translate: Translate;
  fetch?: typeof fetch;
  /** Waits before a read is asked again (tests pass one that does not really wait). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A read answered 503 with a short Retry-After is asked again by itself, at most this many times.
 * The server says 503 when its heavy reports are all taken (server/src/services/heavy-report-limit.ts):
 * the reports page asks for several at once, and under `npm start`'s single slot the later ones
 * would otherwise show "busy" while the first is still being computed. Only reads are repeated, since
 * a write refused by a busy engine must not be sent twice behind the officer's back.
 */
export const READ_RETRIES_WHEN_BUSY = 2;
/** A longer Retry-After is left to the officer: the page says when to try again instead of hanging. */
export const MAX_AUTOMATIC_WAIT_SECONDS = 15;

/** The seconds of a 503's Retry-After when the API client should wait them out itself, else null. */
export function automaticWaitSeconds(status: number, retryAfter: string | null): number | null {
  const seconds = status === 503 ? retryAfterSeconds(retryAfter) : null;
  return seconds !== null && seconds <= MAX_AUTOMATIC_WAIT_SECONDS ? seconds : null;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The one place that talks HTTP to our API: adds the bearer token, parses JSON and turns failures
 * into react-admin HttpErrors whose message is already in the user's language and whose body
 * carries per-field errors for forms.
 */
export function createApiClient(config: ApiClientConfig): ApiClient {
  const doFetch = config.fetch ?? ((input, init) => fetch(input, init));
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  async function send(path: string, options: RequestOptions, accept: string, retriesLeft: number): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const token = options.anonymous ? null : config.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(`${config.baseUrl}${path}`, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch {
      throw new HttpError(describeApiError(0, undefined, options.errorContext, config.translate).message, 0);
    }
    if (!response.ok) {
      const waitSeconds = automaticWaitSeconds(response.status, response.headers.get('retry-after'));
      if ((options.method ?? 'GET') === 'GET' && retriesLeft > 0 && waitSeconds !== null) {
        await response.body?.cancel();
        await sleep(waitSeconds * 1000);
        return send(path, options, accept, retriesLeft - 1);
      }
      const body = await readBody(response);
      const { message, fieldErrors } = describeApiError(
        response.status,
        body,
        options.errorContext,
        config.translate,
        response.headers.get('retry-after'),
      );
      const details = typeof body === 'object' && body !== null ? body : { message: body };
      const errors =
        Object.keys(fieldErrors).length > 0 ? { ...fieldErrors, root: { serverError: message } } : undefined;
      throw new HttpError(message, response.status, { ...details, errors });
    }
    return response;
  }

  return {
    async request<T>(path: string, options: RequestOptions): Promise<T> {
      return (await readBody(await send(path, options, 'application/json', READ_RETRIES_WHEN_BUSY))) as T;
    },

    async requestFile(path: string, options: RequestOptions): Promise<Blob> {
      return (
        await send(path, options, 'application/pdf, application/octet-stream, */*', READ_RETRIES_WHEN_BUSY)
      ).blob();
    },
  };
}
