import type { DossierChannel, DossierEventType } from '@motcua/common';
import { nextDossierCode, type Db, type Prisma } from '@motcua/db';
import type { Dossier, QueryDossier } from '../schemas/dossiers.js';
import type { PublicDossier } from '../schemas/public-dossiers.js';

/**
 * Dossiers and their append-only event log. An officer's scope is a set of agency ids: a dossier
 * is in scope when the agency that received it, or the agency whose procedure it is, belongs to
 * the set.
 */
const DOSSIER_INCLUDE = { procedure: true, agency: true } as const;

/**
 * The reception transaction waits on the engine: starting the process, and when that fails,
 * finding and deleting what it may have started (the engine client gives each call 10 s). It must
 * outlive those calls, because the code it holds may only be given back once they are done
 * (Prisma's default timeout is 5 s).
 */
const RECEPTION_TRANSACTION = { maxWait: 5_000, timeout: 40_000 } as const;

/** A dossier as the receptionist entered it, with where and when it was received. */
export interface NewDossier {
  procedure: { id: string; code: string };
  /** The receiving agency; its code prefixes the dossier code. */
  agency: { id: string; code: string };
  applicant: { fullName: string; idNumber: string; phone: string; address: string };
  channel: DossierChannel;
  receivedAt: Date;
  receivedBy: string;
}

/** One entry of a dossier's event log. */
export interface NewDossierEvent {
  dossierId: string;
  type: DossierEventType;
  actor: string;
  activityId?: string | null;
  /** Entries with the same key for the same dossier are written once. */
  dedupeKey?: string;
  note?: string | null;
  data?: Prisma.InputJsonObject;
  occurredAt?: Date;
}

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
    /**
     * Stores a received dossier, with its 'received' event, under the next code of its agency for
     * the day. `startProcess(code)` runs after the code is taken and before the dossier is stored,
     * and returns the process instance id. All of it is one transaction: when `startProcess` or the
     * insert fails, nothing is stored and the code is given back; until then the sequence row stays
     * locked, so no other reception can take the same code.
     */
    async receive(input: NewDossier, startProcess: (code: string) => Promise<string>): Promise<DossierRow> {
      return db.$transaction(async (tx) => {
        const code = await nextDossierCode(tx, input.agency, input.receivedAt);
        const processInstanceId = await startProcess(code);
        return tx.dossier.create({
          data: {
            code,
            procedureId: input.procedure.id,
            agencyId: input.agency.id,
            applicantName: input.applicant.fullName,
            applicantIdNumber: input.applicant.idNumber,
            applicantPhone: input.applicant.phone,
            applicantAddress: input.applicant.address,
            channel: input.channel,
            receivedAt: input.receivedAt,
            receivedBy: input.receivedBy,
            processInstanceId,
            events: {
              create: {
                type: 'received',
                actor: input.receivedBy,
                data: { procedureCode: input.procedure.code, channel: input.channel },
                occurredAt: input.receivedAt,
              },
            },
          },
          include: DOSSIER_INCLUDE,
        });
      }, RECEPTION_TRANSACTION);
    },

    /**
     * Appends an event to a dossier's log; false when an event with the same dedupe key was
     * already written (ON CONFLICT DO NOTHING: the log is append-only, so no upsert).
     */
    async appendEvent(event: NewDossierEvent): Promise<boolean> {
      const { count } = await db.dossierEvent.createMany({ data: [event], skipDuplicates: true });
      return count > 0;
    },

    /** How many events of a dossier have a dedupe key starting with `prefix`. */
    countEvents(dossierId: string, dedupeKeyPrefix: string): Promise<number> {
      return db.dossierEvent.count({ where: { dossierId, dedupeKey: { startsWith: dedupeKeyPrefix } } });
    },

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
