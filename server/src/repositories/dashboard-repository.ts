import type { DossierStatus, OpenTimeliness, Role } from '@motcua/common';
import { Prisma, type Db } from '@motcua/db';
import { HANDLING_ROLES, sqlAccessibleDossier, type DossierAccess } from '@motcua/domain';
import { timelinessCondition, type TimelinessBounds } from './dossier-repository.js';

/**
 * The dashboard's reads of the dossiers on hand: the dossiers the caller may read (the domain's
 * access rule, as the dossier list applies it) counted by status and by the list's timeliness
 * (`timelinessCondition`, the one home of that rule), the pages of the nearly-due and overdue ones,
 * and the officers whose open tasks the dashboard counts (task-repository.ts counts the tasks).
 */

/** One dossier of a nearly-due or overdue page. */
export interface DueDossierRow {
  code: string;
  status: DossierStatus;
  applicantName: string;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  dueAt: Date;
  handlers: string[];
}

/** An active officer of a handling role in one of the agencies. */
export interface OfficerRow {
  username: string;
  fullName: string;
  roles: Role[];
  agencyCode: string;
  agencyName: string;
}

export function createDashboardRepository(db: Db) {
  return {
    /** The number of dossiers the access reads in each status (statuses without one are absent). */
    async statusCounts(access: DossierAccess): Promise<{ status: DossierStatus; count: number }[]> {
      return db.$queryRaw(Prisma.sql`
        SELECT d.status::text AS status, COUNT(*)::int AS count
        FROM "Dossier" d WHERE ${sqlAccessibleDossier(access, Prisma.sql`d`)}
        GROUP BY d.status`);
    },

    /** The number of open dossiers the access reads in each timeliness, judged at the bounds. */
    async timelinessCounts(
      access: DossierAccess,
      timeliness: readonly OpenTimeliness[],
      bounds: TimelinessBounds,
    ): Promise<Record<OpenTimeliness, number>> {
      const counts = Prisma.join(
        timeliness.map(
          (value) =>
            Prisma.sql`COUNT(*) FILTER (WHERE ${timelinessCondition(value, bounds)})::int AS ${Prisma.raw(`"${value}"`)}`,
        ),
      );
      const [row] = await db.$queryRaw<Record<OpenTimeliness, number>[]>(Prisma.sql`
        SELECT ${counts} FROM "Dossier" d
        WHERE d."finishedAt" IS NULL AND ${sqlAccessibleDossier(access, Prisma.sql`d`)}`);
      return row!;
    },

    /**
     * One page of the open dossiers of a timeliness, soonest appointment first (the most overdue
     * first among the overdue), with the number of them all and who holds their open tasks.
     */
    async dueDossiers(
      access: DossierAccess,
      timeliness: Extract<OpenTimeliness, 'nearly_due' | 'overdue'>,
      bounds: TimelinessBounds,
      page: { offset: number; limit: number },
    ): Promise<{ rows: DueDossierRow[]; total: number }> {
      const where = Prisma.sql`${sqlAccessibleDossier(access, Prisma.sql`d`)} AND ${timelinessCondition(timeliness, bounds)}`;
      const [rows, [counted]] = await Promise.all([
        db.$queryRaw<DueDossierRow[]>(Prisma.sql`
          SELECT d.code, d.status::text AS status, d."applicantName", v.name AS "procedureName",
                 a.code AS "agencyCode", a.name AS "agencyName", d."dueAt",
                 ARRAY(SELECT COALESCE(acc."fullName", t.assignee) FROM "OpenTask" t
                       LEFT JOIN "Account" acc ON acc.username = t.assignee
                       WHERE t."processInstanceId" = d."processInstanceId" AND t.assignee IS NOT NULL
                       ORDER BY 1) AS handlers
          FROM "Dossier" d
          JOIN "Procedure" p ON p.id = d."procedureId"
          JOIN "ProcedureVersion" v ON v.id = d."procedureVersionId"
          JOIN "Agency" a ON a.id = p."agencyId"
          WHERE ${where}
          ORDER BY d."dueAt", d.code
          LIMIT ${page.limit} OFFSET ${page.offset}`),
        db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT COUNT(*)::int AS total FROM "Dossier" d WHERE ${where}`),
      ]);
      return { rows, total: counted?.total ?? 0 };
    },

    /** The active officers of a handling role (domain HANDLING_ROLES) in the agencies, by name. */
    officers(agencyIds: readonly string[]): Promise<OfficerRow[]> {
      return db.$queryRaw<OfficerRow[]>(Prisma.sql`
        SELECT acc.username, acc."fullName", acc.roles::text[] AS roles, a.code AS "agencyCode", a.name AS "agencyName"
        FROM "Account" acc JOIN "Agency" a ON a.id = acc."agencyId"
        WHERE acc.active AND acc."agencyId" = ANY(${[...agencyIds]}::uuid[])
          AND acc.roles && ${[...HANDLING_ROLES]}::"Role"[]
        ORDER BY acc."fullName", acc.username`);
    },
  };
}
export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
