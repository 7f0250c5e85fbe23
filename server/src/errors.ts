import { httpErrors } from '@fastify/sensible';

/**
 * Errors a service throws for an expected failure that the client must see as it is.
 * The one error handler in app.ts turns them into the ErrorSchema body.
 */

/** A 400 naming one field of the request, e.g. invalidField('body/procedureCode', 'is not ...'). */
export function invalidField(path: string, message: string) {
  return httpErrors.createError(400, `${path} ${message}`, { issues: [{ path, message }] });
}

/** A 503 whose message is meant for the client (5xx messages are hidden otherwise). */
export function unavailable(message: string) {
  return httpErrors.createError(503, message, { expose: true });
}
