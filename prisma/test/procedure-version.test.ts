import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/client.js';
import { applyMigrations } from '../src/migrate.js';
import { seed } from '../src/seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  await applyMigrations(database.url);
  db = createDb(database.url, { max: 2 });
  await seed(db, { demo: true });
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

async function versionOf(code: string) {
  const procedure = await db.procedure.findUniqueOrThrow({ where: { code }, include: { versions: true } });
  return { procedure, version: procedure.versions[0]! };
}

describe('a procedure version once a dossier uses it', () => {
  it('may still be corrected while no dossier was received under it', async () => {
    const { version } = await versionOf('1.001612');
    const updated = await db.procedureVersion.update({
      where: { id: version.id },
      data: { legalBasis: `${version.legalBasis}; sửa lỗi chính tả` },
    });
    expect(updated.legalBasis).toMatch(/sửa lỗi chính tả$/);
  });

  it('is frozen: the database refuses to change or delete it', async () => {
    // Given a dossier received under the construction permit's version 1
    const { procedure, version } = await versionOf('1.009994');
    await db.dossier.create({
      data: {
        code: '000.00.17.H41-261127-0001',
        procedureId: procedure.id,
        procedureVersionId: version.id,
        legalRegime: 'Nghị định 118/2025/NĐ-CP',
        requestSummary: version.name,
        agencyId: procedure.agencyId,
        applicantName: 'Nguyễn Văn Minh',
        applicantIdNumber: '049090001234',
        applicantPhone: '0905123456',
        applicantAddress: 'Thôn Mỹ Phước, xã Duy Hòa',
        receivedAt: new Date('2026-11-27T02:00:00Z'),
        receivedBy: 'receptionist',
      },
    });
    // When someone edits the version's processing time, or deletes it
    const edit = db.procedureVersion.update({ where: { id: version.id }, data: { processingDays: 10 } });
    const removal = db.procedureVersion.delete({ where: { id: version.id } });
    // Then both are refused with the reason, and the version is as it was
    await expect(edit).rejects.toThrow(/is used by dossiers: UPDATE is not allowed, create a new version/);
    await expect(removal).rejects.toThrow(/is used by dossiers: DELETE is not allowed/);
    expect((await db.procedureVersion.findUniqueOrThrow({ where: { id: version.id } })).processingDays).toBe(15);
  });

  it('rejects a negative processing time', async () => {
    const { procedure, version } = await versionOf('1.001193');
    const attempt = db.procedureVersion.create({
      data: {
        ...version,
        id: undefined,
        procedureId: procedure.id,
        version: 2,
        processingDays: -1,
        fees: [],
        requiredDocuments: [],
      },
    });
    await expect(attempt).rejects.toThrow(/ProcedureVersion_processingDays_check/);
  });
});
