import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyJwt from '@fastify/jwt';
import fp from 'fastify-plugin';
import auth, { PUBLIC_ROUTES } from '../../src/plugins/auth.js';
import { TOKEN_CHECK_CACHE_MS } from '../../src/services/account-service.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../helpers/accounts.js';
import { build, TEST_JWT_SECRET } from '../helpers/build.js';
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
/** The public routes as the OpenAPI document spells them (`get /api/public/dossiers/{code}`), from the plugin's allow-list. */
const PUBLIC = new Set(
  [...PUBLIC_ROUTES].flatMap(([url, methods]) =>
    methods.map((method) => `${method.toLowerCase()} ${url.replace(/:(\w+)/g, '{$1}')}`),
  ),
);
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
    // when the account is deactivated while the token is still valid, directly in the database
    await app.db.account.update({ where: { username: 'leaving-officer' }, data: { active: false } });
    // then, once the remembered check has expired, the token opens nothing any more
    await sleep(TOKEN_CHECK_CACHE_MS + 100);
    for (const url of ['/api/me', '/api/dossiers', '/api/tasks']) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(response.statusCode).toBe(401);
      expect(response.json().message).toBe('this sign-in is no longer valid: sign in again');
    }
  });

  it.each([
    ['a password change', { passwordHash: 'scrypt$changed' }],
    ['a change of roles', { roles: ['auditor' as const] }],
    ['a move to another agency', { agency: { connect: { code: '000.00.00.H41' } } }],
  ])('revokes the tokens issued before %s', async (_change, data) => {
    // given an officer with a valid token
    const username = `changing-officer-${Math.random().toString(36).slice(2, 8)}`;
    await ensureAccount(app.db, { username, fullName: 'Lê Văn Tư', roles: ['specialist'], agencyCode: DISTRICT_CODE });
    const headers = await authHeader(app, username);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
    // when what the token stands for changes
    await app.db.account.update({ where: { username }, data });
    app.accounts.forgetTokenState(username);
    // then the old token is refused at once
    const response = await app.inject({ method: 'GET', url: '/api/me', headers });
    expect(response.statusCode).toBe(401);
  });

  it('refuses a token whose header names another algorithm than HS256', async () => {
    const claims = { sub: 'admin', roles: ['admin' as const], agencyCode: DISTRICT_CODE, fullName: 'x', ver: 0 };
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, exp: Date.now() / 1000 + 600 })}.`;
    const hs512 = app.jwt.sign(claims, { algorithm: 'HS512' });
    for (const token of [unsigned, hs512]) {
      const response = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(401);
    }
  });
});

describe('role checks before the body', () => {
  it('answers 403, not 400, to a wrong role sending a bad or huge body', async () => {
    // given an auditor, who may not receive dossiers, deploy processes or edit the catalogue
    const headers = await authHeader(app, 'auditor');
    const huge = { applicant: { email: `${'a'.repeat(100_000)}@x` } };
    for (const [url, payload] of [
      ['/api/dossiers', huge],
      ['/api/dossiers', { nonsense: true }],
      ['/api/processes', { xml: 42 }],
      ['/api/procedures', 'not json at all'],
    ] as const) {
      // when they post it
      const started = performance.now();
      const response = await app.inject({ method: 'POST', url, headers, payload });
      // then the role decides, before the body is read
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('refuses to start with a route that declares no roles and is not public', async () => {
    const bare = Fastify();
    await bare.register(fastifyJwt, { secret: TEST_JWT_SECRET });
    await bare.register(fp(async () => {}, { name: 'motcua-services' }));
    const registering = bare.register(
      async (api) => {
        await api.register(auth);
        api.get('/forgotten', async () => 'secret');
      },
      { prefix: '/api' },
    );
    await expect(registering).rejects.toThrow('GET /api/forgotten must declare config.roles');
    await bare.close();
  });
});
