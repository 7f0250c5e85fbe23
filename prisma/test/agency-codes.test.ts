import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyCodeHistory, resolveAgency, resolveAgencySuccession } from '../src/agency-codes.js';
import { createDb, type Db } from '../src/client.js';
import { applyMigrations } from '../src/migrate.js';
import { createTestDatabase, type TestDatabase } from './database.js';

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  await applyMigrations(database.url);
  db = createDb(database.url, { max: 2 });
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe('agency code history', () => {
  it('records an inserted agency’s code as its current code', async () => {
    // When an agency is created through Prisma, as the admin API does
    const agency = await db.agency.create({ data: { code: '000.01.17.H41', name: 'UBND xã Duy Hòa' } });
    // Then its code history holds that code, open-ended, from its creation
    expect(await agencyCodeHistory(db, agency.id)).toEqual([
      { code: '000.01.17.H41', agencyId: agency.id, validFrom: agency.createdAt, validUntil: null, legalRef: null },
    ]);
  });

  it('keeps the old code resolvable when an agency gets a new code', async () => {
    // Given an agency whose code is reissued in the left-to-right form (Decision 09/2025/QĐ-TTg)
    const agency = await db.agency.create({ data: { code: '000.02.17.H41', name: 'UBND xã Duy Phú' } });
    await db.agency.update({ where: { id: agency.id }, data: { code: 'H41.17.02' } });

    // Then both codes are in its history, the old one closed, and both resolve to it
    const history = await agencyCodeHistory(db, agency.id);
    expect(history.map((row) => [row.code, row.validUntil === null])).toEqual([
      ['000.02.17.H41', false],
      ['H41.17.02', true],
    ]);
    expect((await resolveAgency(db, '000.02.17.H41'))?.id).toBe(agency.id);
    expect((await resolveAgency(db, 'H41.17.02'))?.id).toBe(agency.id);
  });

  it('never reissues a code that another agency had', async () => {
    // Given an agency that gave up its old code
    const first = await db.agency.create({ data: { code: '000.03.17.H41', name: 'UBND xã Duy Tân' } });
    await db.agency.update({ where: { id: first.id }, data: { code: 'H41.17.03' } });
    // When another agency is created with that old code
    const attempt = db.agency.create({ data: { code: '000.03.17.H41', name: 'UBND xã Duy Châu' } });
    // Then the database refuses, naming the code
    await expect(attempt).rejects.toThrow(/agency code 000\.03\.17\.H41 was issued to another agency/);
    expect((await resolveAgency(db, '000.03.17.H41'))?.id).toBe(first.id);
  });
});

describe('resolveAgency', () => {
  it('follows mergers to the agency that does the work now', async () => {
    // Given two communes merged into a third, which was itself merged into a fourth
    const [a, b, c, d] = await Promise.all(
      ['000.11.17.H41', '000.12.17.H41', '000.13.17.H41', '000.14.17.H41'].map((code, i) =>
        db.agency.create({ data: { code, name: `UBND xã thử nghiệm ${i + 1}` } }),
      ),
    );
    await db.agency.updateMany({ where: { id: { in: [a!.id, b!.id] } }, data: { successorId: c!.id } });
    await db.agency.update({ where: { id: c!.id }, data: { successorId: d!.id } });

    // When resolving each code
    const resolved = await Promise.all(
      ['000.11.17.H41', '000.12.17.H41', '000.13.17.H41', '000.14.17.H41'].map((code) => resolveAgency(db, code)),
    );
    // Then every one leads to the last successor
    expect(resolved.map((agency) => agency?.code)).toEqual(Array(4).fill('000.14.17.H41'));
  });

  it('lists the agencies an old code leads through, from the one it was issued to', async () => {
    // Given a commune whose code was reissued, then merged into another commune
    const commune = await db.agency.create({ data: { code: '000.31.17.H41', name: 'UBND xã Duy Sơn' } });
    await db.agency.update({ where: { id: commune.id }, data: { code: 'H41.17.31' } });
    const merged = await db.agency.create({ data: { code: '000.32.17.H41', name: 'UBND xã Duy Sơn mới' } });
    await db.agency.update({ where: { id: commune.id }, data: { successorId: merged.id } });

    // When resolving its old code
    const succession = await resolveAgencySuccession(db, '000.31.17.H41');

    // Then the path runs from that commune (by its current code) to its successor, under the closed history row
    expect(succession?.path.map((agency) => agency.code)).toEqual(['H41.17.31', '000.32.17.H41']);
    expect(succession?.history).toMatchObject({ code: '000.31.17.H41', agencyId: commune.id });
    expect(succession?.history?.validUntil).not.toBeNull();
  });

  it('finds nothing for a code no agency ever had', async () => {
    expect(await resolveAgency(db, '000.99.99.H99')).toBeNull();
  });

  it('refuses a succession that goes round in a circle', async () => {
    const x = await db.agency.create({ data: { code: '000.21.17.H41', name: 'UBND xã vòng 1' } });
    const y = await db.agency.create({ data: { code: '000.22.17.H41', name: 'UBND xã vòng 2', successorId: x.id } });
    await db.agency.update({ where: { id: x.id }, data: { successorId: y.id } });
    await expect(resolveAgency(db, '000.21.17.H41')).rejects.toThrow(/does not end/);
  });
});
