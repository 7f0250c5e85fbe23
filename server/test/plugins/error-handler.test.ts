import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '@motcua/common';
import {
  BadGatewayError,
  ConflictError,
  ForbiddenError,
  InvalidFieldError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
  type DomainError,
  type DomainErrorKind,
} from '@motcua/domain';
import adminUi from '../../src/plugins/admin-ui.js';
import errorHandler from '../../src/plugins/error-handler.js';
import { MISSING_UI_DIST } from '../helpers/build.js';

/**
 * The one error handler turns each kind of domain error the services raise into its HTTP answer: the
 * status of the kind, the error's message, and its issues with their stable codes, in the ErrorBody
 * every client reads.
 */
const CASES: Record<DomainErrorKind, { error: DomainError; status: number }> = {
  invalid: {
    error: new InvalidFieldError('body/newDueAt', 'must be on a working day', 'outside_working_time', { min: 1 }),
    status: 400,
  },
  unauthenticated: { error: new UnauthenticatedError('invalid username or password'), status: 401 },
  not_found: { error: new NotFoundError('dossier X does not exist'), status: 404 },
  forbidden: {
    error: new ForbiddenError('you drafted apology A', { path: 'params/id', code: 'own_apology' }),
    status: 403,
  },
  conflict: {
    error: new ConflictError('dossier X is returned', {
      path: 'params/code',
      code: 'final_status',
      params: { status: 'returned' },
    }),
    status: 409,
  },
  rate_limited: {
    error: new RateLimitedError('too many failed logins from this address: retry in 42 s', 42),
    status: 429,
  },
  unavailable: { error: new UnavailableError('engine unavailable: the dossier was not received'), status: 503 },
  bad_gateway: { error: new BadGatewayError('the process engine could not start the process'), status: 502 },
};

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify({ logger: false });
  await app.register(adminUi, { dist: MISSING_UI_DIST });
  await app.register(errorHandler);
  for (const [kind, { error }] of Object.entries(CASES)) {
    app.get(`/api/${kind}`, async () => {
      throw error;
    });
  }
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('answering a domain error', () => {
  for (const [kind, { error, status }] of Object.entries(CASES)) {
    it(`answers a ${kind} error with ${status}, its message and its issues`, async () => {
      const response = await app.inject({ method: 'GET', url: `/api/${kind}` });
      expect(response.statusCode).toBe(status);
      const body = ErrorBodySchema.parse(response.json());
      expect(body).toEqual({
        statusCode: status,
        error: expect.any(String),
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      });
    });
  }

  it('tells a rate-limited caller when to try again, in Retry-After', async () => {
    // given a service refusing the caller for 42 s, when the request is answered
    const response = await app.inject({ method: 'GET', url: '/api/rate_limited' });
    // then the header says the seconds the error carries
    expect(response.headers['retry-after']).toBe('42');
  });

  it('names the field of bad input in the message, as the validation errors do', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/invalid' });
    expect(response.json()).toMatchObject({
      message: 'body/newDueAt must be on a working day',
      issues: [{ path: 'body/newDueAt', message: 'must be on a working day', code: 'outside_working_time' }],
    });
  });
});
