import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_KEYS, type ProcedureDetail } from '@motcua/common';
import { build } from '../../helpers/build.js';
import { authHeader, DEMO_PROCEDURE_CODE, DISTRICT_CODE } from '../../helpers/requests.js';
import { OTHER_DISTRICT, ensureAccount, ensureOtherDistrict } from '../../helpers/accounts.js';
import { newProcedureBody } from './procedure-bodies.js';

/** The catalogue as officers read it, and the admin adding procedures with validation. */
let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
  await ensureOtherDistrict(app.db);
});
afterAll(async () => {
  await app.close();
});

async function create(body: object, username = 'admin') {
  return app.inject({
    method: 'POST',
    url: '/api/procedures',
    headers: await authHeader(app, username),
    payload: body,
  });
}

describe('GET /api/procedures', () => {
  it('lists the house construction permit for the district receptionist with its current legal content', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/procedures',
      headers: await authHeader(app, 'receptionist'),
    });
    expect(response.statusCode).toBe(200);
    const permit = response.json<{ data: ProcedureDetail[] }>().data.find((p) => p.code === DEMO_PROCEDURE_CODE);
    expect(permit).toMatchObject({
      code: DEMO_PROCEDURE_CODE,
      name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      field: 'Hoạt động xây dựng',
      level: 'partial_online',
      processingDays: 15,
      processKey: PROCESS_KEYS.houseConstructionPermit,
      active: true,
      agency: { code: DISTRICT_CODE, name: 'UBND huyện Duy Xuyên' },
      // none in the seed; the authorization matrix's fixture uploads one when it runs first
      formTemplates: expect.any(Array),
    });
    expect(permit?.requiredDocuments.length).toBeGreaterThan(0);
    expect(permit?.requiredDocuments[0]).toMatchObject({ originals: expect.any(Number), mandatory: true });
    expect(permit?.fees[0]).toMatchObject({ amountVnd: expect.any(Number) });
    expect(permit?.legalBasis).toContain('Luật Xây dựng');
    expect(new Date(permit?.effectiveFrom ?? '').getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('lists the district procedures for the admin of the province above it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/procedures',
      headers: await authHeader(app, 'admin'),
    });
    expect(response.json().data.map((procedure: { code: string }) => procedure.code)).toContain(DEMO_PROCEDURE_CODE);
  });

  it('shows one procedure with all its versions to any officer', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/procedures/${DEMO_PROCEDURE_CODE}`,
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(200);
    const detail = response.json<ProcedureDetail>();
    expect(detail.versions.length).toBeGreaterThanOrEqual(1);
    expect(detail.versions.map((version) => version.version)).toContain(detail.version);
  });

  it('answers 404 for a procedure code nobody has', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/procedures/9.999999',
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('POST /api/procedures', () => {
  it('adds a procedure with its version 1 for an agency below the admin, and audits it', async () => {
    // given a procedure of the district, new to the catalogue
    const body = newProcedureBody('2.000101');
    // when the province admin adds it
    const response = await create(body);
    // then it is in the catalogue with version 1, exactly as written
    expect(response.statusCode).toBe(201);
    const detail = response.json<ProcedureDetail>();
    expect(detail).toMatchObject({
      code: '2.000101',
      version: 1,
      latestVersion: 1,
      active: true,
      agency: { code: DISTRICT_CODE },
      name: body.name,
      processingDays: body.processingDays,
      fees: body.fees,
      requiredDocuments: body.requiredDocuments,
      processKey: body.processKey,
    });
    expect(detail.versions).toHaveLength(1);
    expect(detail.versions[0]).toMatchObject({ version: 1, createdBy: 'admin' });
    // and the district receptionist sees it in their list
    const list = await app.inject({
      method: 'GET',
      url: '/api/procedures',
      headers: await authHeader(app, 'receptionist'),
    });
    expect(list.json().data.map((procedure: { code: string }) => procedure.code)).toContain('2.000101');
    // and the audit log names the admin
    const audit = await app.db.auditLog.findFirst({ where: { action: 'procedure.create', entityId: '2.000101' } });
    expect(audit?.actor).toBe('admin');
  });

  it('answers 409 for a code already in the catalogue and changes nothing', async () => {
    // given the demo procedure
    const before = await app.db.procedureVersion.count({ where: { procedure: { code: DEMO_PROCEDURE_CODE } } });
    // when the admin adds it again
    const response = await create(newProcedureBody(DEMO_PROCEDURE_CODE));
    // then it is refused and no version was written
    expect(response.statusCode).toBe(409);
    expect(await app.db.procedureVersion.count({ where: { procedure: { code: DEMO_PROCEDURE_CODE } } })).toBe(before);
  });

  it('lets only the admin write the catalogue', async () => {
    const response = await create(newProcedureBody('2.000102'), 'leader');
    expect(response.statusCode).toBe(403);
  });

  it('names the field and its code for each invalid value', async () => {
    const cases: { body: Record<string, unknown>; path: string; code: string }[] = [
      { body: { processingDays: -1 }, path: 'body/processingDays', code: 'too_small' },
      { body: { processingDays: 1.5 }, path: 'body/processingDays', code: 'invalid_type' },
      { body: { fees: [{ name: 'Lệ phí', amountVnd: -5 }] }, path: 'body/fees/0/amountVnd', code: 'too_small' },
      { body: { fees: [{ name: 'Lệ phí', amountVnd: 10.5 }] }, path: 'body/fees/0/amountVnd', code: 'invalid_type' },
      { body: { requiredDocuments: [] }, path: 'body/requiredDocuments', code: 'too_small' },
      {
        body: { requiredDocuments: [{ name: 'Đơn', originals: 1, copies: -1, mandatory: true }] },
        path: 'body/requiredDocuments/0/copies',
        code: 'too_small',
      },
      {
        body: { requiredDocuments: [{ name: 'Đơn', originals: 1, copies: 0 }] },
        path: 'body/requiredDocuments/0/mandatory',
        code: 'required',
      },
      { body: { level: 'level_4' }, path: 'body/level', code: 'invalid_option' },
      { body: { agencyCode: '17.H41' }, path: 'body/agencyCode', code: 'invalid_agency_code' },
      { body: { code: '1 009994' }, path: 'body/code', code: 'invalid_procedure_code' },
      { body: { processKey: '1-bad' }, path: 'body/processKey', code: 'invalid_process_key' },
    ];
    for (const { body, path, code } of cases) {
      const response = await create({ ...newProcedureBody('2.000103'), ...body });
      expect({ body, statusCode: response.statusCode }).toEqual({ body, statusCode: 400 });
      expect(response.json().issues).toContainEqual(expect.objectContaining({ path, code }));
    }
    // and nothing was created by any of them
    expect(await app.db.procedure.findUnique({ where: { code: '2.000103' } })).toBeNull();
  });

  it('refuses a document that asks for neither an original nor a copy', async () => {
    const response = await create({
      ...newProcedureBody('2.000104'),
      requiredDocuments: [
        { name: 'Đơn đề nghị', originals: 1, copies: 0, mandatory: true },
        { name: 'Ảnh chân dung', originals: 0, copies: 0, mandatory: false },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ path: 'body/requiredDocuments/1/originals', code: 'document_count_required' }),
    ]);
  });

  it('refuses a process key that is not deployed in the engine', async () => {
    const response = await create({ ...newProcedureBody('2.000105'), processKey: 'no-such-process' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ path: 'body/processKey', code: 'process_not_deployed' }),
    ]);
  });

  it('refuses an agency outside the admin’s subtree', async () => {
    // given an admin of the district
    await ensureAccount(app.db, {
      username: 'district.admin',
      fullName: 'Lương Văn Phú',
      roles: ['admin'],
      agencyCode: DISTRICT_CODE,
    });
    // when they add a procedure of the other district
    const response = await create(
      { ...newProcedureBody('2.000106'), agencyCode: OTHER_DISTRICT.code },
      'district.admin',
    );
    // then the agency is refused
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ path: 'body/agencyCode', code: 'unknown_agency' }),
    ]);
  });
});

describe('PATCH /api/procedures/{code}', () => {
  it('withdraws a procedure from the lists and brings it back, auditing both', async () => {
    // given a procedure of the district
    expect((await create(newProcedureBody('2.000107'))).statusCode).toBe(201);
    const headers = await authHeader(app, 'admin');
    const codes = async (url: string) =>
      (await app.inject({ method: 'GET', url, headers })).json<{ data: { code: string }[] }>().data.map((p) => p.code);

    // when the admin withdraws it
    const withdrawn = await app.inject({
      method: 'PATCH',
      url: '/api/procedures/2.000107',
      headers,
      payload: { active: false },
    });
    // then it is inactive, gone from the default list, and still listed on request
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ code: '2.000107', active: false });
    expect(await codes('/api/procedures')).not.toContain('2.000107');
    expect(await codes('/api/procedures?includeInactive=true')).toContain('2.000107');

    // when it is brought back
    const back = await app.inject({
      method: 'PATCH',
      url: '/api/procedures/2.000107',
      headers,
      payload: { active: true },
    });
    expect(back.json()).toMatchObject({ active: true });
    expect(await codes('/api/procedures')).toContain('2.000107');
    const actions = await app.db.auditLog.findMany({ where: { entityId: '2.000107' }, orderBy: { id: 'asc' } });
    expect(actions.map((entry) => entry.action)).toEqual([
      'procedure.create',
      'procedure.deactivate',
      'procedure.activate',
    ]);
  });
});

describe('editing a procedure of another agency', () => {
  /** The edits of a procedure, each with a valid body: PATCH, a new version, a form template on version 1. */
  const edits = (code: string) => [
    { method: 'PATCH' as const, url: `/api/procedures/${code}`, payload: { active: false } },
    { method: 'POST' as const, url: `/api/procedures/${code}/versions`, payload: newProcedureBody(code) },
    {
      method: 'POST' as const,
      url: `/api/procedures/${code}/versions/1/form-templates`,
      payload: {
        name: 'Đơn đề nghị (Mẫu số 01)',
        fileName: 'mau-01.pdf',
        mediaType: 'application/pdf',
        contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
      },
    },
  ];

  it('is refused with 403 to the admin of an agency beside or below it, who sees it, and changes nothing', async () => {
    // given admins of the other district and of the commune below the district, and the district's procedure
    await ensureAccount(app.db, {
      username: 'unrelated.catalogue.admin',
      fullName: 'Đặng Thị Thu',
      roles: ['admin'],
      agencyCode: OTHER_DISTRICT.code,
    });
    const before = await app.db.procedure.findUniqueOrThrow({
      where: { code: DEMO_PROCEDURE_CODE },
      include: { versions: { include: { formTemplates: true } } },
    });
    for (const username of ['unrelated.catalogue.admin', 'xa.admin']) {
      // who read it in the catalogue
      const read = await app.inject({
        method: 'GET',
        url: `/api/procedures/${DEMO_PROCEDURE_CODE}`,
        headers: await authHeader(app, username),
      });
      expect(read.statusCode).toBe(200);
      for (const edit of edits(DEMO_PROCEDURE_CODE)) {
        // when they change it
        const response = await app.inject({ ...edit, headers: await authHeader(app, username) });
        // then they are refused, naming the agency it belongs to
        expect(response.statusCode, `${username} ${edit.method} ${edit.url}`).toBe(403);
        expect(response.json().message).toMatch(
          new RegExp(`^procedure ${DEMO_PROCEDURE_CODE} belongs to ${DISTRICT_CODE}`),
        );
      }
    }
    // and the procedure is as it was
    expect(
      await app.db.procedure.findUniqueOrThrow({
        where: { code: DEMO_PROCEDURE_CODE },
        include: { versions: { include: { formTemplates: true } } },
      }),
    ).toEqual(before);
  });

  it('answers 404 for a procedure code nobody has, whoever edits it', async () => {
    for (const edit of edits('9.999997')) {
      const response = await app.inject({ ...edit, headers: await authHeader(app, 'admin') });
      expect(response.statusCode, `${edit.method} ${edit.url}`).toBe(404);
    }
  });
});
