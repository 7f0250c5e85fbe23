import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../helpers/build.js';
import { authHeader } from '../../helpers/requests.js';

describe('GET /api/me', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(async () => {
    await app.close();
  });

  it('describes the signed-in officer with roles and agency', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/me', headers: await authHeader(app, 'admin') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      username: 'admin',
      fullName: expect.any(String),
      roles: ['admin'],
      agency: { code: '000.00.00.H41', name: 'UBND tỉnh Quảng Nam' },
    });
  });

  it('answers 401 without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
  });
});
