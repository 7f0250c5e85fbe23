import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DOSSIER_STATUSES, FINAL_STATUSES, ROLES, TIMELINESS, type DossierStatus } from '@motcua/common';
import { createDb, DEMO_AGENCIES, Prisma, type Db } from '@motcua/db';
import { dossierAccessOf, type DossierAccess } from '@motcua/domain';
import {
  appointmentRange,
  LIST_TOTAL_CAP,
  listStatementsByOr,
  type DossierListQuery,
  type TimelinessBounds,
} from '../../src/repositories/dossier-repository.js';
import { ensureOtherDistrict, OTHER_DISTRICT } from '../helpers/accounts.js';
import { dossierListDisagreements } from '../helpers/dossier-list-by-or.js';

/**
 * The dossier list walks each branch of the access rule newest first and merges the walks
 * (src/repositories/dossier-repository.ts listStatements); it must answer every request exactly as
 * one walk with the rule's OR did (listStatementsByOr): the same page, in the same
 * order, and the same total, for every role in every agency, and every filter and page.
 */
let db: Db;
const PREFIX = 'LISTED';
const DAY = 86_400_000;
const now = new Date();
const bounds: TimelinessBounds = { now, nearlyDueUntil: new Date(now.getTime() + DAY) };

/** An open dossier's appointment: overdue, nearly due, not yet due, or none yet. */
const OPEN_DUE = [-2 * DAY, 2 * 3_600_000, 10 * DAY, null] as const;
/** A finished dossier's finish against its appointment: early, on time, late. */
const FINISH_AGAINST_DUE = [-3 * DAY, 0, 3 * DAY] as const;

/**
 * Given a dossier of every procedure received at every agency (so each agency holds dossiers it
 * received, dossiers of its procedures received elsewhere, and dossiers of neither), each in a status
 * and timeliness of its own, three at a time received at the same instant; and some
 * of them transferred to each agency, half of the transfers come back.
 */
beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  await ensureOtherDistrict(db);
  const agencies = await db.agency.findMany({ orderBy: { code: 'asc' } });
  const versions = await db.procedureVersion.findMany({
    distinct: ['procedureId'],
    orderBy: { version: 'desc' },
    include: { procedure: { select: { agencyId: true } } },
  });
  let n = 0;
  const inserted: { id: string; agencies: string[] }[] = [];
  for (const agency of agencies) {
    for (const version of versions) {
      const status: DossierStatus = DOSSIER_STATUSES[n % DOSSIER_STATUSES.length]!;
      const final = (FINAL_STATUSES as readonly DossierStatus[]).includes(status);
      // three dossiers at a time share their instant of receipt: their codes order them
      const receivedAt = new Date(now.getTime() - Math.floor(n / 3) * 3_600_000);
      const openDue = OPEN_DUE[n % OPEN_DUE.length]!;
      const dueAt = final
        ? new Date(receivedAt.getTime() + 5 * DAY)
        : openDue === null
          ? null
          : new Date(now.getTime() + openDue);
      const finishedAt =
        final && dueAt ? new Date(dueAt.getTime() + FINISH_AGAINST_DUE[n % FINISH_AGAINST_DUE.length]!) : null;
      const dossier = await db.dossier.create({
        data: {
          code: `${PREFIX}-${agency.code}-${String(n).padStart(4, '0')}`,
          procedureId: version.procedureId,
          procedureVersionId: version.id,
          legalRegime: 'Nghị định 118/2025/NĐ-CP',
          agencyId: agency.id,
          applicantName: n % 2 === 0 ? 'Phan Thị Listed' : 'Đoàn Văn Listed',
          applicantIdNumber: `0491900${String(n % 5).padStart(5, '0')}`,
          applicantPhone: '0905000111',
          applicantAddress: 'Thôn Mỹ Hòa',
          requestSummary: version.name,
          status,
          receivedAt,
          dueAt,
          finishedAt,
          receivedBy: 'receptionist',
        },
      });
      inserted.push({ id: dossier.id, agencies: [agency.id, version.procedure.agencyId] });
      n++;
    }
  }
  for (const [index, agency] of agencies.entries()) {
    // dossiers it would not see otherwise, a different few for each agency
    const elsewhere = inserted.filter((dossier) => !dossier.agencies.includes(agency.id));
    for (const offset of [0, 1, 2, 3]) {
      await db.interAgencyTransfer.create({
        data: {
          dossierId: elsewhere[(index * 3 + offset) % elsewhere.length]!.id,
          toAgencyId: agency.id,
          sentBy: 'specialist',
          sentAt: now,
          dueAt: new Date(now.getTime() + 5 * DAY),
          returnedAt: offset % 2 === 0 ? null : now,
        },
      });
    }
  }
}, 120_000);

afterAll(async () => {
  await db.interAgencyTransfer.deleteMany({ where: { dossier: { code: { startsWith: PREFIX } } } });
  await db.dossier.deleteMany({ where: { code: { startsWith: PREFIX } } });
  await db.$disconnect();
});

/** What every role of every agency (or of those `codes` name) may see, each distinct access once. */
async function everyAccess(codes?: string[]): Promise<DossierAccess[]> {
  const agencies = await db.agency.findMany({ where: codes ? { code: { in: codes } } : {}, select: { code: true } });
  const accesses = new Map<string, DossierAccess>();
  for (const { code } of agencies) {
    for (const role of ROLES) {
      const access = await dossierAccessOf(db, { roles: [role], agencyCode: code });
      accesses.set(JSON.stringify(access), access);
    }
  }
  return [...accesses.values()];
}

/** Every filter alone on a first page, and the plain list paged in pages of 2 through as many dossiers as were seeded. */
async function everyRequest(): Promise<DossierListQuery[]> {
  const sample = await db.dossier.findFirstOrThrow({
    where: { code: { startsWith: PREFIX } },
    orderBy: { code: 'desc' },
  });
  const seeded = await db.dossier.count({ where: { code: { startsWith: PREFIX } } });
  const first = { page: 1, perPage: 25 };
  return [
    first,
    ...DOSSIER_STATUSES.map((status) => ({ ...first, status })),
    ...TIMELINESS.map((timeliness) => ({ ...first, timeliness })),
    { ...first, q: 'listed' },
    // a text search's page past its last match: no id, and the total still
    { page: 1000, perPage: 25, q: 'listed' },
    { ...first, q: sample.applicantIdNumber },
    { ...first, q: sample.code.slice(0, -2) },
    { ...first, status: 'in_progress', timeliness: 'overdue', q: 'Listed' },
    { ...first, status: 'in_progress', timeliness: 'overdue' },
    // the overdue and nearly due are found from their appointment: their later pages too
    ...(['overdue', 'nearly_due'] as const).flatMap((timeliness) =>
      [1, 2, 3].map((page) => ({ page, perPage: 2, timeliness })),
    ),
    ...Array.from({ length: Math.ceil(seeded / 2) + 1 }, (_, index) => ({ page: index + 1, perPage: 2 })),
    { page: 2, perPage: 25 },
    { page: 3, perPage: 3, timeliness: 'not_due' },
  ];
}

describe('the dossier list, one walk per branch of the access rule', () => {
  it('answers every request of every role in every agency as the rule’s OR does, page and total', async () => {
    // when every caller asks for every filter and every page, by the list and by the reference
    const accesses = await everyAccess();
    const requests = await everyRequest();
    const disagreements = await dossierListDisagreements(db, accesses, requests, bounds);
    // then both give the same pages and totals
    expect(disagreements).toEqual([]);
    // and the comparison saw many callers whose rule has branches (the others' lists are the OR form itself)
    expect(accesses.filter((access) => !access.seesEveryAgency).length).toBeGreaterThan(3);
  }, 600_000);

  it('pages every status and timeliness one dossier at a time as the rule’s OR does, for every role of the demo agencies', async () => {
    // given, received at each demo agency and the other district, a dossier of every procedure in
    // every status and, for each, every appointment or finish it may have: each agency is own,
    // parent, child or unrelated to the others (every agency's first pages are compared above; the
    // whole suite adds agencies, so paging each of theirs would grow with the suite)
    const codes = [...Object.values(DEMO_AGENCIES).map((agency) => agency.code), OTHER_DISTRICT.code];
    const agencies = await db.agency.findMany({ where: { code: { in: codes } } });
    const versions = await db.procedureVersion.findMany({ distinct: ['procedureId'], orderBy: { version: 'desc' } });
    const rows = agencies.flatMap((agency) =>
      versions.flatMap((version) =>
        DOSSIER_STATUSES.flatMap((status) => {
          const final = (FINAL_STATUSES as readonly DossierStatus[]).includes(status);
          const dates = final
            ? FINISH_AGAINST_DUE.map((finish) => ({ dueAt: new Date(now.getTime() - 9 * DAY), finish }))
            : OPEN_DUE.map((openDue) => ({
                dueAt: openDue === null ? null : new Date(now.getTime() + openDue),
                finish: null,
              }));
          return dates.map(({ dueAt, finish }) => ({ agency, version, status, dueAt, finish }));
        }),
      ),
    );
    await db.dossier.createMany({
      data: rows.map(({ agency, version, status, dueAt, finish }, n) => ({
        code: `${PREFIX}-PAGED-${String(n).padStart(5, '0')}`,
        procedureId: version.procedureId,
        procedureVersionId: version.id,
        legalRegime: 'Nghị định 118/2025/NĐ-CP',
        agencyId: agency.id,
        applicantName: 'Paged',
        applicantIdNumber: '049190000888',
        applicantPhone: '0905000111',
        applicantAddress: 'Thôn Mỹ Hòa',
        requestSummary: version.name,
        status,
        // two at a time share their instant of receipt: their codes order them
        receivedAt: new Date(now.getTime() - 10 * DAY - Math.floor(n / 2) * 60_000),
        dueAt,
        finishedAt: finish === null || dueAt === null ? null : new Date(dueAt.getTime() + finish),
        receivedBy: 'receptionist',
      })),
    });
    try {
      const accesses = await everyAccess(codes);
      const filters: Partial<DossierListQuery>[] = [
        ...DOSSIER_STATUSES.map((status) => ({ status })),
        ...TIMELINESS.map((timeliness) => ({ timeliness })),
        { status: 'in_progress', timeliness: 'overdue' },
      ];
      // when each role asks for the first four pages of one dossier of each filter
      const requests = filters.flatMap((filter) => [1, 2, 3, 4].map((page) => ({ ...filter, page, perPage: 1 })));
      const disagreements = await dossierListDisagreements(db, accesses, requests, bounds);
      // then every page and total agrees with the rule's OR
      expect(disagreements).toEqual([]);
      // and every filter had callers with more than four of it, whose walks were followed past their
      // first page (a walk cut to one page answers page 2 with nothing), among them callers who do not
      // see every agency
      for (const filter of filters) {
        const beyondFourPages = [];
        for (const access of accesses) {
          const [counted] = await db.$queryRaw<{ total: number }[]>(
            listStatementsByOr(access, { ...filter, page: 1, perPage: 1 }, bounds).total,
          );
          if ((counted?.total ?? 0) > 4) beyondFourPages.push(access);
        }
        expect(
          beyondFourPages.filter((access) => !access.seesEveryAgency).length,
          JSON.stringify(filter),
        ).toBeGreaterThan(1);
      }
    } finally {
      await db.dossier.deleteMany({ where: { code: { startsWith: `${PREFIX}-PAGED-` } } });
    }
  }, 300_000);

  it('counts and pages past the cap as the rule’s OR does, whether one branch or only their union passes it', async () => {
    // given, past the cap in all, the district's received dossiers of the commune's procedure and the
    // commune's received dossiers of the district's procedure: for an officer of either agency each
    // branch stays under the cap and only their union passes it, for the district's leader one branch
    // does; all of them overdue, so a caller who sees both finds more than the cap from the appointment
    const half = Math.ceil((LIST_TOTAL_CAP + 1) / 2) + 10;
    const procedureOf = async (agencyCode: string) =>
      db.procedureVersion.findFirstOrThrow({
        where: { procedure: { agency: { code: agencyCode } } },
        orderBy: { version: 'desc' },
      });
    const crossed = [
      { receivedAt: DEMO_AGENCIES.district.code, procedure: await procedureOf(DEMO_AGENCIES.commune.code) },
      { receivedAt: DEMO_AGENCIES.commune.code, procedure: await procedureOf(DEMO_AGENCIES.district.code) },
    ];
    try {
      for (const [index, { receivedAt, procedure }] of crossed.entries()) {
        await db.$executeRaw`
          INSERT INTO "Dossier" (id, code, "procedureId", "procedureVersionId", "legalRegime", "agencyId", "applicantName",
                                 "applicantIdNumber", "applicantPhone", "applicantAddress", "requestSummary", status,
                                 "receivedAt", "dueAt", "receivedBy", "updatedAt")
          SELECT gen_random_uuid(), ${`${PREFIX}-MANY-${index}-`} || n, ${procedure.procedureId}::uuid, ${procedure.id}::uuid,
                 'Nghị định 118/2025/NĐ-CP', (SELECT id FROM "Agency" WHERE code = ${receivedAt}), 'Many', '049190000999',
                 '0905000111', 'Thôn Mỹ Hòa', 'Many', 'in_progress', now() - n * interval '1 minute',
                 now() - interval '1 day' - n * interval '1 minute', 'receptionist', now()
          FROM generate_series(1, ${half}) AS n`;
      }
      // when every caller asks for the first page, plain, by that status, overdue and by the applicant's
      // name (which a text search finds past the cap too, and then walks newest first), and later pages
      const first = { page: 1, perPage: 25 };
      const disagreements = await dossierListDisagreements(
        db,
        await everyAccess(),
        [
          first,
          { ...first, status: 'in_progress' },
          { ...first, timeliness: 'overdue' },
          { page: 3, perPage: 25, timeliness: 'overdue' },
          { ...first, q: 'Many' },
          { page: 3, perPage: 25, q: 'many' },
        ],
        bounds,
      );
      // then the list agrees with the OR form, which says "more than the cap" for both agencies
      expect(disagreements).toEqual([]);
    } finally {
      await db.dossier.deleteMany({ where: { code: { startsWith: `${PREFIX}-MANY-` } } });
    }
  }, 300_000);

  it('reads the overdue and nearly due by the index on the open dossiers’ appointment, and no other filter', async () => {
    // given the range of the appointment each timeliness filter is found by, if any
    const ranges = TIMELINESS.map((timeliness) => ({
      timeliness,
      range: appointmentRange({ page: 1, perPage: 25, timeliness }, bounds),
    }));
    // when PostgreSQL plans a read of each range without a whole-table scan
    const plans = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const planned: Record<string, string> = {};
      for (const { timeliness, range } of ranges) {
        if (!range) continue;
        const rows = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>(
          Prisma.sql`EXPLAIN SELECT 1 FROM "Dossier" d WHERE ${range}`,
        );
        planned[timeliness] = rows.map((row) => row['QUERY PLAN']).join('\n');
      }
      return planned;
    });
    // then the overdue and the nearly due are read by that index, whose expression the range repeats
    // exactly (migration 20261207120000_open_appointment_index); the other filters walk newest first
    expect(Object.keys(plans).sort()).toEqual(['nearly_due', 'overdue']);
    for (const plan of Object.values(plans)) expect(plan).toContain('Dossier_openDueAt_idx');
  });

  it('compares over dossiers of every branch of the rule for each agency, and of none', async () => {
    // given each agency and the seeded dossiers
    const agencies = await db.agency.findMany({ include: { procedures: { select: { id: true } } } });
    const seeded = await db.dossier.findMany({
      where: { code: { startsWith: PREFIX } },
      select: { agencyId: true, procedureId: true, transfers: { select: { toAgencyId: true, returnedAt: true } } },
    });
    for (const agency of agencies) {
      const procedures = new Set(agency.procedures.map((procedure) => procedure.id));
      const transfersOf = (dossier: (typeof seeded)[number]) =>
        dossier.transfers.filter((t) => t.toAgencyId === agency.id);
      // then some it received, some of its procedures received elsewhere (when it has procedures),
      // some transferred to it and still there, some transferred and back, and some of none of these
      const kinds = {
        received: seeded.some((dossier) => dossier.agencyId === agency.id),
        itsProcedureElsewhere:
          procedures.size === 0 ||
          seeded.some((dossier) => dossier.agencyId !== agency.id && procedures.has(dossier.procedureId)),
        transferredThere: seeded.some((dossier) => transfersOf(dossier).some((t) => t.returnedAt === null)),
        transferredBack: seeded.some((dossier) => transfersOf(dossier).some((t) => t.returnedAt !== null)),
        unrelated: seeded.some(
          (dossier) =>
            dossier.agencyId !== agency.id && !procedures.has(dossier.procedureId) && transfersOf(dossier).length === 0,
        ),
      };
      expect(kinds, agency.code).toEqual({
        received: true,
        itsProcedureElsewhere: true,
        transferredThere: true,
        transferredBack: true,
        unrelated: true,
      });
    }
  });
});
