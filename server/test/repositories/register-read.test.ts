// The statement's instants must reach PostgreSQL as UTC whatever the server's zone: run this file
// in Vietnam's, where a local rendering of the period's bounds would move them by seven hours.
process.env.TZ = 'Asia/Ho_Chi_Minh';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, RESULT_DELIVERIES, type Register, type RegisterEntry } from '@motcua/common';
import { createTestDatabase, type TestDatabase } from '@motcua/common/testing';
import { applyMigrations, createDb, poolOf, type Db } from '@motcua/db';
import { accessibleDossiers, dossierAccessOf, type DossierAccess } from '@motcua/domain';
import { createAgencyRepository } from '../../src/repositories/agency-repository.js';
import { createReportRepository } from '../../src/repositories/report-repository.js';
import { createRegisterService, periodBounds } from '../../src/services/register-service.js';
import { responseSerializer } from '../../src/response-serializer.js';
import { RegisterSchema } from '../../src/schemas/reports.js';
import type { TokenPayload } from '../../src/schemas/auth.js';

/**
 * The register's entries as PostgreSQL writes them (registerEntriesJson, on the pool's own driver or
 * through Prisma) are, byte for byte, what the route wrote before: the dossiers Prisma's typed query
 * finds for the access and the period, in the order received, mapped to RegisterEntrySchema and
 * serialized. Over a seeded tree of agencies whose dossiers cover every status and way of return,
 * the nullable dates, instants with and without milliseconds, ties on the instant, the period's
 * edges, and applicants' text with quotes, backslashes, control characters, Vietnamese and emoji; for
 * the register of every agency of the tree, as its admin reads it.
 */
let database: TestDatabase;
let db: Db;

const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const bounds = periodBounds(PERIOD);
const AWKWARD_TEXT = ['Nguyễn "Tí" Văn', 'C:\\hồ sơ\\', 'dòng 1\ndòng 2\ttab\r', 'Lê 🏠 Thị \u0001', '</script>&<'];

/** The agencies: a province, two districts, a commune under the first; each resolves one procedure. */
const TREE = [
  { code: '000.00.00.T01', name: 'UBND tỉnh Thử', parent: null },
  { code: '000.00.01.T01', name: 'UBND huyện Một', parent: '000.00.00.T01' },
  { code: '000.00.02.T01', name: 'UBND huyện "Hai"', parent: '000.00.00.T01' },
  { code: '001.01.01.T01', name: 'UBND xã Một\\Một', parent: '000.00.01.T01' },
] as const;

/** Instants around and inside the period: its first instant, its last millisecond, one past each end, ties. */
const INSTANTS = [
  new Date(bounds.from.getTime() - 1),
  bounds.from,
  new Date(bounds.from.getTime() + 3_600_000 + 780),
  new Date(bounds.from.getTime() + 3_600_000 + 780),
  new Date(bounds.from.getTime() + 86_400_000 * 12 + 500),
  new Date(bounds.from.getTime() + 86_400_000 * 20),
  new Date(bounds.to.getTime() - 1),
  bounds.to,
];

async function seedTree(): Promise<void> {
  const ids = new Map<string, string>();
  for (const agency of TREE) {
    const created = await db.agency.create({
      data: { code: agency.code, name: agency.name, ...(agency.parent ? { parentId: ids.get(agency.parent)! } : {}) },
    });
    ids.set(agency.code, created.id);
  }
  const procedures = [];
  for (const [index, agency] of TREE.entries()) {
    const procedure = await db.procedure.create({ data: { code: `1.00${index}`, agencyId: ids.get(agency.code)! } });
    const version = await db.procedureVersion.create({
      data: {
        procedureId: procedure.id,
        version: 1,
        name: `Thủ tục "${index}" của ${agency.name}`,
        field: 'Hộ tịch',
        level: 'partial_online',
        processingDays: 15,
        fees: [],
        requiredDocuments: [],
        legalBasis: 'Nghị định 118/2025/NĐ-CP',
        processKey: 'test',
        effectiveFrom: new Date('2024-01-01T00:00:00Z'),
        createdBy: 'test',
      },
    });
    procedures.push({ procedure, version });
  }
  // every receiving agency with every other agency's procedure, at every instant: the access rule's
  // two branches (received by, or resolved by, an agency of the subtree) and neither
  const rows = [];
  let serial = 0;
  for (const receiving of TREE) {
    for (const { procedure, version } of procedures) {
      for (const receivedAt of INSTANTS) {
        serial++;
        const status = DOSSIER_STATUSES[serial % DOSSIER_STATUSES.length]!;
        const finished = ['returned', 'refused', 'withdrawn'].includes(status);
        const dueAt = serial % 5 === 0 ? null : new Date(receivedAt.getTime() + 86_400_000 * (serial % 9));
        rows.push({
          // descending serials at tied instants: the code, not the insertion, orders them
          code: `${receiving.code}-261101-${String(100_000 - serial).padStart(7, '0')}`,
          procedureId: procedure.id,
          procedureVersionId: version.id,
          legalRegime: 'Nghị định 118/2025/NĐ-CP',
          agencyId: ids.get(receiving.code)!,
          applicantName: AWKWARD_TEXT[serial % AWKWARD_TEXT.length]!,
          applicantIdNumber: '049190005555',
          applicantPhone: serial % 2 === 0 ? '0905555666' : '',
          applicantAddress: AWKWARD_TEXT[(serial + 2) % AWKWARD_TEXT.length]!,
          requestSummary: 'test',
          status,
          resultDelivery: RESULT_DELIVERIES[serial % RESULT_DELIVERIES.length]!,
          returnedVia: status === 'returned' ? RESULT_DELIVERIES[(serial + 1) % RESULT_DELIVERIES.length]! : null,
          receivedAt,
          dueAt,
          originalDueAt: serial % 3 === 0 ? null : (dueAt ?? receivedAt),
          finishedAt: finished ? new Date(receivedAt.getTime() + 86_400_000 * 3 + (serial % 2) * 1000) : null,
          receivedBy: 'test',
        });
      }
    }
  }
  await db.dossier.createMany({ data: rows });
}

/** An admin of the agency, as the register's callers are (an oversight role: the subtree). */
const adminOf = (agencyCode: string): TokenPayload => ({
  sub: `admin.${agencyCode}`,
  roles: ['admin'],
  agencyCode,
  fullName: 'Quản trị',
  ver: 0,
});

/** The register's entries as the route wrote them before: Prisma's typed rows, mapped in the server. */
async function entriesByPrisma(access: DossierAccess): Promise<RegisterEntry[]> {
  const dossiers = await db.dossier.findMany({
    where: { AND: [accessibleDossiers(access), { receivedAt: { gte: bounds.from, lt: bounds.to } }] },
    include: { procedureVersion: true, procedure: { include: { agency: true } } },
    orderBy: [{ receivedAt: 'asc' }, { code: 'asc' }],
  });
  return dossiers.map((dossier, index) => ({
    index: index + 1,
    code: dossier.code,
    procedureName: dossier.procedureVersion.name,
    applicantName: dossier.applicantName,
    applicantAddress: dossier.applicantAddress,
    applicantPhone: dossier.applicantPhone,
    resolvingAgencyName: dossier.procedure.agency.name,
    status: dossier.status,
    receivedAt: dossier.receivedAt.toISOString(),
    originalDueAt: dossier.originalDueAt?.toISOString() ?? null,
    dueAt: dossier.dueAt?.toISOString() ?? null,
    finishedAt: dossier.finishedAt?.toISOString() ?? null,
    resultDelivery: dossier.returnedVia ?? dossier.resultDelivery,
  }));
}

/** What the register's route serializes a Register with (server/src/response-serializer.ts). */
const serializeRegister = responseSerializer({
  schema: RegisterSchema,
  method: 'GET',
  url: '/api/reports/register',
} as Parameters<typeof responseSerializer>[0]).serialize;

beforeAll(async () => {
  database = await createTestDatabase(pg);
  await applyMigrations(database.url);
  db = createDb(database.url, { max: 2 });
  await db.$connect();
  await seedTree();
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe('the register written by PostgreSQL', () => {
  it.each(TREE.map((agency) => agency.code))(
    'lists for an admin of %s what Prisma’s rows gave, byte for byte, on the pool and through Prisma',
    async (agencyCode) => {
      // given the access of the agency's admin (the subtree; every agency for the province's)
      const access = await dossierAccessOf(db, adminOf(agencyCode));
      const expected = await entriesByPrisma(access);
      // then the tree holds dossiers inside the period and outside it, for each agency
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(await db.dossier.count({ where: accessibleDossiers(access) }));
      const reports = createReportRepository(db);
      // when the entries are read on the pool's driver
      expect(poolOf(db)).toBeDefined();
      const onPool = await reports.registerEntriesJson(access, bounds.from, bounds.to);
      // and through Prisma (a transaction's client has no pool)
      const throughPrisma = await db.$transaction((tx) =>
        createReportRepository(tx as Db).registerEntriesJson(access, bounds.from, bounds.to),
      );
      expect(onPool).toBe(JSON.stringify(expected));
      expect(throughPrisma).toBe(onPool);
      // and the PDF's rows are the same dossiers, numbered alike
      const rows = await reports.register(access, bounds.from, bounds.to);
      expect(rows.map((row) => [row.index, row.code])).toEqual(expected.map((entry) => [entry.index, entry.code]));
    },
  );

  it.each(TREE.map((agency) => agency.code))(
    'answers for an admin of %s the text the route’s serializer wrote from the mapped rows',
    async (agencyCode) => {
      // given the register's service over the real repositories and the domain's access rule
      const registers = createRegisterService({
        agencies: createAgencyRepository(db),
        reports: createReportRepository(db),
        accessOf: (caller) => dossierAccessOf(db, caller),
      });
      const agency = TREE.find((candidate) => candidate.code === agencyCode)!;
      // when the province's admin asks for the agency's register
      const answer = await registers.json(adminOf(TREE[0].code), { ...PERIOD, agency: agencyCode });
      // then it is what the serializer writes of the Register built from Prisma's rows
      const expected: Register = {
        agency: { code: agency.code, name: agency.name },
        from: PERIOD.from,
        to: PERIOD.to,
        entries: await entriesByPrisma(await dossierAccessOf(db, adminOf(agencyCode))),
      };
      expect(answer.toString('utf8')).toBe(serializeRegister(expected));
    },
  );
});
