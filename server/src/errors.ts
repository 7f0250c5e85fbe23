import type { IssueCode } from '@motcua/common';
import { BadGatewayError, InvalidFieldError } from '@motcua/domain';

/**
 * The helpers the services not yet converted to @motcua/domain's errors still call. They build the
 * domain's errors, so the one error handler answers them as it answers every service; new code
 * throws `new InvalidFieldError(...)` and `new BadGatewayError(...)` itself.
 */

/**
 * Bad input naming one field of the request with the issue's stable code, e.g.
 * invalidField('body/procedureCode', 'is not ...', 'unknown_procedure').
 */
export function invalidField(path: string, message: string, code: IssueCode = 'invalid') {
  return new InvalidFieldError(path, message, code);
}

/** The engine answered, but not as expected; the message is meant for the client. */
export function badGateway(message: string) {
  return new BadGatewayError(message);
}
