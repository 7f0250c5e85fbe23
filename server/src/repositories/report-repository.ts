import type { DossierStatus, ResultDelivery } from '@motcua/common';
import { Prisma, type Db } from '@motcua/db';
import { accessibleDossiers, dossiersIn, sqlAccessibleDossier, type DossierAccess } from '@motcua/domain';

/**
 * What the forms and the per-agency reports read: the agencies that issue forms, officers' full
 * names, the register of an agency's dossiers for a period, and the dossiers flagged at risk.
 */

/** The agency fields a form's header needs (docs/legal.md §1.1). */
const ISSUER_SELECT = {
  id: true,
  code: true,
  name: true,
  parentName: true,
  unitName: true,
  place: true,
  phone: true,
  parent: { select: { name: true } },
} as const satisfies Prisma.AgencySelect;
export type IssuerAgency = Prisma.AgencyGetPayload<{ select: typeof ISSUER_SELECT }>;

/**
 * One line of the register: the dossier's own columns, the name of the procedure version it was
 * received under and of the agency that resolves it.
 */
export interface RegisterDossier {
  code: string;
  status: DossierStatus;
  applicantName: string;
  applicantAddress: string;
  applicantPhone: string;
  receivedAt: Date;
  dueAt: Date | null;
  originalDueAt: Date | null;
  finishedAt: Date | null;
  resultDelivery: ResultDelivery;
  returnedVia: ResultDelivery | null;
  procedureName: string;
  resolvingAgencyName: string;
}

/**
 * The register's one statement: the dossiers of the access in [from, to), in the order they were
 * received, with their procedure version and resolving agency joined (one round trip, where nested
 * selects took three). The period is a range of the index on "receivedAt", alone or behind the
 * agency or procedure of the access rule's branches. Exported for bench/sql-plans.ts.
 */
export function registerStatement(access: DossierAccess, from: Date, to: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT d.code, d.status::text AS status, d."applicantName", d."applicantAddress", d."applicantPhone",
           d."receivedAt", d."dueAt", d."originalDueAt", d."finishedAt",
           d."resultDelivery"::text AS "resultDelivery", d."returnedVia"::text AS "returnedVia",
           v.name AS "procedureName", a.name AS "resolvingAgencyName"
    FROM "Dossier" d
    JOIN "ProcedureVersion" v ON v.id = d."procedureVersionId"
    JOIN "Procedure" p ON p.id = d."procedureId"
    JOIN "Agency" a ON a.id = p."agencyId"
    WHERE d."receivedAt" >= ${from} AND d."receivedAt" < ${to} AND ${sqlAccessibleDossier(access, Prisma.sql`d`)}
    ORDER BY d."receivedAt", d.code`;
}

const AT_RISK_SELECT = {
  id: true,
  code: true,
  status: true,
  dueAt: true,
  processInstanceId: true,
  applicantName: true,
  procedureVersion: { select: { name: true } },
  procedure: { select: { agency: { select: { code: true, name: true } } } },
  events: {
    where: { type: 'at_risk' },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: 1,
    select: { occurredAt: true, data: true },
  },
  apologies: {
    where: { status: { in: ['draft', 'approved'] } },
    select: { id: true, status: true, previousDueAt: true, newDueAt: true, decidedAt: true },
  },
} as const satisfies Prisma.DossierSelect;
export type AtRiskCandidate = Prisma.DossierGetPayload<{ select: typeof AT_RISK_SELECT }>;

export function createReportRepository(db: Db) {
  return {
    issuer(agencyId: string): Promise<IssuerAgency | null> {
      return db.agency.findUnique({ where: { id: agencyId }, select: ISSUER_SELECT });
    },

    issuerByCode(code: string): Promise<IssuerAgency | null> {
      return db.agency.findUnique({ where: { code }, select: ISSUER_SELECT });
    },

    /** Full names of accounts by username; unknown usernames are left out. */
    async fullNames(usernames: Iterable<string>): Promise<Map<string, string>> {
      const unique = [...new Set(usernames)];
      if (unique.length === 0) return new Map();
      const accounts = await db.account.findMany({
        where: { username: { in: unique } },
        select: { username: true, fullName: true },
      });
      return new Map(accounts.map((account) => [account.username, account.fullName]));
    },

    /** Agencies by code, for the partner agencies named by engine candidate groups. */
    async agencyNames(codes: Iterable<string>): Promise<Map<string, string>> {
      const unique = [...new Set(codes)];
      if (unique.length === 0) return new Map();
      const agencies = await db.agency.findMany({
        where: { code: { in: unique } },
        select: { code: true, name: true },
      });
      return new Map(agencies.map((agency) => [agency.code, agency.name]));
    },

    /** The latest approved apology of a dossier, or null. */
    latestApprovedApology(dossierId: string) {
      return db.apology.findFirst({
        where: { dossierId, status: 'approved' },
        orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
      });
    },

    /**
     * The dossiers the access sees (received by its agencies, or whose procedure they handle) in
     * [from, to), in the order they were received (the register's order).
     */
    register(access: DossierAccess, from: Date, to: Date): Promise<RegisterDossier[]> {
      return db.$queryRaw<RegisterDossier[]>(registerStatement(access, from, to));
    },

    /** Dossiers whose clock runs (the domain's rule), the caller may see, flagged at risk, with their apologies. */
    atRiskCandidates(access: DossierAccess): Promise<AtRiskCandidate[]> {
      return db.dossier.findMany({
        where: {
          AND: [
            accessibleDossiers(access),
            dossiersIn('running'),
            { dueAt: { not: null } },
            { events: { some: { type: 'at_risk' } } },
          ],
        },
        select: AT_RISK_SELECT,
        orderBy: [{ dueAt: 'asc' }, { code: 'asc' }],
        take: 500,
      });
    },
  };
}
export type ReportRepository = ReturnType<typeof createReportRepository>;
