import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, hashPassword } from '@motcua/db';
import { ensureAccount } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';

function login(app: FastifyInstance, username: string, password: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username, password } });
}

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

  it('writes an audit row per login with the address, never the password, naming only accounts that exist', async () => {
    // given an officer whose password is not the demo one
    const password = 'Hoa-sen-nở-2026!';
    await ensureAccount(app.db, {
      username: 'audit-officer',
      fullName: 'Đỗ Thị Lan',
      roles: ['specialist'],
      agencyCode: '000.00.17.H41',
    });
    await app.db.account.update({
      where: { username: 'audit-officer' },
      data: { passwordHash: await hashPassword(password) },
    });
    const before = new Date();
    // when they sign in, mistype it, and then type it into the username field
    const typed = [
      { username: 'audit-officer', password },
      { username: 'audit-officer', password: `${password}x` },
      { username: password, password: 'audit-officer' },
    ];
    const statuses = [];
    for (const attempt of typed) statuses.push((await login(app, attempt.username, attempt.password)).statusCode);
    expect(statuses).toEqual([200, 401, 401]);
    // then each attempt has its row with the address only, and no row holds a password typed
    const rows = await app.db.auditLog.findMany({
      where: { entity: 'account', action: { startsWith: 'login.' }, occurredAt: { gte: before } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((row) => [row.action, row.actor, row.entityId, row.data])).toEqual([
      ['login.succeeded', 'audit-officer', 'audit-officer', { ip: '127.0.0.1' }],
      ['login.failed', 'anonymous', 'audit-officer', { ip: '127.0.0.1' }],
      ['login.failed', 'anonymous', null, { ip: '127.0.0.1' }],
    ]);
    expect(
      JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
    ).not.toContain('Hoa-sen');
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

describe('login rate limit per address and username', () => {
  it('refuses the login beyond RATE_LIMIT_LOGIN_PER_MINUTE for one username from one address with 429', async () => {
    const app = await build({ RATE_LIMIT_LOGIN_PER_MINUTE: '4' });
    try {
      const before = new Date();
      // when one username is tried one time more than the limit from one address
      const responses = [];
      for (let attempt = 0; attempt <= 4; attempt += 1) responses.push(await login(app, 'nobody', 'x'));
      // then the attempt beyond the limit is refused, telling when to come back
      expect(responses.map((response) => response.statusCode)).toEqual([401, 401, 401, 401, 429]);
      expect(responses[4]!.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      expect(Number(responses[4]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // and before the password is checked: only the four checked attempts are audited
      expect(await app.db.auditLog.count({ where: { action: 'login.failed', occurredAt: { gte: before } } })).toBe(4);
    } finally {
      await app.close();
    }
  });

  it('still lets the other officers of the same office (same address) log in', async () => {
    const app = await build();
    try {
      for (let attempt = 0; attempt <= app.config.RATE_LIMIT_LOGIN_PER_MINUTE; attempt += 1) {
        await login(app, 'nobody', 'x');
      }
      expect((await login(app, 'receptionist', 'demo')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('failed logins per address, whatever the usernames', () => {
  const limit = 5;
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build({ RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE: String(limit) });
  });
  afterAll(async () => {
    await app.close();
  });

  it('does not count successful logins: every officer of an office signs in from one address', async () => {
    // given more demo officers than the failures allowed, all behind one address
    expect(DEMO_ACCOUNTS.length).toBeGreaterThan(limit);
    // when each signs in
    const statuses = [];
    for (const account of DEMO_ACCOUNTS) statuses.push((await login(app, account.username, 'demo')).statusCode);
    // then none is refused
    expect(statuses).toEqual(DEMO_ACCOUNTS.map(() => 200));
  });

  it('throttles one password tried across many usernames with 429 and Retry-After, writing no audit row', async () => {
    const before = new Date();
    // when one password is tried from one address against one username after another, once more than allowed
    const responses = [];
    for (let index = 0; index <= limit; index += 1) responses.push(await login(app, `guess-${index}`, 'demo'));
    // then the failures up to the limit get 401, the next one 429 with the time to wait
    expect(responses.map((response) => response.statusCode)).toEqual([...Array<number>(limit).fill(401), 429]);
    const throttled = responses[limit]!;
    expect(throttled.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(60);
    // and only the attempts that were checked are in the audit log
    const failed = await app.db.auditLog.count({ where: { action: 'login.failed', occurredAt: { gte: before } } });
    expect(failed).toBe(limit);
    // and a right password from that address now waits too, as nothing tells a guess from an officer
    expect((await login(app, 'leader', 'demo')).statusCode).toBe(429);
  });

  it('lets a parallel burst through no further than the limit', async () => {
    // given a fresh server, so the address has all its failures left
    const fresh = await build({ RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE: String(limit) });
    try {
      // when three times the limit of wrong logins arrive at once, each for another username
      const responses = await Promise.all(
        Array.from({ length: 3 * limit }, (_, index) => login(fresh, `burst-${index}`, 'wrong')),
      );
      // then exactly the limit is checked; the rest are refused before any password is hashed
      const statuses = responses.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 401)).toHaveLength(limit);
      expect(statuses.filter((status) => status === 429)).toHaveLength(2 * limit);
    } finally {
      await fresh.close();
    }
  });
});

describe('login rate limit behind a reverse proxy', () => {
  /** As many failed logins from `client` as the proxy forwards them as allowed, then one more from each address. */
  async function loginsBeyondTheLimit(app: Awaited<ReturnType<typeof build>>) {
    const from = (client: string) => login(app, 'nobody', 'x', { 'x-forwarded-for': client });
    for (let attempt = 0; attempt < app.config.RATE_LIMIT_LOGIN_PER_MINUTE; attempt += 1) await from('203.0.113.7');
    return {
      sameClient: (await from('203.0.113.7')).statusCode,
      otherClient: (await from('203.0.113.8')).statusCode,
    };
  }

  it('counts per forwarded client when the proxy is trusted (TRUST_PROXY)', async () => {
    // given a server that trusts the proxy on 127.0.0.1, the address inject() connects from
    const app = await build({ TRUST_PROXY: '127.0.0.1' });
    try {
      // then the limit is per client behind the proxy
      expect(await loginsBeyondTheLimit(app)).toEqual({ sameClient: 429, otherClient: 401 });
    } finally {
      await app.close();
    }
  });

  it('ignores X-Forwarded-For by default, so a client cannot pick its own address', async () => {
    const app = await build();
    try {
      expect(await loginsBeyondTheLimit(app)).toEqual({ sameClient: 429, otherClient: 429 });
    } finally {
      await app.close();
    }
  });
});
