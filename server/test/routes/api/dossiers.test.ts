import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../helpers/build.js';
import { engineGet, UNREACHABLE_ENGINE_URL } from '../../helpers/engine.js';
import { authHeader, dossierBody, DOSSIER_CODE_PATTERN, receiveDossier } from '../../helpers/requests.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});

function sequenceOf(code: string): number {
  return Number(code.split('-').at(-1));
}

describe('POST /api/dossiers', () => {
  it('receives a dossier: 201, a dossier code, and a process instance keyed by that code', async () => {
    // when the receptionist receives a dossier at the counter
    const response = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: await authHeader(app, 'receptionist'),
      payload: dossierBody(),
    });
    // then it is stored with a code of the district and today
    expect(response.statusCode).toBe(201);
    const dossier = response.json();
    expect(dossier).toMatchObject({
      code: expect.stringMatching(DOSSIER_CODE_PATTERN),
      status: 'received',
      channel: 'counter',
      dueAt: null,
      finishedAt: null,
      processInstanceId: expect.any(String),
      applicant: dossierBody().applicant,
      procedure: { code: '1.009994', name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ', processingDays: 15 },
      agency: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
    });
    // and the engine runs its process with the business key and variables the diagram expects
    const instance = await engineGet<{ businessKey: string }>(`/process-instance/${dossier.processInstanceId}`);
    expect(instance.businessKey).toBe(dossier.code);
    const variables = await engineGet<Record<string, { type: string; value: unknown }>>(
      `/process-instance/${dossier.processInstanceId}/variables`,
    );
    expect(variables).toMatchObject({
      dossierCode: { type: 'String', value: dossier.code },
      procedureCode: { type: 'String', value: '1.009994' },
      agencyCode: { type: 'String', value: '000.00.17.H41' },
      receivedAt: { type: 'Date' },
      processingDays: { type: 'Integer', value: 15 },
    });
    // and the event log says who received it
    const events = await app.db.dossierEvent.findMany({ where: { dossierId: dossier.id } });
    expect(events).toMatchObject([{ type: 'received', actor: 'receptionist' }]);
  });

  it('answers 400 naming body/applicant/fullName when it is missing', async () => {
    const applicant: Partial<ReturnType<typeof dossierBody>['applicant']> = { ...dossierBody().applicant };
    delete applicant.fullName;
    const response = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: await authHeader(app, 'receptionist'),
      payload: { ...dossierBody(), applicant },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'body/applicant/fullName is required',
      issues: [{ path: 'body/applicant/fullName', message: 'is required' }],
    });
  });

  it('answers 400 naming body/applicant/idNumber when it is not 9 or 12 digits', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: await authHeader(app, 'receptionist'),
      payload: { ...dossierBody(), applicant: { ...dossierBody().applicant, idNumber: '12345' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('body/applicant/idNumber must be a 9-digit or 12-digit identity number');
  });

  it('answers 400 naming body/applicant/phone when it is not a Vietnamese phone number', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: await authHeader(app, 'receptionist'),
      payload: { ...dossierBody(), applicant: { ...dossierBody().applicant, phone: '12-34' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      { path: 'body/applicant/phone', message: 'must be a Vietnamese phone number, e.g. 0912345678' },
    ]);
  });

  it('answers 400 naming body/procedureCode when no such procedure is received here', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: await authHeader(app, 'receptionist'),
      payload: dossierBody({ procedureCode: '9.999999' }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'body/procedureCode 9.999999 is not a procedure your agency receives',
      issues: [{ path: 'body/procedureCode', message: '9.999999 is not a procedure your agency receives' }],
    });
  });

  it('answers 403 to a specialist', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: await authHeader(app, 'specialist'),
      payload: dossierBody(),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe('this action requires one of the roles: receptionist, admin');
  });

  it('answers 503 when the engine is down, storing nothing and consuming no code', async () => {
    // given a dossier received while the engine is up
    const before = await receiveDossier(app);
    // when the engine is unreachable
    const withoutEngine = await build({ ENGINE_URL: UNREACHABLE_ENGINE_URL });
    try {
      const response = await withoutEngine.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: await authHeader(withoutEngine, 'receptionist'),
        payload: dossierBody(),
      });
      // then the reception fails with 503 and says why
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'engine unavailable: the dossier was not received, please try again',
      });
    } finally {
      await withoutEngine.close();
    }
    // and the next dossier gets the very next number
    const after = await receiveDossier(app);
    expect(sequenceOf(after.code)).toBe(sequenceOf(before.code) + 1);
  });
});

describe('GET /api/dossiers', () => {
  it('lists the dossiers of the district, newest first, with the total', async () => {
    const received = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: '/api/dossiers?perPage=5',
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ data: { code: string }[]; total: number }>();
    expect(body.data[0]?.code).toBe(received.code);
    expect(body.data.length).toBeLessThanOrEqual(5);
    expect(body.total).toBeGreaterThanOrEqual(body.data.length);
  });

  it('finds a dossier by its code and filters by status', async () => {
    const received = await receiveDossier(app);
    const byCode = await app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${received.code}`,
      headers: await authHeader(app, 'leader'),
    });
    expect(byCode.json()).toMatchObject({ total: 1, data: [{ code: received.code }] });
    const refused = await app.inject({
      method: 'GET',
      url: '/api/dossiers?status=refused',
      headers: await authHeader(app, 'leader'),
    });
    expect(refused.json()).toEqual({ data: [], total: 0 });
  });

  it('shows the province admin the dossiers of the district below', async () => {
    const received = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${received.code}`,
      headers: await authHeader(app, 'admin'),
    });
    expect(response.json().total).toBe(1);
  });

  it('answers 400 naming querystring/perPage when it is above 100', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/dossiers?perPage=1000',
      headers: await authHeader(app, 'leader'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('querystring/perPage');
  });
});

describe('GET /api/dossiers/:code', () => {
  it('returns the dossier with applicant, procedure and agency', async () => {
    const received = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${received.code}`,
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      code: received.code,
      applicant: dossierBody().applicant,
      agency: { code: '000.00.17.H41' },
    });
  });

  it('answers 404 for an unknown code', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/dossiers/000.00.17.H41-200101-9999',
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe('dossier 000.00.17.H41-200101-9999 does not exist');
  });

  it('answers 400 naming params/code for a malformed code', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/dossiers/not-a-code',
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('params/code');
  });
});

describe('GET /api/dossiers/:code/history', () => {
  it('answers 403 to a receptionist', async () => {
    const received = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${received.code}/history`,
      headers: await authHeader(app, 'receptionist'),
    });
    expect(response.statusCode).toBe(403);
  });

  it('gives the auditor the executed steps and the event log', async () => {
    const received = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${received.code}/history`,
      headers: await authHeader(app, 'auditor'),
    });
    expect(response.statusCode).toBe(200);
    const history = response.json();
    expect(history.dossierCode).toBe(received.code);
    expect(history.steps[0]).toMatchObject({ activityType: 'startEvent', startedAt: expect.any(String) });
    expect(history.events).toMatchObject([{ type: 'received', actor: 'receptionist', activityId: null, note: null }]);
  });

  it('answers 404 for an unknown code', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/dossiers/000.00.17.H41-200101-9999/history',
      headers: await authHeader(app, 'auditor'),
    });
    expect(response.statusCode).toBe(404);
  });
});
