import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { EngineError } from '@motcua/common/engine';
import { DomainError, RateLimitedError, UnavailableError, type DomainErrorKind } from '@motcua/domain';
import { redactUrl } from '../logging.js';
import { validationIssues, type ErrorBody } from '../schemas/common.js';

/**
 * The one place errors become HTTP answers, all shaped as ErrorSchema:
 * - request validation errors → 400 naming each field ("body/applicant/idNumber must be ..."), each
 *   issue with its stable code;
 * - domain errors (@motcua/domain, raised by the services, the auth hook and the route guards) → the
 *   status of their kind, their message and their issues with the stable codes; a rate-limited one,
 *   and an unavailable one that says when to come back, with its Retry-After;
 * - other expected errors (4xx of jwt, rate-limit, and of the services still throwing HTTP errors) →
 *   their status and message;
 * - the engine: 404 → 404, unreachable → 503, anything else → 502, with a generic message;
 * - everything else → 500 with a generic message; the details go to the log only.
 * Unknown /api routes get a 404 body; other unknown GET paths are the admin UI's client-side routes.
 */

/** Whether a request is for the API, with its path decoded as the router decodes it (`/%61pi/x` is `/api/x`). */
function isApiRequest(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: the path is judged as it was written
  }
  return /^\/api(\/|$)/.test(decoded);
}

/** The HTTP status of each kind of domain error. */
const DOMAIN_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  bad_gateway: 502,
  unavailable: 503,
};

function body(statusCode: number, message: string, issues?: ErrorBody['issues']): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(issues ? { issues } : {}) };
}

export default fp(
  async function errorHandler(fastify) {
    fastify.setErrorHandler(
      (
        error: FastifyError & { expose?: boolean; issues?: ErrorBody['issues']; headers?: Record<string, string> },
        request,
        reply,
      ) => {
        if (hasZodFastifySchemaValidationErrors(error)) {
          const issues = validationIssues(error.validationContext, error.validation, request);
          return reply
            .code(400)
            .send(body(400, issues.map((issue) => `${issue.path} ${issue.message}`).join('; '), issues));
        }

        if (error instanceof DomainError) {
          const statusCode = DOMAIN_STATUS[error.kind];
          if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
          if (
            error instanceof RateLimitedError ||
            (error instanceof UnavailableError && error.retryAfterSeconds !== undefined)
          ) {
            reply.header('retry-after', String(error.retryAfterSeconds));
          }
          return reply.code(statusCode).send(body(statusCode, error.message, error.issues));
        }

        if (error instanceof EngineError) {
          const statusCode = error.status === 404 ? 404 : error.status === 503 ? 503 : 502;
          request.log[statusCode === 404 ? 'info' : 'error']({ err: error }, 'engine call failed');
          const message =
            statusCode === 404
              ? 'not found in the process engine'
              : statusCode === 503
                ? 'engine unavailable'
                : 'the process engine failed';
          return reply.code(statusCode).send(body(statusCode, message));
        }

        const statusCode = error.statusCode ?? 500;
        if (statusCode < 500 || error.expose === true) {
          if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
          // e.g. Retry-After of a 429, as Fastify's own error handler would send them
          if (error.headers) reply.headers(error.headers);
          return reply.code(statusCode).send(body(statusCode, error.message, error.issues));
        }

        request.log.error(
          {
            err: error,
            // the URL says what the query was, without its personal data
            request: { method: request.method, url: redactUrl(request.url), params: request.params },
          },
          'unhandled error',
        );
        return reply.code(500).send(body(500, 'an unexpected error occurred; it has been logged'));
      },
    );

    fastify.setNotFoundHandler((request, reply) => {
      if ((request.method === 'GET' || request.method === 'HEAD') && !isApiRequest(request.url))
        return reply.sendAdminUi();
      return reply.code(404).send(body(404, `no route ${request.method} ${request.url.split('?')[0]}`));
    });
  },
  { name: 'motcua-error-handler', dependencies: ['motcua-admin-ui'] },
);
