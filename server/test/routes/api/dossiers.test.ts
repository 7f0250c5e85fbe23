import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateDossierInput, Dossier, DossierStatus, Timeliness } from '@motcua/common';
import { DEMO_PROCEDURE } from '@motcua/db';
import {
  ensureAccount,
  ensureOtherDistrict,
  OTHER_DISTRICT,
  ensureProvinceReceptionist,
  PROVINCE_RECEPTIONIST,
} from '../../helpers/accounts.js';
import { LIST_TOTAL_CAP } from '../../../src/repositories/dossier-repository.js';
import { build } from '../../helpers/build.js';
import { engineGet, UNREACHABLE_ENGINE_URL } from '../../helpers/engine.js';
import {
  authHeader,
  DEMO_DOCUMENTS,
  DISTRICT_CODE,
  dossierBody,
  DOSSIER_CODE_PATTERN,
  receiveDossier,
  type Username,
} from '../../helpers/requests.js';

/**
 * Reception with its three outcomes, back-entry, acceptance of a completed dossier, controlled status
 * changes, and reading dossiers. The workers do not run here: dossiers stay where the API put them.
 */
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
const [APPLICATION_FORM, LAND_USE_RIGHTS, DRAWINGS] = DEMO_PROCEDURE.requiredDocuments;

/** Process instances the engine ran under a business key (a dossier's id), running or not. */
function historicInstances(businessKey: string) {
  return engineGet<{ id: string; businessKey: string; state: string; deleteReason: string | null }[]>(
    `/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(businessKey)}`,
  );
}

/** Process instances of a process the engine started since an instant, running or not. */
function historicInstancesSince(processDefinitionKey: string, startedAfter: Date) {
  // the engine reads its own date format: no Z, an offset without a colon
  const params = new URLSearchParams({
    processDefinitionKey,
    startedAfter: startedAfter.toISOString().replace('Z', '+0000'),
  });
  return engineGet<{ id: string; businessKey: string; state: string }[]>(
    `/history/process-instance?${params.toString()}`,
  );
}

async function post(body: object, username: Username = 'receptionist') {
  return app.inject({ method: 'POST', url: '/api/dossiers', headers: await authHeader(app, username), payload: body });
}

async function received(overrides: Partial<CreateDossierInput> = {}): Promise<Dossier> {
  const response = await post(dossierBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Dossier>();
}

const INCOMPLETE = {
  outcome: 'incomplete',
  documents: [{ name: APPLICATION_FORM!.name, originals: 1, copies: 0 }],
  missingItems: ['Giấy tờ chứng minh quyền sử dụng đất (bản sao)', 'Bản vẽ thiết kế xây dựng (2 bản chính)'],
} as const satisfies Partial<CreateDossierInput>;

describe('POST /api/dossiers, outcome complete', () => {
  it('receives a complete dossier: a code, status received, a process pinned to its definition and version', async () => {
    // when the receptionist receives a dossier with every mandatory document at the counter
    const response = await post(dossierBody({ applicant: { ...dossierBody().applicant, email: 'tam@example.vn' } }));
    // then it is stored with a code of the district and today
    expect(response.statusCode).toBe(201);
    const dossier = response.json<Dossier>();
    expect(dossier).toMatchObject({
      code: expect.stringMatching(DOSSIER_CODE_PATTERN),
      status: 'received',
      timeliness: 'not_due',
      channel: 'counter',
      dueAt: null,
      finishedAt: null,
      processInstanceId: expect.any(String),
      processDefinitionId: expect.stringMatching(/^house-construction-permit:/),
      legalRegime: 'Nghị định 118/2025/NĐ-CP',
      applicant: { ...dossierBody().applicant, email: 'tam@example.vn' },
      requestSummary: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      documents: DEMO_DOCUMENTS,
      setCount: 1,
      resultDelivery: 'counter',
      missingItems: [],
      backEntry: null,
      pauses: [],
      transfers: [],
      receivedBy: 'receptionist',
      procedure: {
        code: '1.009994',
        name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
        processingDays: 15,
        version: 1,
        field: 'Hoạt động xây dựng',
        level: 'partial_online',
      },
      agency: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
    });
    // and the engine runs the pinned definition under the dossier's id, with the variables the diagram
    // expects at its start (compute-appointment adds the code, taken after the start)
    const instance = await engineGet<{ businessKey: string; definitionId: string }>(
      `/process-instance/${dossier.processInstanceId}`,
    );
    expect(instance).toEqual(
      expect.objectContaining({ businessKey: dossier.id, definitionId: dossier.processDefinitionId }),
    );
    const variables = await engineGet<Record<string, { type: string; value: unknown }>>(
      `/process-instance/${dossier.processInstanceId}/variables`,
    );
    expect(variables).toMatchObject({
      procedureCode: { type: 'String', value: '1.009994' },
      agencyCode: { type: 'String', value: '000.00.17.H41' },
      receivedAt: { type: 'Date' },
      processingDays: { type: 'Integer', value: 15 },
    });
    // and the event log says who received it, and the pinned version is stored
    const row = await app.db.dossier.findUniqueOrThrow({
      where: { id: dossier.id },
      include: { procedureVersion: true },
    });
    expect(row.procedureVersion.version).toBe(1);
    const events = await app.db.dossierEvent.findMany({ where: { dossierId: dossier.id }, orderBy: { id: 'asc' } });
    expect(events).toMatchObject([{ type: 'received', actor: 'receptionist' }]);
    // and the reception queues nothing itself: the receipt goes out once the appointment is computed
    expect(await app.db.notification.count({ where: { dossierId: dossier.id } })).toBe(0);
  });

  it('keeps the request summary, delivery by post and the number of sets the receptionist entered', async () => {
    const dossier = await received({
      requestSummary: 'Cấp giấy phép xây dựng nhà ở 3 tầng',
      resultDelivery: 'post',
      deliveryAddress: '45 Lê Lợi, thị trấn Nam Phước, Duy Xuyên',
      setCount: 2,
      channel: 'post',
    });
    expect(dossier).toMatchObject({
      requestSummary: 'Cấp giấy phép xây dựng nhà ở 3 tầng',
      resultDelivery: 'post',
      deliveryAddress: '45 Lê Lợi, thị trấn Nam Phước, Duy Xuyên',
      setCount: 2,
      channel: 'post',
    });
  });

  it('answers 400 naming body/documents and each missing mandatory document, pointing to outcome incomplete', async () => {
    // given a dossier without the land-use right paper and with one drawing instead of two
    const response = await post(
      dossierBody({
        documents: [
          { name: APPLICATION_FORM!.name, originals: 1, copies: 0 },
          { name: DRAWINGS!.name, originals: 1, copies: 0 },
        ],
      }),
    );
    // then nothing is received and both are named
    expect(response.statusCode).toBe(400);
    const [issue] = response.json<{
      issues: { path: string; code: string; message: string; params: { missing: string } }[];
    }>().issues;
    expect(issue).toMatchObject({ path: 'body/documents', code: 'missing_documents' });
    expect(issue!.params.missing.split('; ')).toEqual([
      `${LAND_USE_RIGHTS!.name} (0 original(s), 1 copy(ies))`,
      `${DRAWINGS!.name} (2 original(s), 0 copy(ies))`,
    ]);
    expect(issue!.message).toContain('outcome incomplete');
  });

  it('puts an online dossier through the same check', async () => {
    const response = await post(dossierBody({ channel: 'online', documents: [] }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ path: 'body/documents', code: 'missing_documents' });
  });

  it('counts an original in place of a copy, and matches document names whatever their case and spacing', async () => {
    const dossier = await received({
      documents: [
        { name: `  ${APPLICATION_FORM!.name.toUpperCase()} `, originals: 1, copies: 0 },
        { name: LAND_USE_RIGHTS!.name, originals: 1, copies: 0 },
        { name: DRAWINGS!.name, originals: 2, copies: 0 },
      ],
    });
    expect(dossier.status).toBe('received');
  });

  it('answers 400 naming body/deliveryAddress when the result goes by post without an address', async () => {
    const response = await post(dossierBody({ resultDelivery: 'post' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      { path: 'body/deliveryAddress', message: 'is required', code: 'required' },
    ]);
  });

  it('answers 400 naming body/applicant/email when it is no e-mail address', async () => {
    const response = await post(dossierBody({ applicant: { ...dossierBody().applicant, email: 'tam at example' } }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      {
        path: 'body/applicant/email',
        message: 'must be an e-mail address, e.g. ten@example.vn',
        code: 'invalid_email',
      },
    ]);
  });

  it('answers 400 naming body/applicant/fullName when it is missing', async () => {
    const applicant: Partial<ReturnType<typeof dossierBody>['applicant']> = { ...dossierBody().applicant };
    delete applicant.fullName;
    const response = await post({ ...dossierBody(), applicant });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'body/applicant/fullName is required',
      issues: [{ path: 'body/applicant/fullName', message: 'is required', code: 'required' }],
    });
  });

  it('answers 400 naming body/applicant/idNumber when it is not 9 or 12 digits', async () => {
    const response = await post(dossierBody({ applicant: { ...dossierBody().applicant, idNumber: '12345' } }));
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe('body/applicant/idNumber must be a 9-digit or 12-digit identity number');
  });

  it('answers 400 naming body/applicant/phone when it is not a Vietnamese phone number', async () => {
    const response = await post(dossierBody({ applicant: { ...dossierBody().applicant, phone: '12-34' } }));
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
    const response = await post(dossierBody({ procedureCode: '9.999999' }));
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
    const response = await post(dossierBody(), username);
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe('this action requires one of the roles: receptionist, admin');
  });

  it('answers 409 naming the process key when the procedure’s process is not deployed, consuming no code', async () => {
    // given a procedure of the district whose process the engine does not have
    const district = await app.db.agency.findUniqueOrThrow({ where: { code: DISTRICT_CODE } });
    const procedure = await app.db.procedure.create({
      data: {
        code: '9.000404',
        agencyId: district.id,
        versions: {
          create: {
            version: 1,
            name: 'Thủ tục chưa có quy trình',
            field: 'Thử nghiệm',
            level: 'partial_online',
            processingDays: 5,
            fees: [],
            requiredDocuments: [],
            legalBasis: 'Thử nghiệm',
            processKey: 'not-deployed-process',
            effectiveFrom: new Date('2020-01-01T00:00:00Z'),
            createdBy: 'test',
          },
        },
      },
    });
    try {
      const before = await receiveDossier(app);
      // when a dossier is received for it
      const response = await post(dossierBody({ procedureCode: '9.000404' }));
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
      await app.db.procedureVersion.deleteMany({ where: { procedureId: procedure.id } });
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
      // the engine's clock and ours may differ by a little: the processes of stored dossiers are told apart below
      const startedAfter = new Date(Date.now() - 1_000);
      // when that dossier is received
      const response = await post(
        dossierBody({ applicant: { ...dossierBody().applicant, fullName: REFUSED_APPLICANT } }),
      );
      // then the reception fails, and the one process started for a dossier that was not stored was deleted
      expect(response.statusCode).toBe(500);
      const recent = await historicInstancesSince(DEMO_PROCEDURE.processKey, startedAfter);
      const stored = await app.db.dossier.findMany({
        where: { id: { in: recent.map((instance) => instance.businessKey) } },
        select: { id: true },
      });
      const storedIds = new Set(stored.map((dossier) => dossier.id));
      const unstored = recent.filter((instance) => !storedIds.has(instance.businessKey));
      expect(unstored.map((instance) => instance.state)).toEqual(['EXTERNALLY_TERMINATED']);
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

describe('POST /api/dossiers, outcome incomplete', () => {
  it('takes a code, starts nothing, keeps every missing item and queues the supplement request', async () => {
    // when the receptionist finds two items missing
    const dossier = await received({
      ...INCOMPLETE,
      applicant: { ...dossierBody().applicant, email: 'tam@example.vn' },
    });
    // then the dossier has a code and waits for them, with no process and no clock
    expect(dossier).toMatchObject({
      code: expect.stringMatching(DOSSIER_CODE_PATTERN),
      status: 'incomplete',
      timeliness: null,
      processInstanceId: null,
      processDefinitionId: null,
      dueAt: null,
      missingItems: INCOMPLETE.missingItems,
      documents: INCOMPLETE.documents,
    });
    expect(await historicInstances(dossier.id)).toEqual([]);
    const events = await app.db.dossierEvent.findMany({ where: { dossierId: dossier.id }, orderBy: { id: 'asc' } });
    expect(events).toMatchObject([
      { type: 'reception_incomplete', actor: 'receptionist', data: { missingItems: INCOMPLETE.missingItems } },
      { type: 'notification_queued', data: { kind: 'supplement_request', channels: 'sms,email' } },
    ]);
    // and the supplement request goes to the applicant's phone and e-mail, listing every item at once
    const notifications = await app.db.notification.findMany({
      where: { dossierId: dossier.id },
      orderBy: { channel: 'asc' },
    });
    expect(notifications).toMatchObject([
      { kind: 'supplement_request', channel: 'sms', recipient: '0905123456', status: 'pending' },
      { kind: 'supplement_request', channel: 'email', recipient: 'tam@example.vn', status: 'pending' },
    ]);
    for (const notification of notifications) {
      expect(notification.body).toContain(dossier.code);
      for (const item of INCOMPLETE.missingItems) expect(notification.body).toContain(item);
    }
  });

  it('answers 400 naming body/missingItems when they are not listed, or the list is empty', async () => {
    const missing = await post(dossierBody({ outcome: 'incomplete', documents: INCOMPLETE.documents }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues).toEqual([{ path: 'body/missingItems', message: 'is required', code: 'required' }]);
    const empty = await post(dossierBody({ ...INCOMPLETE, missingItems: [] }));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().issues).toMatchObject([{ path: 'body/missingItems', code: 'too_small' }]);
  });
});

describe('POST /api/dossiers, outcome refused', () => {
  it('takes a code, is final at once with its reasons, and queues the refusal', async () => {
    const refusalReason = 'Thửa đất thuộc quy hoạch hành lang bảo vệ đê điều, không được cấp phép xây dựng';
    const dossier = await received({ outcome: 'refused', refusalReason, documents: [] });
    expect(dossier).toMatchObject({
      status: 'refused',
      refusalReason,
      processInstanceId: null,
      finishedAt: dossier.receivedAt,
      timeliness: 'on_time',
    });
    const events = await app.db.dossierEvent.findMany({ where: { dossierId: dossier.id }, orderBy: { id: 'asc' } });
    expect(events).toMatchObject([
      { type: 'reception_refused', data: { refusalReason } },
      { type: 'notification_queued', data: { kind: 'refusal', channels: 'sms' } },
    ]);
    const notifications = await app.db.notification.findMany({ where: { dossierId: dossier.id } });
    expect(notifications).toMatchObject([{ kind: 'refusal', channel: 'sms', recipient: '0905123456' }]);
    expect(notifications[0]!.body).toContain(refusalReason);
  });

  it('answers 400 naming body/refusalReason when the reasons are missing', async () => {
    const response = await post(dossierBody({ outcome: 'refused' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([{ path: 'body/refusalReason', message: 'is required', code: 'required' }]);
  });
});

describe('dossier codes', () => {
  it('gives every outcome the next code of the day, without gaps', async () => {
    const complete = await received();
    const incomplete = await received(INCOMPLETE);
    const refused = await received({ outcome: 'refused', refusalReason: 'Không thuộc thẩm quyền giải quyết' });
    expect([incomplete.code, refused.code].map(sequenceOf)).toEqual([
      sequenceOf(complete.code) + 1,
      sequenceOf(complete.code) + 2,
    ]);
  });

  it('gives ten receptions at once ten consecutive codes', async () => {
    // when ten dossiers of every outcome are received at the same time
    const bodies = Array.from({ length: 10 }, (_, index) =>
      index % 3 === 1
        ? dossierBody(INCOMPLETE)
        : index % 3 === 2
          ? dossierBody({ outcome: 'refused', refusalReason: 'Hồ sơ giả mạo giấy tờ' })
          : dossierBody(),
    );
    const responses = await Promise.all(bodies.map((body) => post(body)));
    // then each is received, and their numbers follow each other with none missing or repeated
    expect(responses.map((response) => response.statusCode)).toEqual(Array(10).fill(201));
    const numbers = responses.map((response) => sequenceOf(response.json<Dossier>().code)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, index) => numbers[0]! + index));
  });
});

describe('back-entry of a dossier handled by hand during an outage', () => {
  /** 09:00 on Friday 20/06/2025 in Vietnam, before Decree 118/2025 took effect. */
  const ORIGINAL = '2025-06-20T09:00:00+07:00';
  const backEntry = { receivedAt: ORIGINAL, reason: 'Mất điện toàn huyện, tiếp nhận thủ công' };

  it('stores the original receipt time and its day’s code, flagged, under the regime of that day, and audited', async () => {
    // when the receptionist enters a dossier received by hand on 20/06/2025
    const dossier = await received({ backEntry });
    // then it keeps its original time, takes a code of that day and the regime then in force
    expect(dossier).toMatchObject({
      code: expect.stringMatching(/^000\.00\.17\.H41-250620-\d{4}$/),
      receivedAt: '2025-06-20T02:00:00.000Z',
      legalRegime: 'Nghị định 61/2018/NĐ-CP',
      status: 'received',
      backEntry: { reason: backEntry.reason, enteredBy: 'receptionist', enteredAt: expect.any(String) },
    });
    expect(Date.parse(dossier.backEntry!.enteredAt)).toBeGreaterThan(Date.parse(dossier.receivedAt));
    // and its process counts from the original time
    const variables = await engineGet<Record<string, { value: string }>>(
      `/process-instance/${dossier.processInstanceId}/variables`,
    );
    expect(Date.parse(variables.receivedAt!.value)).toBe(Date.parse(ORIGINAL));
    // and the back-entry is in its event log and the audit log
    const events = await app.db.dossierEvent.findMany({ where: { dossierId: dossier.id }, orderBy: { id: 'asc' } });
    expect(events).toMatchObject([
      { type: 'received', occurredAt: new Date(ORIGINAL) },
      { type: 'back_entered', actor: 'receptionist', note: backEntry.reason },
    ]);
    const audit = await app.db.auditLog.findMany({ where: { action: 'dossier.back_entry', entityId: dossier.code } });
    expect(audit).toMatchObject([
      {
        actor: 'receptionist',
        entity: 'dossier',
        data: { receivedAt: '2025-06-20T02:00:00.000Z', reason: backEntry.reason },
      },
    ]);
  });

  it('lets the admin back-enter as well', async () => {
    const response = await post(dossierBody({ backEntry }), 'admin');
    expect(response.statusCode).toBe(201);
    expect(response.json<Dossier>().backEntry).toMatchObject({ enteredBy: 'admin' });
  });

  it('answers 403 to a specialist', async () => {
    const response = await post(dossierBody({ backEntry }), 'specialist');
    expect(response.statusCode).toBe(403);
  });

  it('answers 400 naming body/backEntry/receivedAt for a time in the future', async () => {
    const response = await post(
      dossierBody({ backEntry: { ...backEntry, receivedAt: new Date(Date.now() + 86_400_000).toISOString() } }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toMatchObject([{ path: 'body/backEntry/receivedAt', code: 'date_in_future' }]);
  });

  it('answers 400 naming body/backEntry/receivedAt before the procedure’s first version applied', async () => {
    const response = await post(dossierBody({ backEntry: { ...backEntry, receivedAt: '2020-01-02T09:00:00+07:00' } }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toMatchObject([
      {
        path: 'body/backEntry/receivedAt',
        code: 'before_first_version',
        params: { min: DEMO_PROCEDURE.effectiveFrom.toISOString() },
      },
    ]);
  });

  it('answers 400 naming body/backEntry/reason when no reason is given', async () => {
    const response = await post(dossierBody({ backEntry: { receivedAt: ORIGINAL } as typeof backEntry }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      { path: 'body/backEntry/reason', message: 'is required', code: 'required' },
    ]);
  });
});

describe('POST /api/dossiers/:code/accept', () => {
  async function accept(code: string, body: object, username: Username = 'receptionist') {
    return app.inject({
      method: 'POST',
      url: `/api/dossiers/${code}/accept`,
      headers: await authHeader(app, username),
      payload: body,
    });
  }

  it('starts the process of an incomplete dossier brought back complete, with the same code and the clock from now', async () => {
    // given a dossier found incomplete at reception
    const incomplete = await received(INCOMPLETE);
    const before = Date.now();
    // when the applicant brings the missing items and the receptionist accepts it
    const response = await accept(incomplete.code, { documents: DEMO_DOCUMENTS });
    // then it is received under the same code, from now, and its process runs
    expect(response.statusCode).toBe(200);
    const dossier = response.json<Dossier>();
    expect(dossier).toMatchObject({
      code: incomplete.code,
      status: 'received',
      processInstanceId: expect.any(String),
      processDefinitionId: expect.stringMatching(/^house-construction-permit:/),
      documents: DEMO_DOCUMENTS,
      missingItems: [],
    });
    expect(Date.parse(dossier.receivedAt)).toBeGreaterThanOrEqual(before - 1_000);
    const instance = await engineGet<{ businessKey: string }>(`/process-instance/${dossier.processInstanceId}`);
    expect(instance.businessKey).toBe(incomplete.id);
    const events = await app.db.dossierEvent.findMany({ where: { dossierId: dossier.id }, orderBy: { id: 'asc' } });
    expect(events.map((event) => event.type)).toEqual(['reception_incomplete', 'notification_queued', 'received']);
  });

  it('answers 409 wrong_status for a dossier that is not incomplete', async () => {
    const dossier = await received();
    const response = await accept(dossier.code, { documents: DEMO_DOCUMENTS });
    expect(response.statusCode).toBe(409);
    expect(response.json().issues).toMatchObject([{ code: 'wrong_status', params: { status: 'received' } }]);
  });

  it('answers 400 naming body/documents when mandatory documents are still missing', async () => {
    const incomplete = await received(INCOMPLETE);
    const response = await accept(incomplete.code, { documents: INCOMPLETE.documents });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toMatchObject([{ path: 'body/documents', code: 'missing_documents' }]);
    const still = await app.db.dossier.findUniqueOrThrow({ where: { code: incomplete.code } });
    expect(still).toMatchObject({ status: 'incomplete', processInstanceId: null });
  });

  it('answers 403 to a specialist', async () => {
    const incomplete = await received(INCOMPLETE);
    expect((await accept(incomplete.code, { documents: DEMO_DOCUMENTS }, 'specialist')).statusCode).toBe(403);
  });

  it('is for the agency that received it: 403 to the province’s admin who oversees it, 404 to its receptionist', async () => {
    // given a dossier the district found incomplete, and a receptionist of the province above
    await ensureProvinceReceptionist(app.db);
    const incomplete = await received(INCOMPLETE);
    // when the province's admin and receptionist accept it
    const byAdmin = await accept(incomplete.code, { documents: DEMO_DOCUMENTS }, 'admin');
    const byReceptionist = await accept(incomplete.code, { documents: DEMO_DOCUMENTS }, PROVINCE_RECEPTIONIST);
    // then the admin, who sees it, is refused, and the receptionist is told it does not exist
    expect(byAdmin.statusCode).toBe(403);
    expect(byReceptionist.statusCode).toBe(404);
    expect(byReceptionist.json().message).toBe(`dossier ${incomplete.code} does not exist`);
    // and it still waits at the district's counter
    const still = await app.db.dossier.findUniqueOrThrow({ where: { code: incomplete.code } });
    expect(still).toMatchObject({ status: 'incomplete', processInstanceId: null });
  });
});

describe('POST /api/dossiers/:code/status-override', () => {
  const withdrawal = {
    status: 'withdrawn',
    authorisingDocument: 'Quyết định số 12/QĐ-UBND ngày 01/12/2026',
    reason: 'Công dân có đơn xin rút hồ sơ',
  } as const;

  async function override(code: string, body: object, username: Username = 'leader') {
    return app.inject({
      method: 'POST',
      url: `/api/dossiers/${code}/status-override`,
      headers: await authHeader(app, username),
      payload: body,
    });
  }

  it('withdraws a dossier on an authorising document: the process is cancelled with it, and it is audited', async () => {
    // given a dossier whose process runs
    const dossier = await received();
    // when the leader records the applicant's withdrawal, citing the decision
    const response = await override(dossier.code, withdrawal);
    // then the dossier is withdrawn and finished
    expect(response.statusCode).toBe(200);
    expect(response.json<Dossier>()).toMatchObject({ status: 'withdrawn', finishedAt: expect.any(String) });
    // and its process no longer runs, cancelled with the document and the reason
    const [instance] = await historicInstances(dossier.id);
    expect(instance).toMatchObject({
      state: 'EXTERNALLY_TERMINATED',
      deleteReason: `${withdrawal.authorisingDocument}: ${withdrawal.reason}`,
    });
    // and the change is in the dossier's log and in the audit log
    const events = await app.db.dossierEvent.findMany({
      where: { dossierId: dossier.id, type: { in: ['status_overridden', 'withdrawn'] } },
      orderBy: { id: 'asc' },
    });
    expect(events).toMatchObject([
      {
        type: 'status_overridden',
        actor: 'leader',
        note: withdrawal.reason,
        data: { from: 'received', to: 'withdrawn', authorisingDocument: withdrawal.authorisingDocument },
      },
      { type: 'withdrawn', actor: 'leader' },
    ]);
    const audit = await app.db.auditLog.findMany({
      where: { action: 'dossier.status_override', entityId: dossier.code },
    });
    expect(audit).toMatchObject([
      {
        actor: 'leader',
        data: {
          from: 'received',
          to: 'withdrawn',
          authorisingDocument: withdrawal.authorisingDocument,
          reason: withdrawal.reason,
        },
      },
    ]);
  });

  it('changes the status of an incomplete dossier, which has no process, as well', async () => {
    const dossier = await received(INCOMPLETE);
    const response = await override(dossier.code, withdrawal, 'admin');
    expect(response.statusCode).toBe(200);
    expect(response.json<Dossier>().status).toBe('withdrawn');
  });

  it('answers 409 wrong_status when a dossier without a process would be moved into processing', async () => {
    const dossier = await received(INCOMPLETE);
    const response = await override(dossier.code, { ...withdrawal, status: 'in_progress' });
    expect(response.statusCode).toBe(409);
    expect(response.json().issues).toMatchObject([{ code: 'wrong_status', params: { status: 'incomplete' } }]);
  });

  it('answers 400 naming body/authorisingDocument when it is missing, and changes nothing', async () => {
    const dossier = await received();
    const response = await override(dossier.code, { status: withdrawal.status, reason: withdrawal.reason });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      { path: 'body/authorisingDocument', message: 'is required', code: 'required' },
    ]);
    expect((await app.db.dossier.findUniqueOrThrow({ where: { id: dossier.id } })).status).toBe('received');
  });

  it('answers 400 same_status for the status the dossier already has', async () => {
    const dossier = await received();
    const response = await override(dossier.code, { ...withdrawal, status: 'received' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toMatchObject([{ path: 'body/status', code: 'same_status' }]);
  });

  it('answers 409 final_status for a dossier whose status is final', async () => {
    const refused = await received({ outcome: 'refused', refusalReason: 'Không thuộc thẩm quyền giải quyết' });
    const response = await override(refused.code, { ...withdrawal, status: 'in_progress' });
    expect(response.statusCode).toBe(409);
    expect(response.json().issues).toMatchObject([{ code: 'final_status', params: { status: 'refused' } }]);
  });

  it.each(['receptionist', 'specialist', 'auditor'])('answers 403 to the %s', async (username) => {
    const dossier = await received();
    expect((await override(dossier.code, withdrawal, username)).statusCode).toBe(403);
  });

  it('answers 404 to the leader of another district', async () => {
    await ensureOtherDistrict(app.db);
    await ensureAccount(app.db, {
      username: 'leader-dailoc',
      fullName: 'Trương Văn Hải',
      roles: ['leader'],
      agencyCode: OTHER_DISTRICT.code,
    });
    const dossier = await received();
    expect((await override(dossier.code, withdrawal, 'leader-dailoc')).statusCode).toBe(404);
  });
});

describe('GET /api/dossiers', () => {
  it('lists the dossiers of the district, newest first, with the total', async () => {
    const dossier = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: '/api/dossiers?perPage=5',
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ data: { code: string }[]; total: number }>();
    expect(body.data.map((entry) => entry.code)).toContain(dossier.code);
    expect(body.data.length).toBeLessThanOrEqual(5);
    expect(body.total).toBeGreaterThanOrEqual(body.data.length);
  });

  it('finds a dossier by its code and filters by status', async () => {
    const dossier = await receiveDossier(app);
    const byCode = await app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${dossier.code}`,
      headers: await authHeader(app, 'leader'),
    });
    expect(byCode.json()).toMatchObject({ total: 1, data: [{ code: dossier.code }] });
    const incomplete = await received(INCOMPLETE);
    const filtered = await app.inject({
      method: 'GET',
      url: '/api/dossiers?status=incomplete&perPage=100',
      headers: await authHeader(app, 'leader'),
    });
    const codes = filtered.json<{ data: Dossier[] }>().data.map((entry) => entry.code);
    expect(codes).toContain(incomplete.code);
    expect(codes).not.toContain(dossier.code);
    expect(filtered.json<{ data: Dossier[] }>().data.every((entry) => entry.status === 'incomplete')).toBe(true);
  });

  it('filters by timeliness, judged now as on each dossier', async () => {
    // given one dossier whose appointment has passed and one due in a month
    const late = await received();
    const early = await received();
    await app.db.dossier.update({
      where: { id: late.id },
      data: { status: 'in_progress', dueAt: new Date(Date.now() - 3_600_000) },
    });
    await app.db.dossier.update({
      where: { id: early.id },
      data: { status: 'in_progress', dueAt: new Date(Date.now() + 30 * 86_400_000) },
    });
    async function codesWith(timeliness: string): Promise<string[]> {
      const response = await app.inject({
        method: 'GET',
        url: `/api/dossiers?timeliness=${timeliness}&perPage=100`,
        headers: await authHeader(app, 'leader'),
      });
      expect(response.statusCode).toBe(200);
      const data = response.json<{ data: Dossier[] }>().data;
      expect(data.every((entry) => entry.timeliness === timeliness)).toBe(true);
      return data.map((entry) => entry.code);
    }
    // then each is found under its timeliness only
    expect(await codesWith('overdue')).toContain(late.code);
    expect(await codesWith('not_due')).toContain(early.code);
    expect(await codesWith('not_due')).not.toContain(late.code);
    // and a dossier that finished after its appointment day is late
    await app.db.dossier.update({
      where: { id: late.id },
      data: {
        status: 'returned',
        dueAt: new Date('2026-03-02T03:00:00Z'),
        finishedAt: new Date('2026-03-04T03:00:00Z'),
      },
    });
    expect(await codesWith('late')).toContain(late.code);
    expect(await codesWith('overdue')).not.toContain(late.code);
  });

  it('filters by every timeliness in one condition, however many dossiers match', async () => {
    // given, received long ago by the other district, dossiers of every timeliness: more of them
    // finished late than one query may carry parameters (32,767), a few of each other kind
    const minute = 60_000;
    const now = Date.now();
    const due = new Date('2025-03-03T03:00:00Z');
    const groups: Record<Timeliness, { count: number; status: DossierStatus; dueAt: Date; finishedAt: Date | null }> = {
      not_due: { count: 2, status: 'in_progress', dueAt: new Date(now + 60 * 24 * 60 * minute), finishedAt: null },
      // within a working day of now at any hour: two hours hold at most 120 working minutes
      nearly_due: { count: 2, status: 'in_progress', dueAt: new Date(now + 120 * minute), finishedAt: null },
      overdue: { count: 3, status: 'at_other_agency', dueAt: new Date(now - 60 * minute), finishedAt: null },
      paused: { count: 2, status: 'awaiting_supplement', dueAt: due, finishedAt: null },
      early: { count: 3, status: 'returned', dueAt: due, finishedAt: new Date('2025-02-28T03:00:00Z') },
      on_time: { count: 2, status: 'refused', dueAt: due, finishedAt: new Date('2025-03-03T09:00:00Z') },
      late: { count: 33_000, status: 'returned', dueAt: due, finishedAt: new Date('2025-03-05T03:00:00Z') },
    };
    await ensureOtherDistrict(app.db);
    await ensureAccount(app.db, {
      username: 'dossiers-leader-dl',
      fullName: 'Lý Thị Thu',
      roles: ['leader'],
      agencyCode: OTHER_DISTRICT.code,
    });
    const template = await received();
    const otherDistrict = await app.db.agency.findUniqueOrThrow({ where: { code: OTHER_DISTRICT.code } });
    try {
      for (const [timeliness, group] of Object.entries(groups)) {
        await app.db.$executeRaw`
          INSERT INTO "Dossier" (id, code, "procedureId", "procedureVersionId", "legalRegime", "agencyId",
            "applicantName", "applicantIdNumber", "applicantPhone", "applicantAddress", "requestSummary",
            status, "receivedAt", "receivedBy", "dueAt", "finishedAt", "updatedAt")
          SELECT gen_random_uuid(), ${`HISTORY-${timeliness}-`} || n, d."procedureId", d."procedureVersionId",
            d."legalRegime", ${otherDistrict.id}::uuid, d."applicantName", d."applicantIdNumber", d."applicantPhone",
            d."applicantAddress", d."requestSummary", ${group.status}::"DossierStatus", ${new Date('2025-02-03T02:00:00Z')},
            'receptionist', ${group.dueAt}, ${group.finishedAt}, now()
          FROM generate_series(1, ${group.count}) n, "Dossier" d WHERE d.id = ${template.id}::uuid`;
      }
      for (const [timeliness, group] of Object.entries(groups)) {
        // when the other district's leader lists the dossiers of one timeliness
        const response = await app.inject({
          method: 'GET',
          url: `/api/dossiers?timeliness=${timeliness}&perPage=100`,
          headers: await authHeader(app, 'dossiers-leader-dl'),
        });
        // then exactly that group is counted (up to the cap, beyond which the total says "more"), and
        // the page shows that timeliness only
        expect(response.statusCode, timeliness).toBe(200);
        const body = response.json<{ data: Dossier[]; total: number }>();
        expect(body.total, timeliness).toBe(Math.min(group.count, LIST_TOTAL_CAP + 1));
        expect(body.data, timeliness).toHaveLength(Math.min(group.count, 100));
        expect(
          body.data.every((entry) => entry.timeliness === timeliness),
          timeliness,
        ).toBe(true);
      }
    } finally {
      await app.db.$executeRaw`DELETE FROM "Dossier" WHERE code LIKE 'HISTORY-%'`;
    }
  });

  it('shows the province admin the dossiers of the district below', async () => {
    const dossier = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${dossier.code}`,
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

  it('answers 400 naming querystring/timeliness for a timeliness that does not exist', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/dossiers?timeliness=soon',
      headers: await authHeader(app, 'leader'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ path: 'querystring/timeliness', code: 'invalid_option' });
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
    const dossier = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossier.code}`,
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      code: dossier.code,
      applicant: { ...dossierBody().applicant, email: null },
      agency: { code: '000.00.17.H41' },
    });
  });

  it('is read by the province’s oversight, and not by its receptionist nor by the commune below (404)', async () => {
    // given a dossier of the district, a receptionist of the province above and the commune's leader below
    await ensureProvinceReceptionist(app.db);
    const dossier = await receiveDossier(app);
    const read = async (username: Username) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/dossiers/${dossier.code}`,
          headers: await authHeader(app, username),
        })
      ).statusCode;
    // when each reads it, then the province's admin (oversight, Art. 4.2d) does, the others do not
    expect(await read('admin')).toBe(200);
    expect(await read(PROVINCE_RECEPTIONIST)).toBe(404);
    expect(await read('xa.leader')).toBe(404);
    // and the province receptionist's list leaves it out
    const list = await app.inject({
      method: 'GET',
      url: `/api/dossiers?q=${dossier.code}`,
      headers: await authHeader(app, PROVINCE_RECEPTIONIST),
    });
    expect(list.json().total).toBe(0);
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
    const dossier = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossier.code}/history`,
      headers: await authHeader(app, 'receptionist'),
    });
    expect(response.statusCode).toBe(403);
  });

  it('answers 403 to a specialist', async () => {
    const dossier = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossier.code}/history`,
      headers: await authHeader(app, 'specialist'),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe('this action requires one of the roles: auditor, leader, admin');
  });

  it('gives the auditor the executed steps and the event log', async () => {
    const dossier = await receiveDossier(app);
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossier.code}/history`,
      headers: await authHeader(app, 'auditor'),
    });
    expect(response.statusCode).toBe(200);
    const history = response.json();
    expect(history.dossierCode).toBe(dossier.code);
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
