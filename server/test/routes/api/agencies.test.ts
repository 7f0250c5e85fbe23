import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency, ResolvedAgency } from '@motcua/common';
import { build } from '../../helpers/build.js';
import { authHeader, DISTRICT_CODE } from '../../helpers/requests.js';
import { PROVINCE_CODE } from '../../helpers/accounts.js';

/** The agency tree, the code history, and old codes resolving to the agency doing the work today. */
let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
  // given a commune coded 000.31.17.H41 that was given a new code, then merged into another commune
  const district = await app.db.agency.findUniqueOrThrow({ where: { code: DISTRICT_CODE } });
  const merged = await app.db.agency.create({
    data: { code: OLD_CODE, name: 'UBND xã Duy Thu', parentId: district.id },
  });
  await app.db.agency.update({ where: { id: merged.id }, data: { code: REISSUED_CODE } });
  const successor = await app.db.agency.create({
    data: { code: SUCCESSOR_CODE, name: 'UBND xã Duy Thu Phú', parentId: district.id },
  });
  await app.db.agency.update({ where: { id: merged.id }, data: { successorId: successor.id } });
});
afterAll(async () => {
  await app.close();
});

const OLD_CODE = '000.31.17.H41';
const REISSUED_CODE = 'H41.17.31';
const SUCCESSOR_CODE = 'H41.17.32';

async function resolve(code: string) {
  return app.inject({
    method: 'GET',
    url: `/api/agencies/resolve/${code}`,
    headers: await authHeader(app, 'specialist'),
  });
}

describe('GET /api/agencies', () => {
  it('lists every agency depth-first, each after its parent, with its code history', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/agencies',
      headers: await authHeader(app, 'receptionist'),
    });
    expect(response.statusCode).toBe(200);
    const agencies = response.json<{ data: Agency[] }>().data;
    const position = (code: string) => agencies.findIndex((agency) => agency.code === code);
    // the province is a root, the district sits below it
    expect(agencies[position(PROVINCE_CODE)]).toMatchObject({ depth: 0, parentCode: null });
    expect(agencies[position(DISTRICT_CODE)]).toMatchObject({ depth: 1, parentCode: PROVINCE_CODE });
    expect(position(DISTRICT_CODE)).toBeGreaterThan(position(PROVINCE_CODE));
    for (const agency of agencies.filter((candidate) => candidate.parentCode !== null)) {
      expect(position(agency.code)).toBeGreaterThan(position(agency.parentCode ?? ''));
    }
    // the reissued commune lists both its codes, the old one closed, and its successor
    const reissued = agencies[position(REISSUED_CODE)];
    expect(reissued?.successor).toEqual({ code: SUCCESSOR_CODE, name: 'UBND xã Duy Thu Phú' });
    expect(reissued?.codes.map((entry) => [entry.code, entry.validUntil === null])).toEqual([
      [OLD_CODE, false],
      [REISSUED_CODE, true],
    ]);
  });

  it('is for officers only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/agencies' })).statusCode).toBe(401);
  });
});

describe('GET /api/agencies/resolve/{code}', () => {
  it('resolves an old code to the agency that had it, and on to its successor', async () => {
    const response = await resolve(OLD_CODE);
    expect(response.statusCode).toBe(200);
    const resolved = response.json<ResolvedAgency>();
    expect(resolved).toMatchObject({
      code: OLD_CODE,
      current: false,
      namedAgency: { code: REISSUED_CODE, name: 'UBND xã Duy Thu' },
      agency: { code: SUCCESSOR_CODE, successor: null },
      successionPath: [
        { code: REISSUED_CODE, name: 'UBND xã Duy Thu' },
        { code: SUCCESSOR_CODE, name: 'UBND xã Duy Thu Phú' },
      ],
    });
  });

  it('resolves a current code to its own agency', async () => {
    const resolved = (await resolve(DISTRICT_CODE)).json<ResolvedAgency>();
    expect(resolved).toMatchObject({ code: DISTRICT_CODE, current: true, agency: { code: DISTRICT_CODE } });
    expect(resolved.successionPath).toEqual([{ code: DISTRICT_CODE, name: 'UBND huyện Duy Xuyên' }]);
  });

  it('answers 404 for a code no agency ever had, and 400 for text that is no agency code', async () => {
    expect((await resolve('000.99.17.H41')).statusCode).toBe(404);
    const malformed = await resolve('17-H41');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().issues).toEqual([
      expect.objectContaining({ path: 'params/code', code: 'invalid_agency_code' }),
    ]);
  });
});
