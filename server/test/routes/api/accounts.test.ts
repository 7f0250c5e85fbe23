import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblem, ROLES, type Role } from '@motcua/common';
import { DEMO_AGENCIES } from '@motcua/db';
import { build } from '../../helpers/build.js';
import { ensureAccount, PROVINCE_CODE } from '../../helpers/accounts.js';
import { ensureAdminsByRelation, MANAGES_THE_DISTRICT, RELATIONS, type Relation } from '../../helpers/relations.js';
import { authHeader, DISTRICT_CODE } from '../../helpers/requests.js';

/**
 * /api/accounts: the admin unit manages the officers' accounts of its agency and those below it
 * (regulation Art. 9.1). Cases run over the four relations of the admin's agency to the district
 * that owns the account (own, parent, child, unrelated) and over every role; temporary passwords
 * restrict their sign-in to the password change; role, agency and active changes and resets revoke
 * tokens at once; every change is in the audit log.
 */
let adminOf: (relation: Relation) => string;
let run = 0;
/** A fresh username, so that test cases never share an account. */
function fresh(prefix: string): string {
  run += 1;
  return `acct.${prefix}.${process.pid}.${run}`;
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
  adminOf = await ensureAdminsByRelation(app, 'acct');
});
afterAll(async () => {
  await app.close();
});

async function createAccount(by: string, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/accounts', headers: await authHeader(app, by), payload: body });
}

/** A district officer created by the district's admin; returns the username and the temporary password. */
async function districtOfficer(roles: Role[] = ['specialist']) {
  const username = fresh('officer');
  const response = await createAccount(adminOf('own'), {
    username,
    fullName: 'Lê Thị Cán Bộ',
    roles,
    agencyCode: DISTRICT_CODE,
  });
  expect(response.statusCode, response.body).toBe(201);
  return { username, temporaryPassword: response.json<{ temporaryPassword: string }>().temporaryPassword };
}

async function login(username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

async function signIn(username: string, password: string): Promise<string> {
  const response = await login(username, password);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ token: string }>().token;
}

async function changePassword(token: string, currentPassword: string, newPassword: string) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/change-password',
    headers: { authorization: `Bearer ${token}` },
    payload: { currentPassword, newPassword },
  });
}

/** A district officer who has chosen their own password, signed in. */
async function activeOfficer(roles: Role[] = ['specialist']) {
  const { username, temporaryPassword } = await districtOfficer(roles);
  const password = 'mùa lũ về trên sông Thu Bồn';
  const changed = await changePassword(await signIn(username, temporaryPassword), temporaryPassword, password);
  expect(changed.statusCode, changed.body).toBe(200);
  return { username, password, token: changed.json<{ token: string }>().token };
}

async function auditActions(username: string): Promise<string[]> {
  const rows = await app.db.auditLog.findMany({
    // the sign-ins are audited on the account too; this test looks at what changed it
    where: { entity: 'account', entityId: username, NOT: { action: { startsWith: 'login.' } } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => `${row.actor} ${row.action}`);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('who manages a district account', () => {
  for (const relation of RELATIONS) {
    const manages = MANAGES_THE_DISTRICT.includes(relation);
    it(`${manages ? 'lets' : 'hides it from'} the admin of the ${relation} agency`, async () => {
      // given an account of the district
      const { username } = await districtOfficer();
      const headers = await authHeader(app, adminOf(relation));
      // when that admin reads it, changes it and resets its password
      const read = await app.inject({ method: 'GET', url: `/api/accounts/${username}`, headers });
      const change = await app.inject({
        method: 'PATCH',
        url: `/api/accounts/${username}`,
        headers,
        payload: { fullName: 'Lê Thị Đổi Tên' },
      });
      const reset = await app.inject({ method: 'POST', url: `/api/accounts/${username}/reset-password`, headers });
      // then the district's and the province's admins may, and for the others it does not exist
      const expected = manages ? [200, 200, 200] : [404, 404, 404];
      expect([read.statusCode, change.statusCode, reset.statusCode]).toEqual(expected);
      // and a hidden account is not listed either
      const list = await app.inject({ method: 'GET', url: `/api/accounts?q=${username}`, headers });
      expect(list.json<{ total: number }>().total).toBe(manages ? 1 : 0);
    });

    it(`lets the admin of the ${relation} agency create an account only in its own subtree`, async () => {
      // when the admin creates an account in the district
      const response = await createAccount(adminOf(relation), {
        username: fresh('created'),
        fullName: 'Nguyễn Văn Mới',
        roles: ['receptionist'],
        agencyCode: DISTRICT_CODE,
      });
      // then only the district's and the province's admins may; the district is unknown to the others
      if (manages) {
        expect(response.statusCode, response.body).toBe(201);
      } else {
        expect(response.statusCode).toBe(400);
        expect(response.json().issues).toEqual([expect.objectContaining({ path: 'body/agencyCode', code: 'unknown_agency' })]);
      }
    });
  }

  for (const role of ROLES.filter((role) => role !== 'admin')) {
    it(`refuses a ${role} of the district with 403, before the body is read`, async () => {
      const username = fresh(role);
      await ensureAccount(app.db, { username, fullName: 'Phạm Văn Thử', roles: [role], agencyCode: DISTRICT_CODE });
      const headers = await authHeader(app, username);
      const list = await app.inject({ method: 'GET', url: '/api/accounts', headers });
      const create = await app.inject({ method: 'POST', url: '/api/accounts', headers, payload: 'not json' });
      expect([list.statusCode, create.statusCode]).toEqual([403, 403]);
    });
  }
});

describe('a new officer', () => {
  it('gets a temporary password that passes the policy, is stored as a hash and is shown once', async () => {
    const { username, temporaryPassword } = await districtOfficer(['specialist', 'receptionist']);
    expect(passwordProblem(temporaryPassword)).toBeNull();
    const stored = await app.db.account.findUniqueOrThrow({ where: { username } });
    expect(stored.passwordHash).not.toContain(temporaryPassword);
    expect(stored).toMatchObject({ mustChangePassword: true, passwordChangedAt: null, roles: ['specialist', 'receptionist'] });
    // reading the account again never shows a password
    const read = await app.inject({
      method: 'GET',
      url: `/api/accounts/${username}`,
      headers: await authHeader(app, adminOf('own')),
    });
    expect(read.body).not.toContain(temporaryPassword);
    expect(read.json()).not.toHaveProperty('temporaryPassword');
    expect(await auditActions(username)).toEqual([`${adminOf('own')} account.create`]);
  });

  it('may do nothing but change the temporary password, then works with a new token', async () => {
    // given a new officer signed in with the temporary password
    const { username, temporaryPassword } = await districtOfficer();
    const temporary = await signIn(username, temporaryPassword);
    // then the token says so, and every route but the password change and /api/me refuses it
    const [, payload] = temporary.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ mustChangePassword: true });
    const work = await app.inject({ method: 'GET', url: '/api/dossiers', headers: bearer(temporary) });
    expect(work.statusCode).toBe(403);
    expect(work.json().issues).toEqual([expect.objectContaining({ code: 'password_change_required' })]);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: bearer(temporary) })).statusCode).toBe(200);

    // when the officer changes it: the policy and the current password are checked first
    const refusals = [
      { current: 'wrong password!', next: 'một mật khẩu mới dài', path: 'body/currentPassword', code: 'wrong_password' },
      { current: temporaryPassword, next: 'ngắn quá', path: 'body/newPassword', code: 'too_short' },
      { current: temporaryPassword, next: 'Password2026!', path: 'body/newPassword', code: 'password_too_common' },
      { current: temporaryPassword, next: `${username}-mới`, path: 'body/newPassword', code: 'password_contains_username' },
      { current: temporaryPassword, next: temporaryPassword, path: 'body/newPassword', code: 'password_unchanged' },
    ];
    for (const refusal of refusals) {
      const response = await changePassword(temporary, refusal.current, refusal.next);
      expect(response.statusCode, refusal.code).toBe(400);
      expect(response.json().issues).toEqual([expect.objectContaining({ path: refusal.path, code: refusal.code })]);
    }
    const changed = await changePassword(temporary, temporaryPassword, 'mùa lũ về trên sông Thu Bồn');
    expect(changed.statusCode, changed.body).toBe(200);

    // then the temporary token is revoked, the new one works, and the temporary password is gone
    const fresh = changed.json<{ token: string }>().token;
    expect((await app.inject({ method: 'GET', url: '/api/dossiers', headers: bearer(temporary) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/dossiers', headers: bearer(fresh) })).statusCode).toBe(200);
    expect((await login(username, temporaryPassword)).statusCode).toBe(401);
    const account = await app.db.account.findUniqueOrThrow({ where: { username } });
    expect(account.mustChangePassword).toBe(false);
    expect(account.passwordChangedAt).not.toBeNull();
    expect(await auditActions(username)).toEqual([
      `${adminOf('own')} account.create`,
      `${username} password.change_failed`,
      `${username} password.changed`,
    ]);
  });

  it('refuses a taken username with 409 and a malformed one with 400, naming the field', async () => {
    const { username } = await districtOfficer();
    const taken = await createAccount(adminOf('own'), {
      username,
      fullName: 'Người Trùng Tên',
      roles: ['leader'],
      agencyCode: DISTRICT_CODE,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().issues).toEqual([expect.objectContaining({ path: 'body/username', code: 'username_taken' })]);
    for (const bad of ['Admin', 'a', 'tên.có.dấu.ơ', 'x'.repeat(65), '.leading-dot']) {
      const response = await createAccount(adminOf('own'), {
        username: bad,
        fullName: 'Sai Tên',
        roles: ['leader'],
        agencyCode: DISTRICT_CODE,
      });
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().issues[0]).toMatchObject({ path: 'body/username' });
    }
    const noRole = await createAccount(adminOf('own'), {
      username: fresh('norole'),
      fullName: 'Không Vai Trò',
      roles: [],
      agencyCode: DISTRICT_CODE,
    });
    expect(noRole.json().issues).toEqual([expect.objectContaining({ path: 'body/roles', code: 'too_small' })]);
  });
});

describe('revocation', () => {
  it('ends the officer’s sign-in at once when the roles change, and the new roles apply at the next sign-in', async () => {
    const { username, password, token } = await activeOfficer(['specialist']);
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/accounts/${username}`,
      headers: await authHeader(app, adminOf('parent')),
      payload: { roles: ['leader', 'specialist'] },
    });
    expect(change.statusCode, change.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(401);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: bearer(await signIn(username, password)) });
    expect(me.json().roles).toEqual(['leader', 'specialist']);
  });

  it('ends the sign-in of a deactivated officer, refuses their login, and lets them back when reactivated', async () => {
    const { username, password, token } = await activeOfficer();
    const headers = await authHeader(app, adminOf('own'));
    const off = await app.inject({ method: 'PATCH', url: `/api/accounts/${username}`, headers, payload: { active: false } });
    expect(off.json()).toMatchObject({ active: false });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(401);
    expect((await login(username, password)).statusCode).toBe(401);
    const on = await app.inject({ method: 'PATCH', url: `/api/accounts/${username}`, headers, payload: { active: true } });
    expect(on.json()).toMatchObject({ active: true });
    expect((await login(username, password)).statusCode).toBe(200);
    expect(await auditActions(username)).toEqual([
      `${adminOf('own')} account.create`,
      `${username} password.changed`,
      `${adminOf('own')} account.deactivate`,
      `${adminOf('own')} account.reactivate`,
    ]);
  });

  it('ends the sign-in when the officer moves to another agency, within the admin’s subtree only', async () => {
    const { username, token } = await activeOfficer();
    const headers = await authHeader(app, adminOf('own'));
    const outside = await app.inject({
      method: 'PATCH',
      url: `/api/accounts/${username}`,
      headers,
      payload: { agencyCode: PROVINCE_CODE },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().issues).toEqual([expect.objectContaining({ path: 'body/agencyCode', code: 'unknown_agency' })]);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(200);
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/accounts/${username}`,
      headers,
      payload: { agencyCode: DEMO_AGENCIES.commune.code },
    });
    expect(moved.json()).toMatchObject({ agency: { code: DEMO_AGENCIES.commune.code } });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('a reset ends the sign-in, retires the old password and forces a change at the next sign-in', async () => {
    const { username, password, token } = await activeOfficer();
    const reset = await app.inject({
      method: 'POST',
      url: `/api/accounts/${username}/reset-password`,
      headers: await authHeader(app, adminOf('parent')),
    });
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword, account } = reset.json<{ temporaryPassword: string; account: { mustChangePassword: boolean } }>();
    expect(account.mustChangePassword).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(401);
    expect((await login(username, password)).statusCode).toBe(401);
    const temporary = await signIn(username, temporaryPassword);
    expect((await app.inject({ method: 'GET', url: '/api/dossiers', headers: bearer(temporary) })).statusCode).toBe(403);
    expect(await auditActions(username)).toContain(`${adminOf('parent')} account.reset_password`);
  });

  it('never lets an admin lock themselves out', async () => {
    const headers = await authHeader(app, adminOf('own'));
    for (const payload of [{ active: false }, { roles: ['leader'] }]) {
      const response = await app.inject({ method: 'PATCH', url: `/api/accounts/${adminOf('own')}`, headers, payload });
      expect(response.statusCode).toBe(409);
      expect(response.json().issues).toEqual([expect.objectContaining({ code: 'own_account' })]);
    }
  });
});

describe('the list', () => {
  it('holds the accounts of the admin’s agency and those below it, by username, paged', async () => {
    const headers = await authHeader(app, adminOf('own'));
    const response = await app.inject({ method: 'GET', url: '/api/accounts?perPage=100', headers });
    const { data, total } = response.json<{ data: { username: string; agency: { code: string } }[]; total: number }>();
    expect(total).toBeGreaterThan(0);
    const subtree = await app.db.agency.findMany({
      where: { id: { in: await app.agencies.subtreeIds(DISTRICT_CODE) } },
      select: { code: true },
    });
    const codes = subtree.map((agency) => agency.code);
    for (const account of data) expect(codes).toContain(account.agency.code);
    expect(data.map((account) => account.username)).toEqual([...data.map((account) => account.username)].sort());
    expect(data.map((account) => account.username)).toEqual(expect.arrayContaining(['specialist', 'xa.specialist']));
    expect(data.map((account) => account.username)).not.toContain('admin');
    const province = await app.inject({ method: 'GET', url: `/api/accounts?agencyCode=${PROVINCE_CODE}`, headers });
    expect(province.statusCode).toBe(400);
    expect(province.json().issues).toEqual([expect.objectContaining({ path: 'querystring/agencyCode', code: 'unknown_agency' })]);
  });

  it('leaves the seed’s demo accounts as they are', async () => {
    const demo = await app.db.account.findMany({ where: { username: { in: ['admin', 'specialist', 'xa.admin'] } } });
    expect(demo.map((account) => account.mustChangePassword)).toEqual([false, false, false]);
  });
});
