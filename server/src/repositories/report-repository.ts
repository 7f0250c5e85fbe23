import type { DossierStatus, ResultDelivery } from '@motcua/common';
import { poolOf, Prisma, type Db } from '@motcua/db';
import { accessibleDossiers, dossiersIn, sqlAccessibleDossier, type DossierAccess } from '@motcua/domain';
import { utcValues } from './prepared-statements.js';

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
  /** Its line in the register (STT), from 1. */
  index: number;
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
 * agency or procedure of the access rule's branches; its one sort numbers the lines too. Exported for
 * bench/sql-plans.ts.
 */
export function registerStatement(access: DossierAccess, from: Date, to: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT (row_number() OVER (ORDER BY d."receivedAt", d.code))::int AS index,
           d.code, d.status::text AS status, d."applicantName", d."applicantAddress", d."applicantPhone",
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

/** Column `name` of the register's row `r`, a `timestamp(3)` in UTC, as Date.toISOString() writes it (null stays null). */
const isoInstant = (name: string) => Prisma.raw(`to_char(r."${name}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${name}"`);

/**
 * The register's entries (RegisterEntrySchema) written by PostgreSQL, one JSON object per row with the
 * properties in the schema's order: the rows of `registerStatement`, sorted on its narrow columns
 * before each is written out. A province's month is about 40 000 entries, a 17 MB answer: read as
 * rows, mapped and serialized by the server, they cost it more CPU than the statement cost PostgreSQL
 * (docs/benchmarks.md, "A province's month of the register"; bench/register-month.ts).
 */
export function registerEntriesStatement(access: DossierAccess, from: Date, to: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT row_to_json(entry)::text AS entry
    FROM (${registerStatement(access, from, to)}) r,
         LATERAL (SELECT r.index, r.code, r."procedureName", r."applicantName", r."applicantAddress", r."applicantPhone",
                         r."resolvingAgencyName", r.status, ${isoInstant('receivedAt')}, ${isoInstant('originalDueAt')},
                         ${isoInstant('dueAt')}, ${isoInstant('finishedAt')},
                         COALESCE(r."returnedVia", r."resultDelivery") AS "resultDelivery") entry
    ORDER BY r."receivedAt", r.code`;
}

/**
 * The memory the register's read may sort in: a province's month sorts about 10 MB, which the
 * server's default work_mem of 4 MB sent to disk. Exported for bench/register-month.ts.
 */
export const REGISTER_WORK_MEM = '32MB';

/**
 * The entry rows, on the client's node-postgres pool as the officer's point read (./dossier-read.ts),
 * in a transaction of their own for SET LOCAL. Dates are sent as UTC instants (`utcValues`), as
 * Prisma sends them, whatever the process's time zone. On a client without a pool (a transaction's, see `poolOf`) the
 * same statement goes through Prisma, in the caller's work_mem.
 */
async function registerEntryRows(db: Db, statement: Prisma.Sql): Promise<{ entry: string }[]> {
  const pool = poolOf(db);
  if (!pool) return db.$queryRaw<{ entry: string }[]>(statement);
  const values = utcValues(statement);
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL work_mem = '${REGISTER_WORK_MEM}'`);
    const { rows } = await client.query<{ entry: string }>(statement.text, values);
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    // a connection left inside a failed transaction is closed rather than given back to the pool
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(failure);
  }
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

    /**
     * The same dossiers as `register`, in the same order, as the JSON array of the register's entries
     * (RegisterEntrySchema), numbered from 1.
     */
    async registerEntriesJson(access: DossierAccess, from: Date, to: Date): Promise<string> {
      const rows = await registerEntryRows(db, registerEntriesStatement(access, from, to));
      return `[${rows.map((row) => row.entry).join(',')}]`;
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
