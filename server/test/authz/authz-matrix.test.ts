import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordGenerativeCount } from '@motcua/common/testing';
import { PUBLIC_ROUTES } from '../../src/plugins/auth.js';
import { authHeader } from '../helpers/requests.js';
import { CALLERS, EXPECTATIONS, expectedStatus, type Caller } from './expectations.js';
import {
  concretePath,
  describeCaller,
  NOT_AN_OBJECT,
  OVERSIZED,
  PATH_PARAMETERS,
  parameterKeys,
  prepareFixture,
  QUERIES,
  usernameOf,
  type AuthzFixture,
} from './fixture.js';
import { buildRecordingRoles, documentedOperations, type Operation } from './routes.js';

/**
 * The authorization matrix: every operation of the OpenAPI document, called by every role from the
 * district's own agency, the province above it, the commune below it and another district, and by
 * nobody signed in; each call is its own test, named for the route, the request and the caller, and
 * expects the status expectations.ts derives. The operations are read from the document when this
 * file is collected, so a new route gets its cells, and fails until the table has a row for it.
 */
const { app, declaredRoles } = await buildRecordingRoles();
const operations = await documentedOperations(app);
let fixture: AuthzFixture;

beforeAll(async () => {
  fixture = await prepareFixture(app);
});
afterAll(async () => {
  await app.close();
});

/** One request the matrix sends on an operation, and what a caller who passes every check gets. */
interface MatrixRequest {
  label: string;
  /** A valid request meets the checks made after validation too; a bad one is refused by validation first. */
  valid: boolean;
  passes: number;
  query?: (fixture: AuthzFixture) => string;
  body?: unknown;
}

function missingQuery(operation: Operation): never {
  throw new Error(`${operation.key} reads a query: add a bad one to QUERIES in test/authz/fixture.ts`);
}

/**
 * What the matrix sends: on a read, a query that fails validation (when the route reads one) and a
 * valid request; on a write, a bad body only, so that nothing changes whoever gets through.
 */
function requestsFor(operation: Operation): MatrixRequest[] {
  const queries = QUERIES[operation.key];
  if (operation.method === 'GET') {
    const bad: MatrixRequest = {
      label: `bad query ${queries?.bad ?? ''}`,
      valid: false,
      passes: 400,
      query: () => queries?.bad ?? missingQuery(operation),
    };
    const valid: MatrixRequest = { label: 'valid request', valid: true, passes: 200, query: queries?.valid };
    return operation.query.length > 0 ? [bad, valid] : [valid];
  }
  if (operation.hasBody)
    return [{ label: 'body that is not an object', valid: false, passes: 400, body: NOT_AN_OBJECT }];
  return [{ label: 'oversized body', valid: false, passes: 413, body: OVERSIZED }];
}

async function send(operation: Operation, request: MatrixRequest, caller: Caller) {
  const query = request.query?.(fixture);
  return app.inject({
    method: operation.method as HTTPMethods,
    url: `${concretePath(operation.path, fixture)}${query ? `?${query}` : ''}`,
    headers: caller === 'anonymous' ? {} : await authHeader(app, usernameOf(caller)),
    ...(request.body === undefined ? {} : { payload: request.body as object }),
  });
}

describe('the authorization table', () => {
  it('has a row for every route of the OpenAPI document', () => {
    // given the operations the document lists, when each is looked up in the table, then none is missing
    const missing = operations
      .filter((operation) => !(operation.key in EXPECTATIONS))
      .map((operation) => operation.key);
    expect(missing, 'add these routes to EXPECTATIONS in test/authz/expectations.ts').toEqual([]);
  });

  it('has no row for a route the document no longer lists', () => {
    // given the operations the document lists
    const documented = new Set(operations.map((operation) => operation.key));
    // when the table's and the queries' routes are looked up among them
    const stale = [...Object.keys(EXPECTATIONS), ...Object.keys(QUERIES)].filter((key) => !documented.has(key));
    // then each is still there
    expect(stale, 'remove these rows from EXPECTATIONS or QUERIES, or rename them').toEqual([]);
  });

  it('admits on each route exactly the roles the route declares, or none on a public route', () => {
    // given the roles each route declares in its config (from ACCESS), and the public routes of the auth hook
    const disagreements = operations.flatMap(({ key, method, path }) => {
      const row = EXPECTATIONS[key];
      if (!row) return [];
      const declared = declaredRoles.get(key);
      const isPublic = PUBLIC_ROUTES.get(path.replace(/\{(\w+)\}/g, ':$1'))?.includes(method) ?? false;
      // then the table's role set is the declared one, and a public row is a public route
      const agrees =
        row.roles === 'public'
          ? isPublic && declared === undefined
          : !isPublic && [...row.roles].sort().join() === [...(declared ?? [])].sort().join();
      return agrees ? [] : [{ key, table: row.roles, declared: declared ?? (isPublic ? 'public' : 'none') }];
    });
    expect(disagreements).toEqual([]);
  });

  it('knows a value for every path parameter, and a query for every route that reads one', () => {
    // given the path parameters and query parameters of each operation, when each is looked up, then none is unknown
    const unknownParameters = operations.flatMap((operation) =>
      parameterKeys(operation.path)
        .filter((key) => !(key in PATH_PARAMETERS))
        .map((key) => `${operation.key}: add '${key}' to PATH_PARAMETERS`),
    );
    const missingQueries = operations
      .filter((operation) => operation.method === 'GET' && operation.query.length > 0)
      .filter((operation) => {
        const queries = QUERIES[operation.key];
        return !queries || (operation.query.some((parameter) => parameter.required) && !queries.valid);
      })
      .map((operation) => `${operation.key}: add its bad query (and a valid one if it requires one) to QUERIES`);
    expect([...unknownParameters, ...missingQueries]).toEqual([]);
  });
});

recordGenerativeCount(
  'authorization matrix',
  operations.reduce((cells, operation) => cells + requestsFor(operation).length * CALLERS.length, 0),
  `cells over ${operations.length} operations × ${CALLERS.length} callers`,
);

for (const operation of operations) {
  describe(operation.key, () => {
    const row = EXPECTATIONS[operation.key];
    if (!row) {
      it('is in the authorization table', () => {
        expect.fail(`add '${operation.key}' to EXPECTATIONS in test/authz/expectations.ts`);
      });
      return;
    }
    for (const request of requestsFor(operation)) {
      for (const caller of CALLERS) {
        const status = expectedStatus(row, caller, request);
        it(`${request.label}: ${describeCaller(caller)} → ${status}`, async () => {
          // given the district's resources, when the caller sends the request
          const response = await send(operation, request, caller);
          // then the answer is the table's
          const why = row.agency?.why ?? row.why ?? 'role-level only';
          expect(response.statusCode, `${why}; answered ${response.body.slice(0, 300)}`).toBe(status);
        });
      }
    }
  });
}
