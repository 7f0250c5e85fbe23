import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../helpers/build.js';
import { engineGet, UNREACHABLE_ENGINE_URL } from '../../helpers/engine.js';
import {
  authHeader,
  DISTRICT_CODE,
  dossierBody,
  DOSSIER_CODE_PATTERN,
  receiveDossier,
} from '../../helpers/requests.js';

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

const REFUSED_APPLICANT = 'Người Bị Từ Chối';

/** Process instances the engine ran under a business key, running or not. */
function historicInstances(businessKey: string) {
  return engineGet<{ id: string; startTime: string; state: string }[]>(
    `/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(businessKey)}`,
  );
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
      issues: [{ path: 'body/applicant/fullName', message: 'is required', code: 'required' }],
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
      {
        path: 'body/applicant/phone',
        message: 'must be a Vietnamese phone number, e.g. 0912345678',
        code: 'invalid_phone',
      },
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
      issues: [
        {
          path: 'body/procedureCode',
          message: '9.999999 is not a procedure your agency receives',
          code: 'unknown_procedure',
        },
      ],
    });
  });

  it.each(['specialist', 'leader', 'auditor'])('answers 403 to the %s', async (username) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: await authHeader(app, username),
      payload: dossierBody(),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe('this action requires one of the roles: receptionist, admin');
  });

  it('answers 409 naming the process key when the procedure’s process is not deployed, consuming no code', async () => {
    // given a procedure of the district whose process the engine does not have
    const district = await app.db.agency.findUniqueOrThrow({ where: { code: DISTRICT_CODE } });
    const procedure = await app.db.procedure.create({
      data: {
        code: '9.000404',
        name: 'Thủ tục chưa có quy trình',
        agencyId: district.id,
        processingDays: 5,
        processKey: 'not-deployed-process',
      },
    });
    try {
      const before = await receiveDossier(app);
      // when a dossier is received for it
      const response = await app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: await authHeader(app, 'receptionist'),
        payload: dossierBody({ procedureCode: '9.000404' }),
      });
      // then the answer names the missing process, and nothing is stored
      expect(response.statusCode).toBe(409);
      expect(response.json()).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message:
          'the process not-deployed-process of this procedure is not deployed in the engine; the dossier was not received',
      });
      expect(await app.db.dossier.count({ where: { procedureId: procedure.id } })).toBe(0);
      const after = await receiveDossier(app);
      expect(sequenceOf(after.code)).toBe(sequenceOf(before.code) + 1);
    } finally {
      await app.db.procedure.delete({ where: { id: procedure.id } });
    }
  });

  it('deletes the process it started when storing the dossier fails, consuming no code', async () => {
    // given a database that refuses to store one applicant's dossier, after the process has started
    await app.db.$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."applicantName" = '${REFUSED_APPLICANT}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$`);
    await app.db.$executeRawUnsafe(
      'CREATE TRIGGER test_refuse_dossier BEFORE INSERT ON "Dossier" FOR EACH ROW EXECUTE FUNCTION test_refuse_dossier()',
    );
    try {
      const before = await receiveDossier(app);
      const refusedCode = before.code.replace(/\d+$/, String(sequenceOf(before.code) + 1).padStart(4, '0'));
      const startedAfter = Date.now();
      // when that dossier is received
      const response = await app.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: await authHeader(app, 'receptionist'),
        payload: dossierBody({ applicant: { ...dossierBody().applicant, fullName: REFUSED_APPLICANT } }),
      });
      // then the reception fails, and the process the engine started under its code was deleted
      expect(response.statusCode).toBe(500);
      const started = (await historicInstances(refusedCode)).filter(
        (instance) => Date.parse(instance.startTime) >= startedAfter - 1_000,
      );
      expect(started.map((instance) => instance.state)).toEqual(['EXTERNALLY_TERMINATED']);
      const running = await engineGet<{ id: string }[]>(`/process-instance?businessKey=${refusedCode}`);
      expect(running.map((instance) => instance.id)).not.toContain(started[0]?.id);
      // and nothing was stored: the code goes to the next dossier
      expect(await app.db.dossier.count({ where: { code: refusedCode } })).toBe(0);
      const after = await receiveDossier(app);
      expect(after.code).toBe(refusedCode);
    } finally {
      await app.db.$executeRawUnsafe('DROP TRIGGER test_refuse_dossier ON "Dossier"');
      await app.db.$executeRawUnsafe('DROP FUNCTION test_refuse_dossier()');
    }
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

  it('answers 400 naming querystring/status for a status that does not exist', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/dossiers?status=lost',
      headers: await authHeader(app, 'leader'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('querystring/status');
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

  it('answers 403 to a specialist', async () => {
    const received = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${received.code}/history`,
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe('this action requires one of the roles: auditor, leader, admin');
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
