import { httpErrors } from '@fastify/sensible';
import type { IssueCode } from '@motcua/common';

/**
 * Errors a service throws for an expected failure that the client must see as it is.
 * The one error handler in app.ts turns them into the ErrorSchema body.
 */

/**
 * A 400 naming one field of the request with the issue's stable code, e.g.
 * invalidField('body/procedureCode', 'is not ...', 'unknown_procedure').
 */
export function invalidField(path: string, message: string, code: IssueCode = 'invalid') {
  return httpErrors.createError(400, `${path} ${message}`, { issues: [{ path, message, code }] });
}

/** A 503 whose message is meant for the client (5xx messages are hidden otherwise). */
export function unavailable(message: string) {
  return httpErrors.createError(503, message, { expose: true });
}

/** A 502 whose message is meant for the client: the engine answered, but not as expected. */
export function badGateway(message: string) {
  return httpErrors.createError(502, message, { expose: true });
}
