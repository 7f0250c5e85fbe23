import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from './helpers/build.js';
import { authHeader } from './helpers/requests.js';
import { buildRecordingRoles } from './authz/routes.js';

const BUILT_UI = fileURLToPath(new URL('./fixtures/admin-ui-dist', import.meta.url));

describe('the app without a UI build', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 401 with the error body to an API request without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/dossiers' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
  });

  it('answers 401 to a token signed with another secret', async () => {
    const forged = app.jwt.sign(
      { sub: 'admin', roles: ['admin'], agencyCode: '000.00.00.H41', fullName: 'x', ver: 0 },
      { key: 'another-secret-another-secret-another-secret' },
    );
    const response = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it('answers 404 with the error body to an unknown API route', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: await authHeader(app, 'admin'),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'no route GET /api/nothing-here' });
  });

  it('says the UI is not built, with 503, at / and at client-side routes', async () => {
    for (const url of ['/', '/tasks/123']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.body).toContain('The admin UI is not built');
    }
  });

  it('publishes the OpenAPI document listing every route, with the error schema', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>();
    // every API route the app registers, and nothing else: a route added tomorrow is covered too
    const { app: recorded, declaredRoles } = await buildRecordingRoles();
    await recorded.close();
    const registered = [...declaredRoles.keys()]
      .filter((key) => !key.startsWith('HEAD '))
      .map((key) => key.slice(key.indexOf(' ') + 1))
      .filter((path) => path.startsWith('/api/') && !path.startsWith('/api/docs'));
    expect(registered.length).toBeGreaterThan(50);
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(registered)].sort());
    for (const [key] of declaredRoles) {
      const [method, path] = key.split(' ') as [string, string];
      if (method === 'HEAD' || !path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
      expect(document.paths[path], key).toHaveProperty(method.toLowerCase());
    }
    expect(Object.keys(document.paths['/api/dossiers'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(document.components.schemas).toHaveProperty('Error');
  });

  it('serves the documentation UI without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBeLessThan(400);
  });
});

describe('the app with a UI build', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build({ ADMIN_UI_DIST: BUILT_UI });
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const url of ['/', '/dossiers/000.00.17.H41-261127-0001/show']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<div id="root">');
    }
    const fallback = await app.inject({ method: 'GET', url: '/tasks' });
    expect(fallback.headers['cache-control']).toBe('no-cache');
  });

  it('serves the built files themselves', async () => {
    const response = await app.inject({ method: 'GET', url: '/app.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('testBuild');
  });

  it('allows the inline styles bpmn-js needs, and scripts only from the same origin', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('still answers unknown API routes with a JSON 404, not the UI', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: await authHeader(app, 'admin'),
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });
});
