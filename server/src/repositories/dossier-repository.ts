import {
  PAUSED_STATUSES,
  type DossierChannel,
  type DossierEventType,
  type DossierStatus,
  type HandedInDocument,
  type ResultDelivery,
  type Timeliness,
} from '@motcua/common';
import { enqueueNotification, nextDossierCode, Prisma, type Db, type NewNotification } from '@motcua/db';

/**
 * Dossiers and their append-only event log.
 *
 * Who may read a dossier (its access): the officers of the agency that received it or whose
 * procedure it is, and of every agency above them (a set of agency ids, the caller's subtree); and
 * the officers of a partner agency it was transferred to (liên thông), while there and afterwards.
 */
export const DOSSIER_INCLUDE = {
  procedure: true,
  procedureVersion: true,
  agency: true,
  pauses: { orderBy: [{ pausedAt: 'asc' }, { id: 'asc' }] },
  transfers: { include: { toAgency: true }, orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] },
  // the supplement request at reception lists what was missing (Mẫu 02); the latest one counts
  events: { where: { type: 'reception_incomplete' }, orderBy: { id: 'desc' }, take: 1 },
} as const satisfies Prisma.DossierInclude;

export type DossierRow = Prisma.DossierGetPayload<{ include: typeof DOSSIER_INCLUDE }>;

/**
 * The reception transaction waits on the engine: starting the process, and when that fails,
 * finding and deleting what it may have started (the engine client gives each call 10 s). It must
 * outlive those calls, because the code it holds may only be given back once they are done
 * (Prisma's default timeout is 5 s).
 */
const RECEPTION_TRANSACTION = { maxWait: 5_000, timeout: 40_000 } as const;

/** Who asks: the ids of their agency subtree, and their own agency for dossiers transferred to it. */
export interface DossierAccess {
  agencyIds: string[];
  partnerAgencyId?: string;
}

/** A process the engine started for a dossier. */
export interface StartedProcess {
  id: string;
  definitionId: string;
}

/** A message to queue in the outbox with the dossier's write (prisma/src/outbox.ts). */
export type QueuedNotice = Omit<NewNotification, 'dossierId'>;

/** What the receptionist entered, with the outcome of the check and the version that applies. */
export interface NewDossier {
  procedure: { id: string; code: string };
  version: { id: string };
  /** The receiving agency; its code prefixes the dossier code. */
  agency: { id: string; code: string };
  status: Extract<DossierStatus, 'received' | 'incomplete' | 'refused'>;
  eventType: Extract<DossierEventType, 'received' | 'reception_incomplete' | 'reception_refused'>;
  applicant: { fullName: string; idNumber: string; phone: string; address: string; email?: string | undefined };
  requestSummary: string;
  documents: HandedInDocument[];
  setCount: number;
  channel: DossierChannel;
  resultDelivery: ResultDelivery;
  deliveryAddress: string | null;
  missingItems: string[];
  refusalReason: string | null;
  legalRegime: string;
  receivedAt: Date;
  receivedBy: string;
  /** When it was entered, for a back-entry. */
  backEntry: { reason: string; enteredAt: Date } | null;
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

/**
 * The instants that split open dossiers by timeliness, taken from the legal clock once per request
 * (common/src/calendar/timeliness.ts): an open dossier is overdue when its appointment is before
 * `now`, nearly due when it is at or before `nearlyDueUntil` (the nearly-due lead in working time
 * after now), not yet due after that or while it has no appointment.
 */
export interface TimelinessBounds {
  now: Date;
  nearlyDueUntil: Date;
}

/** The dossiers this access may read: the rule of this module's header, the one every query of dossiers applies. */
export function accessibleDossiers(access: DossierAccess): Prisma.DossierWhereInput {
  return {
    OR: [
      { agencyId: { in: access.agencyIds } },
      { procedure: { agencyId: { in: access.agencyIds } } },
      ...(access.partnerAgencyId ? [{ transfers: { some: { toAgencyId: access.partnerAgencyId } } }] : []),
    ],
  };
}

/** Open dossiers whose clock runs: not finished, not paused, past reception. */
const RUNNING: Prisma.DossierWhereInput = {
  finishedAt: null,
  status: { notIn: ['incomplete', ...PAUSED_STATUSES] },
};

/** Finished dossiers are judged by the Vietnamese calendar day of their finish against that of their appointment. */
const FINISHED_DAY_COMPARISON = {
  early: Prisma.sql`<`,
  on_time: Prisma.sql`=`,
  late: Prisma.sql`>`,
} as const;

function vietnamDay(column: string) {
  return Prisma.raw(`((d."${column}" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`);
}

export function createDossierRepository(db: Db) {
  /** The condition for one timeliness, in the same terms as the timeliness shown on each dossier. */
  async function timelinessWhere(
    timeliness: Timeliness,
    bounds: TimelinessBounds,
    access: DossierAccess,
  ): Promise<Prisma.DossierWhereInput> {
    switch (timeliness) {
      case 'paused':
        return { finishedAt: null, status: { in: [...PAUSED_STATUSES] } };
      case 'overdue':
        return { AND: [RUNNING, { dueAt: { lt: bounds.now } }] };
      case 'nearly_due':
        return { AND: [RUNNING, { dueAt: { gte: bounds.now, lte: bounds.nearlyDueUntil } }] };
      case 'not_due':
        return { AND: [RUNNING, { OR: [{ dueAt: null }, { dueAt: { gt: bounds.nearlyDueUntil } }] }] };
      default: {
        // a comparison of two columns by calendar day, which the query builder cannot write; a
        // dossier that finished without an appointment (refused at reception) was on time
        const partner = access.partnerAgencyId ?? null;
        const withoutAppointment = timeliness === 'on_time' ? Prisma.sql`d."dueAt" IS NULL OR` : Prisma.empty;
        const rows = await db.$queryRaw<{ id: string }[]>`
          SELECT d.id::text AS id
          FROM "Dossier" d JOIN "Procedure" p ON p.id = d."procedureId"
          WHERE d."finishedAt" IS NOT NULL
            AND (${withoutAppointment} ${vietnamDay('finishedAt')} ${FINISHED_DAY_COMPARISON[timeliness]} ${vietnamDay('dueAt')})
            AND (d."agencyId" = ANY(${access.agencyIds}::uuid[]) OR p."agencyId" = ANY(${access.agencyIds}::uuid[])
                 OR EXISTS (SELECT 1 FROM "InterAgencyTransfer" t
                            WHERE t."dossierId" = d.id AND t."toAgencyId" = ${partner}::uuid))`;
        return { id: { in: rows.map((row) => row.id) } };
      }
    }
  }

  return {
    /**
     * Stores a dossier presented at reception, with its event, under the next code of its agency
     * for the day of receipt: every outcome takes a code. When `startProcess` is given (outcome
     * complete) it runs after the code is taken and before the dossier is stored. The notices are
     * queued in the outbox, and a back-entry is written to the audit log, in the same transaction:
     * when anything fails, nothing is stored, nothing is queued and the code is given back. Until
     * the commit the sequence row stays locked, so no other reception can take the same code.
     */
    async receive(
      input: NewDossier,
      options: {
        startProcess?: (code: string) => Promise<StartedProcess>;
        notices?: (code: string) => QueuedNotice[];
      },
    ): Promise<DossierRow> {
      return db.$transaction(async (tx) => {
        const code = await nextDossierCode(tx, input.agency, input.receivedAt);
        const started = options.startProcess ? await options.startProcess(code) : null;
        const final = input.status === 'refused';
        const dossier = await tx.dossier.create({
          data: {
            code,
            procedureId: input.procedure.id,
            procedureVersionId: input.version.id,
            processDefinitionId: started?.definitionId ?? null,
            processInstanceId: started?.id ?? null,
            legalRegime: input.legalRegime,
            agencyId: input.agency.id,
            applicantName: input.applicant.fullName,
            applicantIdNumber: input.applicant.idNumber,
            applicantPhone: input.applicant.phone,
            applicantAddress: input.applicant.address,
            applicantEmail: input.applicant.email ?? null,
            requestSummary: input.requestSummary,
            documents: input.documents as unknown as Prisma.InputJsonArray,
            setCount: input.setCount,
            channel: input.channel,
            resultDelivery: input.resultDelivery,
            deliveryAddress: input.deliveryAddress,
            status: input.status,
            refusalReason: input.refusalReason,
            finishedAt: final ? input.receivedAt : null,
            receivedAt: input.receivedAt,
            receivedBy: input.receivedBy,
            backEntry: input.backEntry !== null,
            backEntryReason: input.backEntry?.reason ?? null,
          },
        });
        const data: Prisma.InputJsonObject = {
          procedureCode: input.procedure.code,
          channel: input.channel,
          ...(input.eventType === 'reception_incomplete' ? { missingItems: input.missingItems } : {}),
          ...(input.eventType === 'reception_refused' ? { refusalReason: input.refusalReason } : {}),
        };
        await tx.dossierEvent.create({
          data: {
            dossierId: dossier.id,
            type: input.eventType,
            actor: input.receivedBy,
            data,
            occurredAt: input.receivedAt,
          },
        });
        if (input.backEntry) {
          const entry = {
            receivedAt: input.receivedAt.toISOString(),
            enteredAt: input.backEntry.enteredAt.toISOString(),
            outcome: input.status,
          };
          await tx.dossierEvent.create({
            data: {
              dossierId: dossier.id,
              type: 'back_entered',
              actor: input.receivedBy,
              note: input.backEntry.reason,
              data: entry,
              occurredAt: input.backEntry.enteredAt,
            },
          });
          await tx.auditLog.create({
            data: {
              actor: input.receivedBy,
              action: 'dossier.back_entry',
              entity: 'dossier',
              entityId: code,
              data: { ...entry, reason: input.backEntry.reason },
            },
          });
        }
        const notices = options.notices?.(code) ?? [];
        for (const notice of notices) await enqueueNotification(tx, { ...notice, dossierId: dossier.id });
        const [first] = notices;
        if (first) {
          await tx.dossierEvent.create({
            data: {
              dossierId: dossier.id,
              type: 'notification_queued',
              actor: input.receivedBy,
              dedupeKey: `notification:${first.kind}:${code}:reception`,
              data: { kind: first.kind, channels: notices.map((notice) => notice.channel).join(',') },
            },
          });
        }
        return tx.dossier.findUniqueOrThrow({ where: { id: dossier.id }, include: DOSSIER_INCLUDE });
      }, RECEPTION_TRANSACTION);
    },

    /**
     * Starts the processing of an incomplete dossier brought back complete: the row is locked, so
     * of two concurrent acceptances one starts the process and the other finds it received. Returns
     * null when the dossier is no longer incomplete (nothing was started or written).
     */
    async accept(
      input: {
        dossierId: string;
        version: { id: string };
        legalRegime: string;
        documents: HandedInDocument[];
        setCount?: number | undefined;
        receivedAt: Date;
        acceptedBy: string;
      },
      startProcess: () => Promise<StartedProcess>,
    ): Promise<DossierRow | null> {
      return db.$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<{ status: DossierStatus }[]>`
          SELECT status::text AS status FROM "Dossier" WHERE id = ${input.dossierId}::uuid FOR UPDATE`;
        if (locked?.status !== 'incomplete') return null;
        const started = await startProcess();
        await tx.dossier.update({
          where: { id: input.dossierId },
          data: {
            status: 'received',
            procedureVersionId: input.version.id,
            legalRegime: input.legalRegime,
            documents: input.documents as unknown as Prisma.InputJsonArray,
            ...(input.setCount === undefined ? {} : { setCount: input.setCount }),
            receivedAt: input.receivedAt,
            processInstanceId: started.id,
            processDefinitionId: started.definitionId,
          },
        });
        await tx.dossierEvent.create({
          data: {
            dossierId: input.dossierId,
            type: 'received',
            actor: input.acceptedBy,
            note: 'accepted after supplement at reception',
            data: { acceptedFromIncomplete: true },
            occurredAt: input.receivedAt,
          },
        });
        return tx.dossier.findUniqueOrThrow({ where: { id: input.dossierId }, include: DOSSIER_INCLUDE });
      }, RECEPTION_TRANSACTION);
    },

    /**
     * A status change outside the normal flow: the status moves only if it is still `from`, with its
     * event and its audit log row in one transaction. Returns false when the status changed meanwhile.
     */
    async overrideStatus(input: {
      dossierId: string;
      code: string;
      from: DossierStatus;
      to: DossierStatus;
      finishedAt: Date | null;
      authorisingDocument: string;
      reason: string;
      actor: string;
      occurredAt: Date;
      processInstanceDeleted: boolean;
    }): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.dossier.updateMany({
          where: { id: input.dossierId, status: input.from },
          data: {
            status: input.to,
            ...(input.finishedAt ? { finishedAt: input.finishedAt, clockPausedAt: null } : {}),
          },
        });
        if (count === 0) return false;
        const data = {
          from: input.from,
          to: input.to,
          authorisingDocument: input.authorisingDocument,
          processInstanceDeleted: input.processInstanceDeleted,
        };
        await tx.dossierEvent.create({
          data: {
            dossierId: input.dossierId,
            type: 'status_overridden',
            actor: input.actor,
            note: input.reason,
            data,
            occurredAt: input.occurredAt,
          },
        });
        if (input.to === 'withdrawn') {
          await tx.dossierEvent.create({
            data: {
              dossierId: input.dossierId,
              type: 'withdrawn',
              actor: input.actor,
              note: input.reason,
              data: { authorisingDocument: input.authorisingDocument },
              occurredAt: input.occurredAt,
            },
          });
        }
        await tx.auditLog.create({
          data: {
            actor: input.actor,
            action: 'dossier.status_override',
            entity: 'dossier',
            entityId: input.code,
            data: { ...data, reason: input.reason },
          },
        });
        return true;
      });
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

    async list(
      access: DossierAccess,
      query: { status?: DossierStatus; timeliness?: Timeliness; q?: string; page: number; perPage: number },
      bounds: TimelinessBounds,
    ): Promise<{ rows: DossierRow[]; total: number }> {
      const q = query.q;
      const where: Prisma.DossierWhereInput = {
        AND: [
          accessibleDossiers(access),
          query.status ? { status: query.status } : {},
          query.timeliness ? await timelinessWhere(query.timeliness, bounds, access) : {},
          q
            ? {
                OR: [
                  { code: { contains: q, mode: 'insensitive' } },
                  { applicantName: { contains: q, mode: 'insensitive' } },
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
      return { rows, total };
    },

    findByCode(code: string, access: DossierAccess): Promise<DossierRow | null> {
      return db.dossier.findFirst({ where: { AND: [{ code }, accessibleDossiers(access)] }, include: DOSSIER_INCLUDE });
    },

    /** Whether the dossier is in the subtree of the agencies (not merely transferred to one of them). */
    async isInSubtree(dossierId: string, agencyIds: string[]): Promise<boolean> {
      return (await db.dossier.count({ where: { AND: [{ id: dossierId }, accessibleDossiers({ agencyIds })] } })) > 0;
    },

    findByProcessInstanceIds(processInstanceIds: string[]): Promise<DossierRow[]> {
      return db.dossier.findMany({
        where: { processInstanceId: { in: processInstanceIds } },
        include: DOSSIER_INCLUDE,
      });
    },

    findByProcessInstanceId(processInstanceId: string) {
      return db.dossier.findUnique({ where: { processInstanceId }, include: { procedure: true } });
    },

    /** What a citizen may see: no applicant data is even read. */
    findPublic(code: string) {
      return db.dossier.findUnique({
        where: { code },
        select: {
          code: true,
          status: true,
          receivedAt: true,
          dueAt: true,
          finishedAt: true,
          procedure: { select: { code: true } },
          procedureVersion: { select: { name: true } },
          agency: { select: { code: true, name: true } },
        },
      });
    },

    events(dossierId: string) {
      return db.dossierEvent.findMany({ where: { dossierId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    },
  };
}
export type DossierRepository = ReturnType<typeof createDossierRepository>;
