import type { Db, Prisma } from '@motcua/db';
import { accessibleDossiers, dossiersIn, type DossierAccess } from '@motcua/domain';

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

const REGISTER_SELECT = {
  code: true,
  status: true,
  applicantName: true,
  applicantAddress: true,
  applicantPhone: true,
  receivedAt: true,
  dueAt: true,
  originalDueAt: true,
  finishedAt: true,
  resultDelivery: true,
  returnedVia: true,
  procedureVersion: { select: { name: true } },
  procedure: { select: { agency: { select: { name: true } } } },
} as const satisfies Prisma.DossierSelect;
export type RegisterDossier = Prisma.DossierGetPayload<{ select: typeof REGISTER_SELECT }>;

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
     * The dossiers received by the agencies, or whose procedure they handle, in [from, to), in the
     * order they were received (the register's order).
     */
    register(agencyIds: string[], from: Date, to: Date): Promise<RegisterDossier[]> {
      return db.dossier.findMany({
        where: { AND: [{ receivedAt: { gte: from, lt: to } }, accessibleDossiers({ agencyIds })] },
        select: REGISTER_SELECT,
        orderBy: [{ receivedAt: 'asc' }, { code: 'asc' }],
      });
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
