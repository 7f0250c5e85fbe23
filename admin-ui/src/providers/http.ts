import { HttpError } from 'react-admin';
import { describeApiError, type ErrorContext, type Translate } from './apiErrors.js';

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
  async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
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
      return (await readBody(await send(path, options, 'application/json'))) as T;
    },

    async requestFile(path: string, options: RequestOptions): Promise<Blob> {
      return (await send(path, options, 'application/pdf, application/octet-stream, */*')).blob();
    },
  };
}
