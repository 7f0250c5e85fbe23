import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../helpers/build.js';
import { authHeader, DEMO_PROCEDURE_CODE } from '../../helpers/requests.js';

describe('GET /api/procedures', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build();
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the house construction permit for the district receptionist', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/procedures',
      headers: await authHeader(app, 'receptionist'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toContainEqual({
      code: DEMO_PROCEDURE_CODE,
      name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      processingDays: 15,
      processKey: 'house-construction-permit',
      agency: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
    });
  });

  it('lists the district procedures for the admin of the province above it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/procedures',
      headers: await authHeader(app, 'admin'),
    });
    expect(response.json().data.map((procedure: { code: string }) => procedure.code)).toContain(DEMO_PROCEDURE_CODE);
  });
});
