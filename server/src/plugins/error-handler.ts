import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { EngineError } from '@motcua/common/engine';
import { validationIssues, type ErrorBody } from '../schemas/common.js';

/**
 * The one place errors become HTTP answers, all shaped as ErrorSchema:
 * - request validation errors → 400 naming each field ("body/applicant/idNumber must be ..."), each
 *   issue with its stable code;
 * - expected errors (4xx thrown by services, jwt, rate-limit) → their status and message;
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

function body(statusCode: number, message: string, issues?: ErrorBody['issues']): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(issues ? { issues } : {}) };
}

export default fp(
  async function errorHandler(fastify) {
    fastify.setErrorHandler(
      (error: FastifyError & { expose?: boolean; issues?: ErrorBody['issues'] }, request, reply) => {
        if (hasZodFastifySchemaValidationErrors(error)) {
          const issues = validationIssues(error.validationContext, error.validation, request);
          return reply
            .code(400)
            .send(body(400, issues.map((issue) => `${issue.path} ${issue.message}`).join('; '), issues));
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
          return reply.code(statusCode).send(body(statusCode, error.message, error.issues));
        }

        request.log.error(
          {
            err: error,
            request: { method: request.method, url: request.url, params: request.params, query: request.query },
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
