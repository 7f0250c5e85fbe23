import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@motcua/common';
import { createEngineClient } from '@motcua/common/engine';
import { DEMO_ACCOUNTS, DEMO_AGENCIES, DEMO_PROCEDURES, Prisma } from '@motcua/db';
import {
  accessibleDossiers,
  authorizeDossier,
  dossierAccessOf,
  isAmongHandlers,
  isCurrentHandler,
  seesDossier,
  sqlAccessibleDossier,
  sqlWorksNow,
  worksNow,
  type CurrentHandler,
  type DossierAction,
  type Officer,
} from '../src/access.js';
import { ForbiddenError, NotFoundError } from '../src/errors.js';
import { useTestDatabase } from './support/database.js';
import { insertDossier, type InsertedDossier } from './support/dossiers.js';

/** Who may see a dossier, in both of the database's languages, what they may do to it, and who handles it now. */
const database = useTestDatabase();

/** A real engine client with nothing behind its address: any call to it fails. */
const NO_ENGINE = createEngineClient({ baseUrl: 'http://127.0.0.1:9/engine-rest', user: 'demo', password: 'demo' });

/** A second district of the province, beside the demo district: an agency unrelated to the district's dossiers. */
const OTHER_DISTRICT = { code: '000.00.18.H41', name: 'UBND huyện Đại Lộc' } as const;

/** How an officer's agency stands to a dossier of the district (the construction permit, received there). */
const RELATIONS = ['own', 'parent', 'child', 'unrelated', 'partner'] as const;
type Relation = (typeof RELATIONS)[number];

/** The officer's agency in each relation; the partner's dossier is the one transferred to it. */
const AGENCY_OF: Record<Relation, string> = {
  own: DEMO_AGENCIES.district.code,
  parent: DEMO_AGENCIES.province.code,
  child: DEMO_AGENCIES.commune.code,
  unrelated: OTHER_DISTRICT.code,
  partner: DEMO_AGENCIES.partner.code,
};

/** The roles that oversee the agencies below their own (regulation Art. 4.2d). */
const OVERSIGHT: readonly Role[] = ['leader', 'auditor', 'admin'];
const NOBODY: readonly Role[] = [];

/**
 * The rule, as the regulation and docs say it, per action and relation: the roles that may. Whoever
 * may read sees the dossier; whoever sees it but may not act is refused (403), anyone else is told it
 * does not exist (404).
 */
const MAY: Record<DossierAction, Record<Relation, readonly Role[]>> = {
  // the dossier's agency, the oversight above it, and a partner agency it was transferred to
  read: { own: ROLES, parent: OVERSIGHT, child: NOBODY, unrelated: NOBODY, partner: ROLES },
  // Art. 5.3: the dossier's agency and the oversight above it, never a partner
  override: { own: ROLES, parent: OVERSIGHT, child: NOBODY, unrelated: NOBODY, partner: NOBODY },
  // only the agency that received it or whose procedure it is
  work: { own: ROLES, parent: NOBODY, child: NOBODY, unrelated: NOBODY, partner: NOBODY },
};
const ACTIONS = Object.keys(MAY) as DossierAction[];

describe('who may see a dossier, and what they may do to it', () => {
  let dossiers: InsertedDossier[];
  let districtDossier: InsertedDossier;
  let transferred: InsertedDossier;

  beforeAll(async () => {
    // given another district of the province
    await database().agency.upsert({
      where: { code: OTHER_DISTRICT.code },
      update: {},
      create: { ...OTHER_DISTRICT, parent: { connect: { code: DEMO_AGENCIES.province.code } } },
    });
    // and a dossier of every demo procedure, and one more of the district's transferred to the partner agency
    dossiers = [];
    for (const procedure of Object.keys(DEMO_PROCEDURES) as (keyof typeof DEMO_PROCEDURES)[]) {
      dossiers.push(await insertDossier(database(), { procedure }));
    }
    districtDossier = await insertDossier(database());
    transferred = await insertDossier(database());
    const partner = await database().agency.findUniqueOrThrow({ where: { code: DEMO_AGENCIES.partner.code } });
    await database().interAgencyTransfer.create({
      data: {
        dossierId: transferred.id,
        toAgencyId: partner.id,
        sentBy: 'specialist',
        sentAt: new Date(),
        dueAt: new Date(Date.now() + 4 * 86_400_000),
      },
    });
    dossiers.push(districtDossier, transferred);
  });

  async function seenBy(
    officer: Pick<Officer, 'roles' | 'agencyCode'>,
  ): Promise<{ byPrisma: string[]; bySql: string[]; byRow: string[] }> {
    const access = await dossierAccessOf(database(), officer);
    const ids = dossiers.map((dossier) => dossier.id);
    const byPrisma = await database().dossier.findMany({
      where: { AND: [{ id: { in: ids } }, accessibleDossiers(access)] },
      select: { code: true },
    });
    const bySql = await database().$queryRaw<{ code: string }[]>`
      SELECT d.code FROM "Dossier" d WHERE d.id = ANY(${ids}::uuid[]) AND ${sqlAccessibleDossier(access, Prisma.sql`d`)}`;
    const rows = await database().dossier.findMany({
      where: { id: { in: ids } },
      select: { code: true, agencyId: true, procedure: { select: { agencyId: true } }, transfers: true },
    });
    return {
      byPrisma: byPrisma.map((row) => row.code).sort(),
      bySql: bySql.map((row) => row.code).sort(),
      byRow: rows.filter((row) => seesDossier(access, row)).map((row) => row.code).sort(),
    };
  }

  /** What the domain answers the officer for the action on a dossier: allowed, or the error's status. */
  async function verdict(officer: Officer, dossier: InsertedDossier, action: DossierAction) {
    const access = await dossierAccessOf(database(), officer);
    const found = await database().dossier.findFirst({
      where: { AND: [{ id: dossier.id }, accessibleDossiers(access)] },
      select: { agencyId: true, procedure: { select: { agencyId: true } } },
    });
    try {
      authorizeDossier(access, dossier.code, found, action);
      return 'allowed';
    } catch (error) {
      if (error instanceof NotFoundError) return 404;
      if (error instanceof ForbiddenError) return 403;
      throw error;
    }
  }

  it('is answered the same by the Prisma fragment, by SQL and on a loaded row, for every officer of the demo', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const officer = { sub: account.username, roles: account.roles, agencyCode: account.agencyCode };
      const { byPrisma, bySql, byRow } = await seenBy(officer);
      expect(bySql, account.username).toEqual(byPrisma);
      expect(byRow, account.username).toEqual(byPrisma);
    }
  });

  it('names the same dossiers as worked now in SQL and on a loaded row, for every officer of the demo', async () => {
    const ids = dossiers.map((dossier) => dossier.id);
    const rows = await database().dossier.findMany({
      where: { id: { in: ids } },
      select: { code: true, agencyId: true, procedure: { select: { agencyId: true } }, transfers: true },
    });
    for (const account of DEMO_ACCOUNTS) {
      const access = await dossierAccessOf(database(), account);
      const bySql = await database().$queryRaw<{ code: string }[]>`
        SELECT d.code FROM "Dossier" d WHERE d.id = ANY(${ids}::uuid[]) AND ${sqlWorksNow(access, Prisma.sql`d`)}`;
      const byRow = rows.filter((row) => worksNow(access, row)).map((row) => row.code).sort();
      expect(bySql.map((row) => row.code).sort(), account.username).toEqual(byRow);
    }
    // and the partner works the transferred dossier only while the transfer is open
    const partner = { roles: ['specialist' as const], agencyCode: DEMO_AGENCIES.partner.code };
    const access = await dossierAccessOf(database(), partner);
    const works = async () =>
      (
        await database().$queryRaw<{ code: string }[]>`
          SELECT d.code FROM "Dossier" d WHERE d.id = ${transferred.id}::uuid AND ${sqlWorksNow(access, Prisma.sql`d`)}`
      ).length;
    expect(await works()).toBe(1);
    await database().interAgencyTransfer.updateMany({ where: { dossierId: transferred.id }, data: { returnedAt: new Date() } });
    expect(await works()).toBe(0);
    await database().interAgencyTransfer.updateMany({ where: { dossierId: transferred.id }, data: { returnedAt: null } });
  });

  describe.each(RELATIONS)('to an officer of the %s agency', (relation) => {
    it.each(ROLES)(
      'as %s: sees, overrides and works exactly what the rule says, in Prisma and in SQL',
      async (role) => {
        // given an officer of the role in that agency, and the district's dossier (transferred, for a partner)
        const officer: Officer = { sub: `${relation}.${role}`, roles: [role], agencyCode: AGENCY_OF[relation] };
        const dossier = relation === 'partner' ? transferred : districtDossier;
        // when both forms of the rule list what they see, and the domain decides each action
        const { byPrisma, bySql } = await seenBy(officer);
        const verdicts = Object.fromEntries(
          await Promise.all(ACTIONS.map(async (action) => [action, await verdict(officer, dossier, action)] as const)),
        );
        // then both forms agree on whether they see the dossier, and with the rule
        const sees = MAY.read[relation].includes(role);
        expect(bySql).toEqual(byPrisma);
        expect(byPrisma.includes(dossier.code)).toBe(sees);
        // and each action is allowed to whom the rule says, refused with 403 to who sees it, 404 to the rest
        const expected = Object.fromEntries(
          ACTIONS.map((action) => [action, MAY[action][relation].includes(role) ? 'allowed' : sees ? 403 : 404]),
        );
        expect(verdicts).toEqual(expected);
      },
    );
  });

  it('shows oversight the dossiers of the whole subtree, a partner those transferred to it', async () => {
    const codes = async (agencyCode: string) => (await seenBy({ roles: ['auditor'], agencyCode })).byPrisma;
    expect(await codes(DEMO_AGENCIES.province.code)).toEqual(dossiers.map((d) => d.code).sort());
    expect(await codes(DEMO_AGENCIES.partner.code)).toEqual([transferred.code]);
    const communeDossier = dossiers.find((d) => d.code.startsWith(DEMO_AGENCIES.commune.code))!;
    expect(await codes(DEMO_AGENCIES.commune.code)).toEqual([communeDossier.code]);
  });

  it('shows a receptionist or specialist the dossiers of their own agency only, not those below it', async () => {
    const own = dossiers
      .filter((d) => d.agencyId === districtDossier.agencyId)
      .map((d) => d.code)
      .sort();
    for (const role of ['receptionist', 'specialist'] as const) {
      expect((await seenBy({ roles: [role], agencyCode: DEMO_AGENCIES.district.code })).byPrisma, role).toEqual(own);
      expect((await seenBy({ roles: [role], agencyCode: DEMO_AGENCIES.province.code })).byPrisma, role).toEqual([]);
    }
  });

  it('shows an unknown agency nothing', async () => {
    const { byPrisma, bySql } = await seenBy({ roles: ['leader'], agencyCode: '000.99.99.H41' });
    expect([byPrisma, bySql]).toEqual([[], []]);
  });

  it('lets an index serve the SQL form: every branch is an index condition, none a filter on each row', async () => {
    // given the district's leader, who sees its subtree, the dossiers of its procedures and those transferred to it
    const access = await dossierAccessOf(database(), { roles: ['leader'], agencyCode: DEMO_AGENCIES.district.code });
    expect(access.seesEveryAgency).toBeUndefined();
    // when the planner may not read the table through (a few rows here; a province's million in use)
    const plan = await database().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const lines = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>`
        EXPLAIN SELECT count(*) FROM "Dossier" d WHERE ${sqlAccessibleDossier(access, Prisma.sql`d`)}`;
      return lines.map((line) => line['QUERY PLAN']).join('\n');
    });
    // then it ORs the three branches' index scans: the agency, the procedure and the transfers
    expect(plan).toContain('BitmapOr');
    expect(plan).toMatch(/Index Cond: \("agencyId" = ANY/);
    expect(plan).toMatch(/Index Cond: \("procedureId" = ANY/);
    expect(plan).toMatch(/Index Cond: \(id = ANY/);
    expect(plan).not.toContain('Seq Scan on "Dossier"');
  });

  it('is no condition for the oversight of the whole tree, and the full rule once an agency lies outside it', async () => {
    // given the province's auditor, whose subtree is every agency
    const auditor = { roles: ['auditor'], agencyCode: DEMO_AGENCIES.province.code } satisfies Partial<Officer>;
    const access = await dossierAccessOf(database(), auditor);
    expect(access.seesEveryAgency).toBe(true);
    expect(sqlAccessibleDossier(access, Prisma.sql`d`).sql).toBe('TRUE');
    const everything = dossiers.map((d) => d.code).sort();
    expect(await seenBy(auditor)).toEqual({ byPrisma: everything, bySql: everything, byRow: everything });

    // when an agency outside the province exists (another root), with a dossier of the district transferred to it
    const outside = await database().agency.create({ data: { code: '000.00.00.H42', name: 'UBND tỉnh khác' } });
    await database().interAgencyTransfer.create({
      data: {
        dossierId: districtDossier.id,
        toAgencyId: outside.id,
        sentBy: 'specialist',
        sentAt: new Date(),
        dueAt: new Date(),
      },
    });

    // then the province's auditor no longer sees every agency, and all three forms still agree
    expect((await dossierAccessOf(database(), auditor)).seesEveryAgency).toBeUndefined();
    expect(await seenBy(auditor)).toEqual({ byPrisma: everything, bySql: everything, byRow: everything });
    // and the outside agency's officers see the dossier transferred to them, in every form
    expect(await seenBy({ roles: ['specialist'], agencyCode: outside.code })).toEqual({
      byPrisma: [districtDossier.code],
      bySql: [districtDossier.code],
      byRow: [districtDossier.code],
    });
  });
});

describe('who handles a dossier now', () => {
  const specialist: Officer = { sub: 'specialist', roles: ['specialist'], agencyCode: DEMO_AGENCIES.district.code };
  const task = (handler: Partial<CurrentHandler>): CurrentHandler => ({
    taskId: 't1',
    taskDefinitionKey: 'appraisal',
    assignee: null,
    candidateGroups: [],
    ...handler,
  });

  it('is the officer who claimed an open task', () => {
    expect(isAmongHandlers(specialist, [task({ assignee: 'specialist' })])).toBe(true);
    expect(isAmongHandlers(specialist, [task({ assignee: 'someone-else' })])).toBe(false);
  });

  it('is any officer of a group an unclaimed task waits in, of the same agency only', () => {
    expect(
      isAmongHandlers(specialist, [task({ candidateGroups: [`specialist:${DEMO_AGENCIES.district.code}`] })]),
    ).toBe(true);
    expect(isAmongHandlers(specialist, [task({ candidateGroups: [`specialist:${DEMO_AGENCIES.commune.code}`] })])).toBe(
      false,
    );
    expect(isAmongHandlers(specialist, [task({ candidateGroups: [`leader:${DEMO_AGENCIES.district.code}`] })])).toBe(
      false,
    );
  });

  it('is nobody while no task is open', () => {
    expect(isAmongHandlers(specialist, [])).toBe(false);
  });

  it('includes the leader of the resolving agency, answered without asking the engine', async () => {
    const dossier = { handlingAgencyCode: DEMO_AGENCIES.district.code, processInstanceId: 'p1' };
    const leader: Officer = { sub: 'leader', roles: ['leader'], agencyCode: DEMO_AGENCIES.district.code };
    expect(await isCurrentHandler(NO_ENGINE, leader, dossier)).toBe(true);
  });

  it('never includes an officer of another agency, nor a role that does not work dossiers', async () => {
    const dossier = { handlingAgencyCode: DEMO_AGENCIES.district.code, processInstanceId: 'p1' };
    for (const officer of [
      { sub: 'xa.leader', roles: ['leader'], agencyCode: DEMO_AGENCIES.commune.code },
      { sub: 'auditor', roles: ['auditor'], agencyCode: DEMO_AGENCIES.district.code },
      { sub: 'admin', roles: ['admin'], agencyCode: DEMO_AGENCIES.district.code },
    ] satisfies Officer[]) {
      expect(await isCurrentHandler(NO_ENGINE, officer, dossier), officer.sub).toBe(false);
    }
  });
});
