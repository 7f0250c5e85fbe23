import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../helpers/build.js';
import { UNREACHABLE_ENGINE_URL } from '../../../helpers/engine.js';
import { dossierBody, receiveDossier } from '../../../helpers/requests.js';

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  }
  return [];
}

describe('GET /api/public/dossiers/:code', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(async () => {
    await app.close();
  });

  it('tells anyone the status, its label, the timeliness and the appointment, without any personal data', async () => {
    // given a received dossier whose appointment has been computed
    const received = await receiveDossier(app, {
      applicant: { ...dossierBody().applicant, email: 'tam@example.vn' },
      resultDelivery: 'post',
      deliveryAddress: '45 Lê Lợi, thị trấn Nam Phước, Duy Xuyên',
    });
    const dueAt = new Date(Date.now() + 30 * 86_400_000);
    await app.db.dossier.update({
      where: { id: received.id },
      data: { status: 'in_progress', dueAt, originalDueAt: dueAt },
    });
    // when a citizen looks it up without signing in
    const response = await app.inject({ method: 'GET', url: `/api/public/dossiers/${received.code}` });
    // then they learn its status, procedure, agency and dates, and nothing about the applicant
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      code: received.code,
      status: 'in_progress',
      statusLabel: 'Đang giải quyết',
      timeliness: 'not_due',
      timelinessLabel: 'Trong hạn',
      procedure: { code: '1.009994', name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ' },
      agency: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
      receivedAt: expect.any(String),
      dueAt: dueAt.toISOString(),
      finishedAt: null,
    });
    const keys = keysOf(body);
    for (const personal of [
      'applicant',
      'idNumber',
      'phone',
      'address',
      'email',
      'deliveryAddress',
      'fullName',
      'applicantName',
      'id',
      'processInstanceId',
    ]) {
      expect(keys).not.toContain(personal);
    }
    const { applicant } = dossierBody();
    for (const value of [
      applicant.fullName,
      applicant.idNumber,
      applicant.phone,
      applicant.address,
      'tam@example.vn',
      '45 Lê Lợi',
    ]) {
      expect(response.body).not.toContain(value);
    }
  });

  it('shows a dossier found incomplete at reception, with no appointment yet', async () => {
    const received = await receiveDossier(app, {
      outcome: 'incomplete',
      documents: [],
      missingItems: ['Đơn đề nghị cấp giấy phép xây dựng'],
    });
    const response = await app.inject({ method: 'GET', url: `/api/public/dossiers/${received.code}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'incomplete',
      statusLabel: 'Yêu cầu bổ sung khi tiếp nhận',
      timeliness: null,
      timelinessLabel: null,
      dueAt: null,
    });
    expect(response.body).not.toContain('Đơn đề nghị');
  });

  it('answers from our database alone, even when the engine is down', async () => {
    const received = await receiveDossier(app);
    const withoutEngine = await build({ ENGINE_URL: UNREACHABLE_ENGINE_URL });
    try {
      const response = await withoutEngine.inject({ method: 'GET', url: `/api/public/dossiers/${received.code}` });
      expect(response.statusCode).toBe(200);
    } finally {
      await withoutEngine.close();
    }
  });

  it('answers 400 naming params/code for a malformed code', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/public/dossiers/hello' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'params/code is not a dossier code such as 000.00.17.H41-181106-0001',
      issues: [
        {
          path: 'params/code',
          message: 'is not a dossier code such as 000.00.17.H41-181106-0001',
          code: 'invalid_dossier_code',
        },
      ],
    });
  });

  it('answers 404 for an unknown code', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/public/dossiers/000.00.17.H41-200101-0001' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'dossier 000.00.17.H41-200101-0001 does not exist',
    });
  });
});
