import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_TEMPLATE_MAX_BYTES, type FormTemplate, type ProcedureDetail } from '@motcua/common';
import { build } from '../../helpers/build.js';
import { authHeader } from '../../helpers/requests.js';
import { newProcedureBody } from './procedure-bodies.js';

/** Form templates (tờ khai) attached to a procedure version, and their download. */
let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
  const response = await app.inject({
    method: 'POST',
    url: '/api/procedures',
    headers: await authHeader(app, 'admin'),
    payload: newProcedureBody(PROCEDURE),
  });
  if (response.statusCode !== 201) throw new Error(`creating the procedure failed: ${response.body}`);
});
afterAll(async () => {
  await app.close();
});

const PROCEDURE = '2.000401';
const UPLOAD_URL = `/api/procedures/${PROCEDURE}/versions/1/form-templates`;
/** The first bytes of a PDF file, enough for the content check. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function upload(body: Record<string, unknown>, username = 'admin') {
  return app.inject({ method: 'POST', url: UPLOAD_URL, headers: await authHeader(app, username), payload: body });
}

function templateBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)',
    fileName: 'Mẫu số 01 - Đơn đề nghị.pdf',
    mediaType: 'application/pdf',
    contentBase64: PDF.toString('base64'),
    ...overrides,
  };
}

describe('form templates', () => {
  it('attaches a PDF to a version, lists it with the version and downloads it byte for byte', async () => {
    // when the admin uploads a template
    const response = await upload(templateBody());
    // then it is listed with the version it belongs to
    expect(response.statusCode).toBe(201);
    const template = response.json<FormTemplate>();
    expect(template).toMatchObject({ name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)', size: PDF.length });
    const detail = (
      await app.inject({
        method: 'GET',
        url: `/api/procedures/${PROCEDURE}`,
        headers: await authHeader(app, 'specialist'),
      })
    ).json<ProcedureDetail>();
    expect(detail.formTemplates).toEqual([template]);
    expect(detail.versions[0]?.formTemplates).toEqual([template]);
    // and an officer downloads it under its Vietnamese file name
    const download = await app.inject({
      method: 'GET',
      url: template.url,
      headers: await authHeader(app, 'receptionist'),
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('Mẫu số 01 - Đơn đề nghị.pdf')}`,
    );
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // and the upload is audited
    const audit = await app.db.auditLog.findFirst({
      where: { action: 'procedure.form_template.create', entityId: PROCEDURE },
    });
    expect(audit?.data).toMatchObject({ version: 1, formTemplateId: template.id, size: PDF.length });
  });

  it('refuses a media type other than PDF, DOCX, DOC and ODT', async () => {
    const response = await upload(templateBody({ mediaType: 'text/html', fileName: 'form.html' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toContainEqual(
      expect.objectContaining({ path: 'body/mediaType', code: 'invalid_option' }),
    );
  });

  it('refuses a file whose content is not of the declared media type', async () => {
    // given an HTML page declared as a PDF
    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    const response = await upload(templateBody({ contentBase64: html }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ path: 'body/contentBase64', code: 'file_type_mismatch' }),
    ]);
  });

  it('refuses a file larger than 5 MiB, naming the field', async () => {
    const large = Buffer.concat([PDF, Buffer.alloc(FORM_TEMPLATE_MAX_BYTES)]).toString('base64');
    const response = await upload(templateBody({ contentBase64: large }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toContainEqual(
      expect.objectContaining({ path: 'body/contentBase64', code: 'too_long' }),
    );
  });

  it('refuses a file name with a path in it', async () => {
    const response = await upload(templateBody({ fileName: '../../etc/passwd.pdf' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toContainEqual(expect.objectContaining({ path: 'body/fileName' }));
  });

  it('keeps the templates of a withdrawn procedure from the public, not from officers', async () => {
    // given a template of the procedure, public while the procedure is active
    const template = (await upload(templateBody({ name: 'Tờ khai (bản cũ)' }))).json<FormTemplate>();
    const publicUrl = `/api/public/procedures/${PROCEDURE}/form-templates/${template.id}`;
    expect((await app.inject({ method: 'GET', url: publicUrl })).statusCode).toBe(200);
    // when the procedure is withdrawn
    const admin = await authHeader(app, 'admin');
    await app.inject({
      method: 'PATCH',
      url: `/api/procedures/${PROCEDURE}`,
      headers: admin,
      payload: { active: false },
    });
    // then the public download is gone, and officers still download it
    expect((await app.inject({ method: 'GET', url: publicUrl })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: template.url, headers: admin })).statusCode).toBe(200);
    await app.inject({
      method: 'PATCH',
      url: `/api/procedures/${PROCEDURE}`,
      headers: admin,
      payload: { active: true },
    });
  });

  it('lets only the admin upload, and answers 404 for a version that does not exist', async () => {
    expect((await upload(templateBody(), 'receptionist')).statusCode).toBe(403);
    const missing = await app.inject({
      method: 'POST',
      url: `/api/procedures/${PROCEDURE}/versions/9/form-templates`,
      headers: await authHeader(app, 'admin'),
      payload: templateBody(),
    });
    expect(missing.statusCode).toBe(404);
  });
});
