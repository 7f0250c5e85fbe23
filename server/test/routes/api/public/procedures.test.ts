import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormTemplate, PublicProcedure } from '@motcua/common';
import { build } from '../../../helpers/build.js';
import { authHeader, DEMO_PROCEDURE_CODE, DISTRICT_CODE } from '../../../helpers/requests.js';
import { newProcedureBody } from '../procedure-bodies.js';

/** The public catalogue (issue 3 point 11): no login, active procedures only, no personal data. */
let app: FastifyInstance;
let template: FormTemplate;
beforeAll(async () => {
  app = await build();
  const admin = await authHeader(app, 'admin');
  // a withdrawn procedure, and a form template of the demo procedure's current version
  await app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: newProcedureBody('2.000501') });
  await app.inject({ method: 'PATCH', url: '/api/procedures/2.000501', headers: admin, payload: { active: false } });
  const current = (
    await app.inject({ method: 'GET', url: `/api/procedures/${DEMO_PROCEDURE_CODE}`, headers: admin })
  ).json<{ version: number }>().version;
  const uploaded = await app.inject({
    method: 'POST',
    url: `/api/procedures/${DEMO_PROCEDURE_CODE}/versions/${current}/form-templates`,
    headers: admin,
    payload: {
      name: 'Đơn đề nghị cấp giấy phép xây dựng',
      fileName: 'don-de-nghi.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      contentBase64: Buffer.from('PK\u0003\u0004word/document.xml').toString('base64'),
    },
  });
  if (uploaded.statusCode !== 201) throw new Error(`uploading the template failed: ${uploaded.body}`);
  template = uploaded.json<FormTemplate>();
});
afterAll(async () => {
  await app.close();
});

/** Every field a public procedure may have: the catalogue's content, nothing about people. */
const PUBLIC_FIELDS = [
  'agency',
  'code',
  'effectiveFrom',
  'fees',
  'field',
  'formTemplates',
  'legalBasis',
  'level',
  'name',
  'processingDays',
  'requiredDocuments',
].sort();

/** A client of its own, so each test's requests count against their own rate limit. */
let clients = 0;
function fromNewClient() {
  clients += 1;
  return { remoteAddress: `192.0.2.${clients}` };
}

describe('GET /api/public/procedures', () => {
  it('lists the active procedures without login, with what a citizen needs to prepare a dossier', async () => {
    // when anyone asks, without a token
    const response = await app.inject({ method: 'GET', url: '/api/public/procedures', ...fromNewClient() });
    // then the active procedures are listed with their legal content
    expect(response.statusCode).toBe(200);
    const procedures = response.json<{ data: PublicProcedure[] }>().data;
    const permit = procedures.find((procedure) => procedure.code === DEMO_PROCEDURE_CODE);
    expect(permit).toMatchObject({
      name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      level: 'partial_online',
      processingDays: 15,
      agency: { code: DISTRICT_CODE, name: 'UBND huyện Duy Xuyên' },
    });
    expect(permit?.fees.length).toBeGreaterThan(0);
    expect(permit?.requiredDocuments.length).toBeGreaterThan(0);
    // and the withdrawn procedure is not among them
    expect(procedures.map((procedure) => procedure.code)).not.toContain('2.000501');
  });

  it('shows no personal data: no field beyond the catalogue’s content, no officer’s name', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/public/procedures', ...fromNewClient() });
    const procedures = response.json<{ data: PublicProcedure[] }>().data;
    expect(procedures.length).toBeGreaterThan(0);
    for (const procedure of procedures) {
      expect({ code: procedure.code, fields: Object.keys(procedure).sort() }).toEqual({
        code: procedure.code,
        fields: PUBLIC_FIELDS,
      });
      expect(Object.keys(procedure.agency).sort()).toEqual(['code', 'name']);
    }
    // the usernames and names of the officers who wrote the catalogue appear nowhere
    for (const officer of ['admin', 'Nguyễn Văn An', 'createdBy']) expect(response.body).not.toContain(officer);
  });

  it('lists one agency’s procedures, with those of the agencies below it', async () => {
    const district = await app.inject({
      method: 'GET',
      url: `/api/public/procedures?agencyCode=${DISTRICT_CODE}`,
      ...fromNewClient(),
    });
    const codes = district.json<{ data: PublicProcedure[] }>().data.map((procedure) => procedure.agency.code);
    expect(codes).toContain(DISTRICT_CODE);
    const malformed = await app.inject({
      method: 'GET',
      url: '/api/public/procedures?agencyCode=abc',
      ...fromNewClient(),
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().issues).toContainEqual(
      expect.objectContaining({ path: 'querystring/agencyCode', code: 'invalid_agency_code' }),
    );
  });

  it('shows one active procedure by its code, and 404 for a withdrawn one', async () => {
    const permit = await app.inject({
      method: 'GET',
      url: `/api/public/procedures/${DEMO_PROCEDURE_CODE}`,
      ...fromNewClient(),
    });
    expect(permit.statusCode).toBe(200);
    expect(permit.json()).toMatchObject({ code: DEMO_PROCEDURE_CODE, processingDays: 15 });
    const withdrawn = await app.inject({ method: 'GET', url: '/api/public/procedures/2.000501', ...fromNewClient() });
    expect(withdrawn.statusCode).toBe(404);
  });

  it('lets anyone download the form templates of the current version', async () => {
    // given the public listing of the demo procedure
    const listed = (
      await app.inject({ method: 'GET', url: `/api/public/procedures/${DEMO_PROCEDURE_CODE}`, ...fromNewClient() })
    ).json<PublicProcedure>();
    const publicTemplate = listed.formTemplates.find((candidate) => candidate.id === template.id);
    expect(publicTemplate?.url).toBe(`/api/public/procedures/${DEMO_PROCEDURE_CODE}/form-templates/${template.id}`);
    // when it is downloaded without login
    const download = await app.inject({ method: 'GET', url: publicTemplate?.url ?? '', ...fromNewClient() });
    // then the file comes back
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(download.rawPayload.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('limits each client to 60 requests a minute', async () => {
    // given one client
    const client = fromNewClient();
    // when it asks 61 times
    const statuses: number[] = [];
    for (let request = 0; request < 61; request += 1) {
      statuses.push((await app.inject({ method: 'GET', url: '/api/public/procedures', ...client })).statusCode);
    }
    // then the 61st is refused, while another client is still served
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await app.inject({ method: 'GET', url: '/api/public/procedures', ...fromNewClient() })).statusCode).toBe(
      200,
    );
  });
});
