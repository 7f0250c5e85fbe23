import type { Db } from '@motcua/db';
import type { Dossier, QueryDossier } from '../schemas/dossiers.js';
import type { PublicDossier } from '../schemas/public-dossiers.js';

/**
 * Reading dossiers. An officer's scope is a set of agency ids: a dossier is in scope when the
 * agency that received it, or the agency whose procedure it is, belongs to the set.
 */
const DOSSIER_INCLUDE = { procedure: true, agency: true } as const;

export type DossierRow = NonNullable<Awaited<ReturnType<Db['dossier']['findFirst']>>> & {
  procedure: { code: string; name: string; processingDays: number };
  agency: { code: string; name: string };
};

export function toDossier(row: DossierRow): Dossier {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    processInstanceId: row.processInstanceId,
    applicant: {
      fullName: row.applicantName,
      idNumber: row.applicantIdNumber,
      phone: row.applicantPhone,
      address: row.applicantAddress,
    },
    procedure: { code: row.procedure.code, name: row.procedure.name, processingDays: row.procedure.processingDays },
    agency: { code: row.agency.code, name: row.agency.name },
  };
}

function inScope(agencyIds: string[]) {
  return { OR: [{ agencyId: { in: agencyIds } }, { procedure: { agencyId: { in: agencyIds } } }] };
}

export function createDossierRepository(db: Db) {
  return {
    async list(agencyIds: string[], query: QueryDossier): Promise<{ data: Dossier[]; total: number }> {
      const q = query.q;
      const where = {
        AND: [
          inScope(agencyIds),
          query.status ? { status: query.status } : {},
          q
            ? {
                OR: [
                  { code: { contains: q, mode: 'insensitive' as const } },
                  { applicantName: { contains: q, mode: 'insensitive' as const } },
                  { applicantIdNumber: q },
                ],
              }
            : {},
        ],
      };
      const [rows, total] = await db.$transaction([
        db.dossier.findMany({
          where,
          include: DOSSIER_INCLUDE,
          orderBy: [{ receivedAt: 'desc' }, { code: 'desc' }],
          skip: (query.page - 1) * query.perPage,
          take: query.perPage,
        }),
        db.dossier.count({ where }),
      ]);
      return { data: rows.map(toDossier), total };
    },

    async findByCode(code: string, agencyIds: string[]) {
      return db.dossier.findFirst({ where: { AND: [{ code }, inScope(agencyIds)] }, include: DOSSIER_INCLUDE });
    },

    async findByProcessInstanceIds(processInstanceIds: string[]) {
      return db.dossier.findMany({
        where: { processInstanceId: { in: processInstanceIds } },
        include: DOSSIER_INCLUDE,
      });
    },

    findByProcessInstanceId(processInstanceId: string) {
      return db.dossier.findUnique({ where: { processInstanceId } });
    },

    /** What a citizen may see: status, procedure, agency and dates; nothing about the applicant. */
    async findPublic(code: string): Promise<PublicDossier | null> {
      const row = await db.dossier.findUnique({
        where: { code },
        select: {
          code: true,
          status: true,
          receivedAt: true,
          dueAt: true,
          finishedAt: true,
          procedure: { select: { code: true, name: true } },
          agency: { select: { code: true, name: true } },
        },
      });
      if (!row) return null;
      return {
        code: row.code,
        status: row.status,
        procedure: row.procedure,
        agency: row.agency,
        receivedAt: row.receivedAt.toISOString(),
        dueAt: row.dueAt?.toISOString() ?? null,
        finishedAt: row.finishedAt?.toISOString() ?? null,
      };
    },

    events(dossierId: string) {
      return db.dossierEvent.findMany({ where: { dossierId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    },
  };
}
export type DossierRepository = ReturnType<typeof createDossierRepository>;
