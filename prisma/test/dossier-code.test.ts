import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/client.js';
import { dossierCodeDay, formatDossierCode, nextDossierCode } from '../src/dossier-code.js';
import { applyMigrations } from '../src/migrate.js';
import { seed } from '../src/seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';

describe('dossier code format', () => {
  it('dates a dossier by the Vietnamese calendar day, which starts at 17:00 UTC', () => {
    expect(dossierCodeDay(new Date('2026-11-27T16:59:59.999Z'))).toBe('261127');
    expect(dossierCodeDay(new Date('2026-11-27T17:00:00.000Z'))).toBe('261128');
    expect(dossierCodeDay(new Date('2026-12-31T17:00:00.000Z'))).toBe('270101');
  });

  it('pads the daily sequence to four digits and keeps growing past 9999', () => {
    expect(formatDossierCode('000.00.17.H41', '261127', 1)).toBe('000.00.17.H41-261127-0001');
    expect(formatDossierCode('000.00.17.H41', '261127', 9999)).toBe('000.00.17.H41-261127-9999');
    expect(formatDossierCode('000.00.17.H41', '261127', 10000)).toBe('000.00.17.H41-261127-10000');
    expect(() => formatDossierCode('000.00.17.H41', '261127', 0)).toThrow(RangeError);
  });
});

describe('nextDossierCode', () => {
  let database: TestDatabase;
  let db: Db;
  let district: { id: string; code: string };
  let province: { id: string; code: string };
  beforeAll(async () => {
    database = await createTestDatabase();
    await applyMigrations(database.url);
    db = createDb(database.url, { max: 20 });
    await seed(db, { demo: true });
    district = await db.agency.findUniqueOrThrow({ where: { code: '000.00.17.H41' } });
    province = await db.agency.findUniqueOrThrow({ where: { code: '000.00.00.H41' } });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('gives 20 concurrent receptions the numbers 0001 to 0020, each once', async () => {
    // When 20 transactions take a code for the same agency and day at the same time, each holding
    // its transaction open a moment longer, as a real reception does while it writes the dossier
    const receivedAt = new Date('2026-11-27T02:00:00Z');
    const codes = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.$transaction(
          async (tx) => {
            const code = await nextDossierCode(tx, district, receivedAt);
            await tx.$executeRaw`SELECT pg_sleep(0.02)`;
            return code;
          },
          { maxWait: 20_000, timeout: 20_000 },
        ),
      ),
    );
    // Then the codes are exactly 0001..0020
    const expected = Array.from({ length: 20 }, (_, i) => `000.00.17.H41-261127-${String(i + 1).padStart(4, '0')}`);
    expect([...codes].sort()).toEqual(expected);
  });

  it('leaves no gap when the transaction that took a number rolls back', async () => {
    const receivedAt = new Date('2026-11-28T03:00:00Z');
    // Given a reception that takes a number and then fails
    await expect(
      db.$transaction(async (tx) => {
        expect(await nextDossierCode(tx, district, receivedAt)).toBe('000.00.17.H41-261128-0001');
        throw new Error('the engine is down');
      }),
    ).rejects.toThrow('the engine is down');
    // When the next reception takes a number
    const code = await db.$transaction((tx) => nextDossierCode(tx, district, receivedAt));
    // Then it gets the number given back
    expect(code).toBe('000.00.17.H41-261128-0001');
  });

  it('keeps one sequence per agency and per Vietnamese day', async () => {
    const lateEvening = new Date('2026-11-29T16:59:00Z'); // 23:59 in Vietnam, 29 November
    const nextMorning = new Date('2026-11-29T17:01:00Z'); // 00:01 in Vietnam, 30 November
    expect(await db.$transaction((tx) => nextDossierCode(tx, district, lateEvening))).toBe('000.00.17.H41-261129-0001');
    expect(await db.$transaction((tx) => nextDossierCode(tx, district, lateEvening))).toBe('000.00.17.H41-261129-0002');
    expect(await db.$transaction((tx) => nextDossierCode(tx, district, nextMorning))).toBe('000.00.17.H41-261130-0001');
    expect(await db.$transaction((tx) => nextDossierCode(tx, province, lateEvening))).toBe('000.00.00.H41-261129-0001');
  });

  it('grows the sequence to five digits after 9999 instead of wrapping (Circular 04/2025: at least 4 digits)', async () => {
    // Given an agency that has already given out 9998 codes today
    const day = new Date('2026-12-01T03:00:00Z');
    await db.dossierSequence.create({ data: { agencyId: district.id, day: '261201', lastValue: 9998 } });
    // When three more dossiers are received that day
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push(await db.$transaction((tx) => nextDossierCode(tx, district, day)));
    // Then the codes go on 9999, 10000, 10001: no wrap to 0001, no reuse
    expect(codes).toEqual(['000.00.17.H41-261201-9999', '000.00.17.H41-261201-10000', '000.00.17.H41-261201-10001']);
  });
});
