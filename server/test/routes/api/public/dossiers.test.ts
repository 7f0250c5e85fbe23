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

  it('tells anyone the status of a dossier without any personal data', async () => {
    // given a received dossier
    const received = await receiveDossier(app);
    // when a citizen looks it up without signing in
    const response = await app.inject({ method: 'GET', url: `/api/public/dossiers/${received.code}` });
    // then they learn its status, procedure, agency and dates, and nothing about the applicant
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      code: received.code,
      status: 'received',
      procedure: { code: '1.009994', name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ' },
      agency: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
      receivedAt: expect.any(String),
      dueAt: null,
      finishedAt: null,
    });
    const keys = keysOf(body);
    for (const personal of [
      'applicant',
      'idNumber',
      'phone',
      'address',
      'fullName',
      'applicantName',
      'id',
      'processInstanceId',
    ]) {
      expect(keys).not.toContain(personal);
    }
    const { applicant } = dossierBody();
    for (const value of [applicant.fullName, applicant.idNumber, applicant.phone]) {
      expect(response.body).not.toContain(value);
    }
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
