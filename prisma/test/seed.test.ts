import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/client.js';
import { applyMigrations } from '../src/migrate.js';
import { verifyPassword } from '../src/passwords.js';
import { seed } from '../src/seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';

describe('demo seed', () => {
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

  it('creates the demo agencies, procedure and one account per role with password "demo"', async () => {
    // When seeding an empty database with demo data
    const { created } = await seed(db, { demo: true });

    // Then the province is the district's parent
    expect(created).toHaveLength(2 + 1 + 5);
    const agencies = await db.agency.findMany({ include: { parent: true }, orderBy: { code: 'asc' } });
    expect(agencies.map((a) => [a.code, a.name, a.parent?.code ?? null])).toEqual([
      ['000.00.00.H41', 'UBND tỉnh Quảng Nam', null],
      ['000.00.17.H41', 'UBND huyện Duy Xuyên', '000.00.00.H41'],
    ]);
    // And the house-construction-permit procedure belongs to the district
    const procedure = await db.procedure.findUniqueOrThrow({ where: { code: '1.009994' }, include: { agency: true } });
    expect(procedure).toMatchObject({
      name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      processingDays: 15,
      processKey: 'house-construction-permit',
      active: true,
      agency: { code: '000.00.17.H41' },
    });
    // And each role has one account: the admin at the province, the officers at the district
    const accounts = await db.account.findMany({ include: { agency: true }, orderBy: { username: 'asc' } });
    expect(accounts.map((a) => [a.username, a.roles, a.agency.code])).toEqual([
      ['admin', ['admin'], '000.00.00.H41'],
      ['auditor', ['auditor'], '000.00.17.H41'],
      ['leader', ['leader'], '000.00.17.H41'],
      ['receptionist', ['receptionist'], '000.00.17.H41'],
      ['specialist', ['specialist'], '000.00.17.H41'],
    ]);
    for (const account of accounts) {
      expect(account.fullName).toMatch(/^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}+)+$/u);
      expect(account.active).toBe(true);
      expect(await verifyPassword('demo', account.passwordHash)).toBe(true);
    }
  });

  it('changes nothing when run again', async () => {
    // Given a seeded database
    const snapshot = async () => ({
      agencies: await db.agency.findMany({ orderBy: { code: 'asc' } }),
      procedures: await db.procedure.findMany({ orderBy: { code: 'asc' } }),
      accounts: await db.account.findMany({ orderBy: { username: 'asc' } }),
    });
    const before = await snapshot();
    // When seeding again, twice at once
    const results = await Promise.all([seed(db, { demo: true }), seed(db, { demo: true })]);
    // Then nothing was created or changed, password hashes included
    expect(results.map((r) => r.created)).toEqual([[], []]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('production seed', () => {
  it('creates no account, so no password is known from the source code', async () => {
    const database = await createTestDatabase();
    const db = createDb(database.url, { max: 1 });
    try {
      await applyMigrations(database.url);
      expect(await seed(db, { demo: false })).toEqual({ created: [] });
      expect(await db.account.count()).toBe(0);
    } finally {
      await db.$disconnect();
      await database.drop();
    }
  });
});
