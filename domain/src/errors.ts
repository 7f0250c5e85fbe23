import type { IssueCode, IssueParams } from '@motcua/common';

/**
 * What a rule refuses, said in the domain's terms. Services throw these; the server's one error
 * handler (server/src/plugins/error-handler.ts) maps each kind to its HTTP status and writes the
 * ErrorBody of common/src/api/errors.ts, with the issues below and their stable codes (the UI
 * translates by code).
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'bad_gateway';

/** One problem, named by the request field it is about (e.g. `body/newDueAt`, `params/code`). */
export interface DomainIssue {
  path: string;
  message: string;
  code: IssueCode;
  params?: IssueParams;
}

/** The base of every domain error: a kind, a message meant for the caller, and its issues if any. */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly issues?: DomainIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input with one problem or more, each naming its field with its stable code (a diagram's violations). */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid';

  constructor(message: string, issues: DomainIssue[]) {
    super(message, issues);
  }
}

/** Bad input: one field, with its stable code and the params its sentence needs. */
export class InvalidFieldError extends InvalidInputError {
  constructor(path: string, message: string, code: IssueCode = 'invalid', params?: IssueParams) {
    super(`${path} ${message}`, [{ path, message, code, ...(params ? { params } : {}) }]);
  }
}

/** The caller is not who they say (wrong credentials, a sign-in no longer valid): they must sign in again. */
export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

/** Nothing the caller may see has this name (an officer never learns what another agency holds). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

/** The caller may see the thing but not do this to it; `issue` carries a stable code when the UI explains it. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';

  constructor(message: string, issue?: Omit<DomainIssue, 'message'>) {
    super(message, issue ? [{ ...issue, message }] : undefined);
  }
}

/** The thing's current state does not allow this; `issue` carries the stable code (and params) the UI reads. */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';

  constructor(message: string, issue?: Omit<DomainIssue, 'message'>) {
    super(message, issue ? [{ ...issue, message }] : undefined);
  }
}

/** The caller has tried too often; they may try again after `retryAfterSeconds` (the Retry-After header). */
export class RateLimitedError extends DomainError {
  readonly kind = 'rate_limited';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * A collaborator (the engine) cannot be reached, or the server is too busy for this now; the message
 * is meant for the caller. With `retryAfterSeconds`, the caller may try again after that long (the
 * Retry-After header).
 */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable';

  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** A collaborator (the engine) answered, but not as expected; the message is meant for the caller. */
export class BadGatewayError extends DomainError {
  readonly kind = 'bad_gateway';
}
