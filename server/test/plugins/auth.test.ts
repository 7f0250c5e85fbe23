import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRoles } from '../../src/plugins/auth.js';
import { ensureAccount } from '../helpers/accounts.js';
import { build } from '../helpers/build.js';
import { authHeader, DISTRICT_CODE } from '../helpers/requests.js';

/** The auth hook decides on the route a request matched, and ends a deactivated account's access. */
let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});

/** Public routes: everything else in the OpenAPI document needs a token. */
const PUBLIC = new Set([
  'post /api/auth/login',
  'get /api/public/dossiers/{code}',
  'get /api/public/procedures',
  'get /api/public/procedures/{code}',
  'get /api/public/procedures/{code}/form-templates/{id}',
]);
const EXAMPLE_PARAMS: Record<string, string> = {
  code: `${DISTRICT_CODE}-200101-0001`,
  id: 'a-task-id',
  key: 'house-construction-permit',
};

describe('the auth hook', () => {
  it('answers 401 to a percent-encoded spelling of a protected route', async () => {
    // given URLs the router matches to /api/me and /api/dossiers, spelled so they do not start with "/api"
    for (const url of ['/%61pi/me', '/%61pi/dossiers', '/%61%70%69/dossiers?status=received', '/api/%6De']) {
      // when they are requested without a token
      const response = await app.inject({ method: 'GET', url });
      // then the token is required as on the plain spelling
      expect({ url, statusCode: response.statusCode }).toEqual({ url, statusCode: 401 });
    }
  });

  it('answers 401 without a token on every route of the OpenAPI document but the public ones', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const protectedRoutes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => !PUBLIC.has(`${method} ${path}`))
        .map((method) => ({ method, path })),
    );
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(11);
    for (const { method, path } of protectedRoutes) {
      const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => EXAMPLE_PARAMS[name] ?? name);
      const response = await app.inject({ method: method.toUpperCase() as 'GET' | 'POST', url, payload: {} });
      expect({ route: `${method} ${path}`, statusCode: response.statusCode }).toEqual({
        route: `${method} ${path}`,
        statusCode: 401,
      });
    }
  });

  it('lets anyone call the public routes', async () => {
    const lookup = await app.inject({ method: 'GET', url: `/api/public/dossiers/${DISTRICT_CODE}-200101-0001` });
    expect(lookup.statusCode).toBe(404);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'receptionist', password: 'demo' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('answers 401 to the token of an account deactivated after it signed in', async () => {
    // given an officer who signed in
    await ensureAccount(app.db, {
      username: 'leaving-officer',
      fullName: 'Trần Thị Hoa',
      roles: ['specialist'],
      agencyCode: DISTRICT_CODE,
    });
    const headers = await authHeader(app, 'leaving-officer');
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
    // when the account is deactivated while the token is still valid
    await app.db.account.update({ where: { username: 'leaving-officer' }, data: { active: false } });
    // then the token opens nothing any more
    for (const url of ['/api/me', '/api/dossiers', '/api/tasks']) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(response.statusCode).toBe(401);
      expect(response.json().message).toBe('this account is no longer active');
    }
  });
});

describe('requireRoles', () => {
  it('answers 401, not a crash, on a route no token was verified for', async () => {
    // given a route guarded by a role but outside the reach of the auth hook
    const bare = Fastify();
    bare.get('/guarded', { preHandler: requireRoles('admin') }, async () => 'secret');
    try {
      // when it is called anonymously
      const response = await bare.inject({ method: 'GET', url: '/guarded' });
      // then the caller is told to sign in
      expect(response.statusCode).toBe(401);
      expect(response.json().message).toBe('sign in to use this route');
    } finally {
      await bare.close();
    }
  });
});
