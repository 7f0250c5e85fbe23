import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Agency, type ResolvedAgency } from '@motcua/common';
import { DEMO_AGENCIES } from '@motcua/db';
import { build } from '../../helpers/build.js';
import { ensureAccount, PROVINCE_CODE } from '../../helpers/accounts.js';
import { ensureAdminsByRelation, MANAGES_THE_DISTRICT, RELATIONS, type Relation } from '../../helpers/relations.js';
import { authHeader, DISTRICT_CODE, tokenOf } from '../../helpers/requests.js';

/**
 * POST /api/agencies and PATCH /api/agencies/{code}: the admin unit keeps the agency tree of its
 * subtree: new agencies, names, parents, codes with their history, and mergers. Cases run over the
 * four relations of the admin's agency to the district (own, parent, child, unrelated).
 */
let adminOf: (relation: Relation) => string;

let sequence = 0;
/** A code no agency has had in this run: H41 (Quảng Nam), the district's group 17, then a fresh group. */
function freshCode(): string {
  sequence += 1;
  return `H41.17.${(process.pid % 1000) * 100 + sequence}`;
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
  adminOf = await ensureAdminsByRelation(app, 'agency');
});
afterAll(async () => {
  await app.close();
});

async function create(by: string, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/agencies', headers: await authHeader(app, by), payload: body });
}

async function patch(by: string, code: string, body: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: `/api/agencies/${code}`, headers: await authHeader(app, by), payload: body });
}

/** A new commune below the district, made by the district's admin. */
async function newCommune(name = 'UBND xã Thử Nghiệm'): Promise<Agency> {
  const response = await create(adminOf('own'), {
    code: freshCode(),
    name,
    parentCode: DISTRICT_CODE,
    legalRef: 'Quyết định 01/QĐ-UBND',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Agency>();
}

async function resolve(code: string): Promise<ResolvedAgency> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/agencies/resolve/${code}`,
    headers: await authHeader(app, adminOf('own')),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ResolvedAgency>();
}

describe('who changes the district', () => {
  for (const relation of RELATIONS) {
    const manages = MANAGES_THE_DISTRICT.includes(relation);
    it(`${manages ? 'lets' : 'hides it from'} the admin of the ${relation} agency`, async () => {
      // given the district's name as it is, when the admin writes it back
      const district = await app.db.agency.findUniqueOrThrow({ where: { code: DISTRICT_CODE } });
      const response = await patch(adminOf(relation), DISTRICT_CODE, { name: district.name });
      // then the district's and the province's admins may; for the others it does not exist
      expect(response.statusCode, response.body).toBe(manages ? 200 : 404);
    });

    it(`lets the admin of the ${relation} agency add an agency below the district only from above or at it`, async () => {
      const response = await create(adminOf(relation), { code: freshCode(), name: 'UBND xã Mới', parentCode: DISTRICT_CODE });
      expect(response.statusCode, response.body).toBe(manages ? 201 : 400);
      if (!manages) {
        expect(response.json().issues).toEqual([expect.objectContaining({ path: 'body/parentCode', code: 'unknown_agency' })]);
      }
    });
  }

  for (const role of ROLES.filter((role) => role !== 'admin')) {
    it(`refuses a ${role} with 403 before the body is read`, async () => {
      const username = `agency.district.${role}`;
      await ensureAccount(app.db, { username, fullName: 'Đỗ Văn Thử', roles: [role], agencyCode: DISTRICT_CODE });
      const headers = await authHeader(app, username);
      const add = await app.inject({ method: 'POST', url: '/api/agencies', headers, payload: 'not json' });
      const change = await app.inject({ method: 'PATCH', url: `/api/agencies/${DISTRICT_CODE}`, headers, payload: 'x' });
      expect([add.statusCode, change.statusCode]).toEqual([403, 403]);
    });
  }

  it('never adds a root agency nor moves an agency below itself', async () => {
    // the province's admin may not move the district below its own commune
    const cycle = await patch(adminOf('parent'), DISTRICT_CODE, { parentCode: DEMO_AGENCIES.commune.code });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().issues).toEqual([expect.objectContaining({ path: 'body/parentCode', code: 'agency_cycle' })]);
    // the district's admin may not move the district under the province, outside their subtree
    const out = await patch(adminOf('own'), DISTRICT_CODE, { parentCode: PROVINCE_CODE });
    expect(out.statusCode).toBe(400);
    expect(out.json().issues).toEqual([expect.objectContaining({ path: 'body/parentCode', code: 'unknown_agency' })]);
  });
});

describe('codes and their history', () => {
  it('a new code closes the old one with its decision, and the old code still resolves to the agency', async () => {
    // given a commune with its first code
    const commune = await newCommune();
    const oldCode = commune.code;
    expect(commune.codes).toEqual([expect.objectContaining({ code: oldCode, validUntil: null, legalRef: 'Quyết định 01/QĐ-UBND' })]);
    // when the province reissues its code
    const newCode = freshCode();
    const response = await patch(adminOf('parent'), oldCode, { code: newCode, legalRef: 'Quyết định 09/QĐ-UBND' });
    expect(response.statusCode, response.body).toBe(200);
    // then both codes are in the history, the old one closed
    const changed = response.json<Agency>();
    expect(changed.code).toBe(newCode);
    expect(changed.codes).toEqual([
      expect.objectContaining({ code: oldCode, validUntil: expect.any(String) }),
      expect.objectContaining({ code: newCode, validUntil: null, legalRef: 'Quyết định 09/QĐ-UBND' }),
    ]);
    expect(await resolve(oldCode)).toMatchObject({ current: false, agency: { code: newCode } });
    // and no agency may ever take the old code again
    const reissue = await create(adminOf('own'), { code: oldCode, name: 'UBND xã Trùng Mã', parentCode: DISTRICT_CODE });
    expect(reissue.statusCode).toBe(409);
    expect(reissue.json().issues).toEqual([expect.objectContaining({ path: 'body/code', code: 'agency_code_taken' })]);
    const taken = await patch(adminOf('own'), newCode, { code: DISTRICT_CODE });
    expect(taken.statusCode).toBe(409);
    // and every step is in the audit log
    const audit = await app.db.auditLog.findMany({ where: { entity: 'agency', entityId: commune.id }, orderBy: { id: 'asc' } });
    expect(audit.map((row) => `${row.actor} ${row.action}`)).toEqual([
      `${adminOf('own')} agency.create`,
      `${adminOf('parent')} agency.update`,
    ]);
  });

  it('signs the agency’s officers out when its code changes, as their tokens carry it', async () => {
    const commune = await newCommune();
    const username = `agency.officer.${commune.code}`;
    await ensureAccount(app.db, { username, fullName: 'Mai Văn Xã', roles: ['receptionist'], agencyCode: commune.code });
    const token = await tokenOf(app, username);
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(200);
    await patch(adminOf('own'), commune.code, { code: freshCode() });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers })).statusCode).toBe(401);
  });

  it('a merger sends the merged agency’s codes to its successor, and never in a circle', async () => {
    // given two communes of the district
    const merged = await newCommune('UBND xã Sáp Nhập');
    const successor = await newCommune('UBND xã Kế Thừa');
    // when the first is merged into the second
    const response = await patch(adminOf('own'), merged.code, { successorCode: successor.code, legalRef: 'Nghị quyết 1/NQ-UBTVQH' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ successor: { code: successor.code } });
    // then the merged commune's code resolves to the successor
    expect(await resolve(merged.code)).toMatchObject({
      namedAgency: { code: merged.code },
      agency: { code: successor.code },
      successionPath: [{ code: merged.code }, { code: successor.code }],
    });
    // and the successor cannot be merged back into it, nor into itself
    for (const target of [merged.code, successor.code]) {
      const loop = await patch(adminOf('own'), successor.code, { successorCode: target });
      expect(loop.statusCode).toBe(400);
      expect(loop.json().issues).toEqual([expect.objectContaining({ path: 'body/successorCode', code: 'agency_cycle' })]);
    }
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { entity: 'agency', entityId: merged.id, action: 'agency.merge' } });
    expect(audit.actor).toBe(adminOf('own'));
  });

  it('refuses a bad code, naming the field', async () => {
    for (const code of ['h41.17', 'H41..17', 'x'.repeat(36), 'H41 17']) {
      const response = await create(adminOf('own'), { code, name: 'UBND xã Sai Mã', parentCode: DISTRICT_CODE });
      expect(response.statusCode, code).toBe(400);
      expect(response.json().issues[0]).toMatchObject({ path: 'body/code' });
    }
  });
});
