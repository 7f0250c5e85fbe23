import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../helpers/build.js';

describe('POST /api/auth/login', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(async () => {
    await app.close();
  });

  it('signs in a demo officer and returns a token naming the user, roles, agency and full name', async () => {
    // when the specialist signs in with the demo password
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'specialist', password: 'demo' },
    });
    // then the token carries who they are and expires in 30 minutes
    expect(response.statusCode).toBe(200);
    const claims = app.jwt.decode<Record<string, unknown>>(response.json<{ token: string }>().token);
    expect(claims).toMatchObject({
      sub: 'specialist',
      roles: ['specialist'],
      agencyCode: '000.00.17.H41',
      fullName: expect.any(String),
    });
    expect(Number(claims?.exp) - Number(claims?.iat)).toBe(30 * 60);
  });

  it('answers 401 with the same message for a wrong password and an unknown user', async () => {
    const wrongPassword = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'leader', password: 'nope' },
    });
    const unknownUser = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'demo' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'invalid username or password',
    });
    expect(unknownUser.json()).toEqual(wrongPassword.json());
  });

  it('answers 401 for a deactivated account', async () => {
    // given an auditor account that was deactivated
    await app.db.account.update({ where: { username: 'auditor' }, data: { active: false } });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'auditor', password: 'demo' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().message).toBe('invalid username or password');
    } finally {
      await app.db.account.update({ where: { username: 'auditor' }, data: { active: true } });
    }
  });

  it('answers 400 naming the missing password', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'body/password is required',
      issues: [{ path: 'body/password', message: 'is required', code: 'required' }],
    });
  });

  it('writes successful and failed logins to the audit log', async () => {
    const before = new Date();
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'demo' } });
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'wrong' } });
    const rows = await app.db.auditLog.findMany({
      where: { entity: 'account', entityId: 'leader', occurredAt: { gte: before } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((row) => [row.action, row.actor])).toEqual([
      ['login.succeeded', 'leader'],
      ['login.failed', 'anonymous'],
    ]);
  });
});

describe('login rate limit', () => {
  it('refuses the 11th login from one address within a minute with 429', async () => {
    const app = await build();
    try {
      const attempts = [];
      for (let attempt = 0; attempt < 11; attempt += 1) {
        attempts.push(
          await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } }),
        );
      }
      expect(attempts.slice(0, 10).map((response) => response.statusCode)).toEqual(Array(10).fill(401));
      expect(attempts[10]?.statusCode).toBe(429);
      expect(attempts[10]?.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    } finally {
      await app.close();
    }
  });

  it('still lets the other officers of the same office (same address) log in', async () => {
    const app = await build();
    try {
      for (let attempt = 0; attempt < 11; attempt += 1) {
        await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
      }
      const colleague = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'receptionist', password: 'demo' },
      });
      expect(colleague.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('login rate limit behind a reverse proxy', () => {
  /** Ten failed logins from `client` as the proxy forwards them, then an eleventh from each address. */
  async function eleventhLogins(app: Awaited<ReturnType<typeof build>>) {
    const login = (client: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': client },
        payload: { username: 'nobody', password: 'x' },
      });
    for (let attempt = 0; attempt < 10; attempt += 1) await login('203.0.113.7');
    return {
      sameClient: (await login('203.0.113.7')).statusCode,
      otherClient: (await login('203.0.113.8')).statusCode,
    };
  }

  it('counts per forwarded client when the proxy is trusted (TRUST_PROXY)', async () => {
    // given a server that trusts the proxy on 127.0.0.1, the address inject() connects from
    const app = await build({ TRUST_PROXY: '127.0.0.1' });
    try {
      // then the limit is per client behind the proxy
      expect(await eleventhLogins(app)).toEqual({ sameClient: 429, otherClient: 401 });
    } finally {
      await app.close();
    }
  });

  it('ignores X-Forwarded-For by default, so a client cannot pick its own address', async () => {
    const app = await build();
    try {
      expect(await eleventhLogins(app)).toEqual({ sameClient: 429, otherClient: 429 });
    } finally {
      await app.close();
    }
  });
});
