import { OFFICIAL_SCHEDULES } from '@motcua/common/calendar';
import { PROCESS_KEYS, ProcedureVersionInputSchema, requiredDocumentCountProblems } from '@motcua/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAgency } from '../src/agency-codes.js';
import { createDb, type Db } from '../src/client.js';
import { applyMigrations } from '../src/migrate.js';
import { hashPassword, verifyPassword } from '../src/passwords.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PROCEDURE, DEMO_PROCEDURES, seed } from '../src/seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** Runs `test` on a migrated database of its own, dropped afterwards. */
async function onMigratedDatabase(test: (db: Db) => Promise<void>): Promise<void> {
  const database = await createTestDatabase();
  const db = createDb(database.url, { max: 2 });
  try {
    await applyMigrations(database.url);
    await test(db);
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

describe('demo seed', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    await applyMigrations(database.url);
    db = createDb(database.url, { max: 4 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it('creates the demo agencies, procedures with their versions, accounts and the holiday calendar', async () => {
    // When seeding an empty database with demo data
    const { created } = await seed(db, { demo: true });

    // Then it reports what it created: the calendar, 5 agencies, 3 procedures with their first versions and
    // the owners of their process keys, the accounts
    expect(created).toHaveLength(1 + 5 + 3 * 3 + DEMO_ACCOUNTS.length);
    expect(created).toContain(`calendar ${OFFICIAL_SCHEDULES.length} days`);

    // And the agencies form the province → district → commune / partner tree, with their form headers
    const agencies = await db.agency.findMany({ include: { parent: true, successor: true }, orderBy: { code: 'asc' } });
    expect(agencies.map((a) => [a.code, a.name, a.parent?.code ?? null, a.successor?.code ?? null])).toEqual([
      ['000.00.00.H41', 'UBND tỉnh Quảng Nam', null, null],
      ['000.00.17.H41', 'UBND huyện Duy Xuyên', '000.00.00.H41', null],
      ['000.08.17.H41', 'Phòng Tài nguyên và Môi trường huyện Duy Xuyên', '000.00.17.H41', null],
      ['000.24.17.H41', 'UBND xã Duy Sơn', '000.00.17.H41', '000.25.17.H41'],
      ['000.25.17.H41', 'UBND xã Duy Trung', '000.00.17.H41', null],
    ]);
    expect(agencies.find((a) => a.code === '000.00.17.H41')).toMatchObject({
      parentName: 'UBND TỈNH QUẢNG NAM',
      unitName: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
      place: 'Duy Xuyên',
    });

    // And the merged commune's code is closed in its history and resolves to its successor
    expect(await db.agencyCode.findUniqueOrThrow({ where: { code: '000.24.17.H41' } })).toMatchObject({
      validUntil: new Date('2025-06-30T17:00:00Z'),
    });
    expect((await resolveAgency(db, '000.24.17.H41'))?.code).toBe('000.25.17.H41');
    expect(await db.agencyCode.count({ where: { validUntil: null } })).toBe(4);

    // And the three real procedures each have a version 1 with valid legal content, pinned to their process
    const procedures = await db.procedure.findMany({
      include: { agency: true, versions: true },
      orderBy: { code: 'asc' },
    });
    expect(
      procedures.map((p) => [
        p.code,
        p.agency.code,
        p.versions.map((v) => [v.version, v.processingDays, v.processKey]),
      ]),
    ).toEqual([
      ['1.001193', '000.25.17.H41', [[1, 0, PROCESS_KEYS.birthRegistration]]],
      ['1.001612', '000.00.17.H41', [[1, 3, PROCESS_KEYS.householdBusinessRegistration]]],
      ['1.009994', '000.00.17.H41', [[1, 15, PROCESS_KEYS.houseConstructionPermit]]],
    ]);
    for (const procedure of procedures) {
      const version = procedure.versions[0]!;
      expect(version.createdBy).toBe('seed');
      const asInput = ProcedureVersionInputSchema.safeParse({
        ...version,
        effectiveFrom: version.effectiveFrom.toISOString(),
      });
      expect(asInput.error).toBeUndefined();
      expect(requiredDocumentCountProblems(asInput.data!.requiredDocuments)).toEqual([]);
    }
    expect(procedures.find((p) => p.code === '1.009994')!.versions[0]).toMatchObject({
      name: DEMO_PROCEDURE.name,
      field: 'Hoạt động xây dựng',
    });

    // And every role has its accounts, each at its agency
    const accounts = await db.account.findMany({ include: { agency: true }, orderBy: { username: 'asc' } });
    expect(accounts.map((a) => [a.username, a.roles, a.agency.code])).toEqual([
      ['admin', ['admin'], '000.00.00.H41'],
      ['auditor', ['auditor'], '000.00.17.H41'],
      ['leader', ['leader'], '000.00.17.H41'],
      ['partner.specialist', ['specialist'], '000.08.17.H41'],
      ['receptionist', ['receptionist'], '000.00.17.H41'],
      ['specialist', ['specialist'], '000.00.17.H41'],
      ['xa.admin', ['admin'], '000.25.17.H41'],
      ['xa.leader', ['leader'], '000.25.17.H41'],
      ['xa.receptionist', ['receptionist'], '000.25.17.H41'],
      ['xa.specialist', ['specialist'], '000.25.17.H41'],
    ]);
    for (const account of accounts) {
      expect(account.fullName).toMatch(/^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}+)+$/u);
      expect(account.active).toBe(true);
      expect(await verifyPassword('demo', account.passwordHash)).toBe(true);
    }

    // And the official schedules are calendar rows written by the seed
    const days = await db.calendarDay.findMany({ orderBy: { date: 'asc' } });
    expect(days.map((d) => [d.date, d.kind, d.occasion, d.legalRef, d.createdBy])).toEqual(
      [...OFFICIAL_SCHEDULES]
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((d) => [d.date, d.kind, d.occasion ?? null, d.legalRef, 'seed']),
    );
  });

  it('changes nothing when run again', async () => {
    // Given a seeded database
    const snapshot = async () => ({
      agencies: await db.agency.findMany({ orderBy: { code: 'asc' } }),
      agencyCodes: await db.agencyCode.findMany({ orderBy: { code: 'asc' } }),
      procedures: await db.procedure.findMany({ orderBy: { code: 'asc' } }),
      versions: await db.procedureVersion.findMany({ orderBy: [{ procedureId: 'asc' }, { version: 'asc' }] }),
      accounts: await db.account.findMany({ orderBy: { username: 'asc' } }),
      calendar: await db.calendarDay.findMany({ orderBy: { date: 'asc' } }),
    });
    const before = await snapshot();
    // When seeding again, twice at once
    const results = await Promise.all([seed(db, { demo: true }), seed(db, { demo: true })]);
    // Then nothing was created or changed, password hashes included
    expect(results.map((r) => r.created)).toEqual([[], []]);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps an administrator’s edit of a holiday row', async () => {
    // Given an official holiday row that an administrator corrected
    const date = OFFICIAL_SCHEDULES[0]!.date;
    await db.calendarDay.update({ where: { date }, data: { legalRef: 'Sửa bởi quản trị', createdBy: 'admin' } });
    // When seeding again
    await seed(db, { demo: true });
    // Then the correction stays
    expect(await db.calendarDay.findUniqueOrThrow({ where: { date } })).toMatchObject({
      legalRef: 'Sửa bởi quản trị',
      createdBy: 'admin',
    });
  });
});

describe('demo seed on a database migrated from before versioning', () => {
  it('adds the real version after the migrated one, so the real one applies', async () => {
    await onMigratedDatabase(async (db) => {
      // Given the construction permit as the migration left it: version 1 without fees or documents
      const district = await db.agency.create({ data: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' } });
      const procedure = await db.procedure.create({ data: { code: DEMO_PROCEDURE.code, agencyId: district.id } });
      await db.procedureVersion.create({
        data: {
          procedureId: procedure.id,
          version: 1,
          name: DEMO_PROCEDURE.name,
          field: 'Chưa phân loại',
          level: 'partial_online',
          processingDays: 15,
          fees: [],
          requiredDocuments: [],
          legalBasis: 'Chưa nhập',
          processKey: DEMO_PROCEDURE.processKey,
          effectiveFrom: new Date('2026-11-01T00:00:00Z'),
          createdBy: 'migration',
        },
      });

      // When seeding demo data
      const { created } = await seed(db, { demo: true });

      // Then the seed's version is version 2, effective no earlier than version 1
      expect(created).toContain('procedure 1.009994 version 2');
      const versions = await db.procedureVersion.findMany({
        where: { procedureId: procedure.id },
        orderBy: { version: 'asc' },
      });
      expect(versions.map((v) => [v.version, v.createdBy, v.effectiveFrom])).toEqual([
        [1, 'migration', new Date('2026-11-01T00:00:00Z')],
        [2, 'seed', new Date('2026-11-01T00:00:00Z')],
      ]);
      expect(versions[1]!.requiredDocuments).toEqual(DEMO_PROCEDURES.houseConstructionPermit.requiredDocuments);
      // And the issue-2 agency got its form header
      expect(await db.agency.findUniqueOrThrow({ where: { code: '000.00.17.H41' } })).toMatchObject({
        parentName: 'UBND TỈNH QUẢNG NAM',
        place: 'Duy Xuyên',
      });
    });
  });
});

describe('production seed', () => {
  it('creates no account, so no password is known from the source code, but the official holidays', async () => {
    await onMigratedDatabase(async (db) => {
      expect(await seed(db, { demo: false })).toEqual({
        created: [`calendar ${OFFICIAL_SCHEDULES.length} days`],
        deactivated: [],
      });
      expect(await db.account.count()).toBe(0);
      expect(await db.agency.count()).toBe(0);
      expect(await db.calendarDay.count()).toBe(OFFICIAL_SCHEDULES.length);
    });
  });
});

describe('production seed of a database seeded for the demo', () => {
  it('deactivates the demo accounts that still have the demo password, and only those', async () => {
    await onMigratedDatabase(async (db) => {
      // given a demo database where an administrator gave the admin account a password of its own
      await seed(db, { demo: true });
      await db.account.update({
        where: { username: 'admin' },
        data: { passwordHash: await hashPassword('Riêng-2026') },
      });
      const before = await db.account.findMany({ orderBy: { username: 'asc' } });

      // when it is prepared for production
      const { created, deactivated } = await seed(db, { demo: false });

      // then every other demo account is deactivated, its tokens revoked (a new token version), and audited
      const kept = new Set(['admin']);
      const expected = DEMO_ACCOUNTS.map((account) => account.username).filter((username) => !kept.has(username));
      expect(created).toEqual([]);
      expect([...deactivated].sort()).toEqual(expected.map((username) => `account ${username}`).sort());
      const after = await db.account.findMany({ orderBy: { username: 'asc' } });
      for (const account of after) {
        const previous = before.find((row) => row.username === account.username)!;
        const stillDemo = await verifyPassword(DEMO_PASSWORD, account.passwordHash);
        expect({ username: account.username, active: account.active }).toEqual({
          username: account.username,
          active: !stillDemo,
        });
        expect(account.tokenVersion).toBe(previous.tokenVersion + (stillDemo ? 1 : 0));
      }
      const audited = await db.auditLog.findMany({ where: { action: 'account.deactivate' } });
      expect(audited.map((row) => [row.actor, row.entityId]).sort()).toEqual(expected.map((u) => ['seed', u]).sort());

      // and preparing it again changes nothing
      expect(await seed(db, { demo: false })).toEqual({ created: [], deactivated: [] });
    });
  });
});
