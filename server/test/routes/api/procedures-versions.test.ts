import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureDetail } from '@motcua/common';
import { createProcedureRepository } from '../../../src/repositories/procedure-repository.js';
import { build } from '../../helpers/build.js';
import { authHeader, DISTRICT_CODE } from '../../helpers/requests.js';
import { newProcedureBody, versionBody } from './procedure-bodies.js';

/**
 * Versions of a procedure: a change is a new version with its full content, earlier versions stay
 * as they were, and a dossier stays pinned to the version it was received under.
 */
let app: FastifyInstance;
beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});

async function addVersion(code: string, body: object) {
  return app.inject({
    method: 'POST',
    url: `/api/procedures/${code}/versions`,
    headers: await authHeader(app, 'admin'),
    payload: body,
  });
}

async function createProcedure(code: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/procedures',
    headers: await authHeader(app, 'admin'),
    payload: newProcedureBody(code),
  });
  if (response.statusCode !== 201) throw new Error(`creating ${code} failed: ${response.body}`);
  return response.json<ProcedureDetail>();
}

/** A dossier received under a version, written straight to the database as reception stores one. */
async function insertDossier(procedureCode: string, versionNumber: number, receivedAt: Date) {
  const procedure = await app.db.procedure.findUniqueOrThrow({ where: { code: procedureCode } });
  const version = await app.db.procedureVersion.findUniqueOrThrow({
    where: { procedureId_version: { procedureId: procedure.id, version: versionNumber } },
  });
  const agency = await app.db.agency.findUniqueOrThrow({ where: { code: DISTRICT_CODE } });
  return app.db.dossier.create({
    data: {
      // a day no other test receives on, and a sequence far above a day's real counts
      code: `${DISTRICT_CODE}-991231-${randomInt(100_000, 1_000_000)}`,
      procedureId: procedure.id,
      procedureVersionId: version.id,
      legalRegime: 'Nghị định 118/2025/NĐ-CP',
      agencyId: agency.id,
      applicantName: 'Võ Văn Tám',
      applicantIdNumber: '049190001234',
      applicantPhone: '0905123456',
      applicantAddress: '12 Hùng Vương, thị trấn Nam Phước',
      requestSummary: version.name,
      receivedAt,
      receivedBy: 'receptionist',
    },
  });
}

describe('POST /api/procedures/{code}/versions', () => {
  it('adds version 2 with its own content and keeps version 1 as it was', async () => {
    // given a procedure at version 1
    const created = await createProcedure('2.000201');
    // when the admin adds a version with a shorter time and a new fee, effective in 2026
    const response = await addVersion(
      '2.000201',
      versionBody({
        processingDays: 10,
        fees: [{ name: 'Lệ phí cấp giấy phép xây dựng', amountVnd: 100_000 }],
        effectiveFrom: '2026-01-01T00:00:00+07:00',
      }),
    );
    // then the procedure has two versions, newest first, and version 1 is unchanged
    expect(response.statusCode).toBe(201);
    const detail = response.json<ProcedureDetail>();
    expect(detail.versions.map((version) => [version.version, version.processingDays])).toEqual([
      [2, 10],
      [1, 15],
    ]);
    expect(detail.versions[1]).toEqual(created.versions[0]);
    // and the catalogue shows the version in effect now
    expect(detail).toMatchObject({ version: 2, latestVersion: 2, processingDays: 10 });
    expect(await app.db.auditLog.count({ where: { action: 'procedure.version.create', entityId: '2.000201' } })).toBe(
      1,
    );
  });

  it('shows the version in effect while a newer one is scheduled', async () => {
    // given a procedure at version 1, and a version 2 effective in ten years
    await createProcedure('2.000202');
    const future = new Date(Date.now() + 10 * 365 * 86_400_000).toISOString();
    const response = await addVersion('2.000202', versionBody({ processingDays: 5, effectiveFrom: future }));
    // then the catalogue keeps showing version 1, and says a version 2 exists
    expect(response.json()).toMatchObject({ version: 1, latestVersion: 2, processingDays: 15 });
  });

  it('refuses a version that would take effect before the version it follows', async () => {
    // given a procedure whose version 1 applies from 03/03/2021
    await createProcedure('2.000203');
    // when a version effective in 2020 is added
    const response = await addVersion('2.000203', versionBody({ effectiveFrom: '2020-01-01T00:00:00+07:00' }));
    // then it is refused, naming the field
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toEqual([
      expect.objectContaining({ path: 'body/effectiveFrom', code: 'effective_before_previous' }),
    ]);
    expect(await app.db.procedureVersion.count({ where: { procedure: { code: '2.000203' } } })).toBe(1);
  });

  it('validates a version like a new procedure', async () => {
    await createProcedure('2.000204');
    const response = await addVersion('2.000204', versionBody({ processingDays: -3 }));
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toContainEqual(
      expect.objectContaining({ path: 'body/processingDays', code: 'too_small' }),
    );
  });

  it('answers 404 for a procedure outside the catalogue', async () => {
    const response = await addVersion('9.999998', versionBody());
    expect(response.statusCode).toBe(404);
  });

  it('numbers versions added at the same time one after the other', async () => {
    // given a procedure at version 1
    await createProcedure('2.000205');
    // when three versions are added at once
    const responses = await Promise.all(
      [5, 6, 7].map((days) => addVersion('2.000205', versionBody({ processingDays: days }))),
    );
    // then each got its own number
    expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201]);
    const versions = await app.db.procedureVersion.findMany({
      where: { procedure: { code: '2.000205' } },
      orderBy: { version: 'asc' },
    });
    expect(versions.map((version) => version.version)).toEqual([1, 2, 3, 4]);
    expect(new Set(versions.map((version) => version.processingDays))).toEqual(new Set([15, 5, 6, 7]));
  });
});

describe('pinning dossiers to their version', () => {
  it('keeps a dossier on the version it was received under when a new version is added', async () => {
    // given a procedure at version 1 and a dossier received under it
    await createProcedure('2.000301');
    const dossier = await insertDossier('2.000301', 1, new Date('2025-03-10T02:00:00Z'));
    // when version 2 takes effect
    const response = await addVersion(
      '2.000301',
      versionBody({ processingDays: 7, effectiveFrom: '2025-07-01T00:00:00+07:00' }),
    );
    expect(response.statusCode).toBe(201);
    // then the dossier still points at version 1, whose content has not changed
    const pinned = await app.db.dossier.findUniqueOrThrow({
      where: { id: dossier.id },
      include: { procedureVersion: true },
    });
    expect(pinned.procedureVersion).toMatchObject({ version: 1, processingDays: 15 });
  });

  it('tells which version applies at an instant: the newest already in effect', async () => {
    // given versions effective from 03/03/2021 (1) and 01/07/2025 (2)
    await createProcedure('2.000302');
    await addVersion('2.000302', versionBody({ processingDays: 7, effectiveFrom: '2025-07-01T00:00:00+07:00' }));
    const procedure = await app.db.procedure.findUniqueOrThrow({ where: { code: '2.000302' } });
    const repository = createProcedureRepository(app.db);
    // then a receipt on 30/06/2025 at 23:59 Vietnam time falls under version 1, one at midnight under version 2
    const before = await repository.versionApplyingAt(procedure.id, new Date('2025-06-30T16:59:59Z'));
    const from = await repository.versionApplyingAt(procedure.id, new Date('2025-06-30T17:00:00Z'));
    expect(before?.version).toBe(1);
    expect(from?.version).toBe(2);
    // and nothing applies before the first version
    expect(await repository.versionApplyingAt(procedure.id, new Date('2021-03-01T00:00:00Z'))).toBeNull();
  });

  it('lets the database refuse an edit of a version a dossier is pinned to', async () => {
    // given a dossier received under version 1
    await createProcedure('2.000303');
    const dossier = await insertDossier('2.000303', 1, new Date('2025-03-11T02:00:00Z'));
    // when someone edits version 1 behind the API's back
    const edit = app.db.procedureVersion.update({
      where: { id: dossier.procedureVersionId },
      data: { processingDays: 1 },
    });
    // then the database refuses
    await expect(edit).rejects.toThrow(/used by dossiers/);
  });
});
