import type { ApologyStatus } from '@motcua/common';
import type { Db, Prisma } from '@motcua/db';
import {
  accessibleDossiers,
  appendEvent,
  lockDossier,
  queueToApplicant,
  type Addressee,
  type ApplicantMessage,
  type DossierAccess,
} from '@motcua/domain';

/**
 * Apologies (Mẫu 04) and the dossier writes that go with them. Every write that decides something
 * (drafting, approving, rejecting) locks the dossier row first (the domain's lockDossier), so two
 * drafts or two approvals of the same dossier cannot both pass the checks, and writes its DossierEvent,
 * and for an approval the moved appointment and the queued message to the applicant, in the same
 * transaction.
 */

/** What the apology rules need to know about a dossier. */
const DOSSIER_SELECT = {
  id: true,
  code: true,
  status: true,
  receivedAt: true,
  dueAt: true,
  originalDueAt: true,
  clockPausedAt: true,
  processInstanceId: true,
  applicantName: true,
  applicantPhone: true,
  applicantEmail: true,
  applicantAddress: true,
  applicantIdNumber: true,
  requestSummary: true,
  agencyId: true,
  procedureVersion: { select: { name: true } },
  procedure: { select: { agencyId: true, agency: { select: { id: true, code: true, name: true } } } },
} as const satisfies Prisma.DossierSelect;

export type ApologyDossier = Prisma.DossierGetPayload<{ select: typeof DOSSIER_SELECT }>;

const APOLOGY_INCLUDE = { dossier: { select: DOSSIER_SELECT } } as const satisfies Prisma.ApologyInclude;
export type ApologyRow = Prisma.ApologyGetPayload<{ include: typeof APOLOGY_INCLUDE }>;

/** What the applicant is told of an approval, queued in the approval's transaction. */
export interface ApologyNotice {
  addressee: Addressee;
  message: ApplicantMessage;
}

/** Why a locked re-check refused a write; the service turns it into a 409. */
export class ApologyConflict extends Error {
  constructor(
    message: string,
    readonly reason: 'dossier_changed' | 'limit_reached' | 'draft_pending' | 'not_draft',
  ) {
    super(message);
    this.name = 'ApologyConflict';
  }
}

export interface ApologyCountRow {
  agencyId: string;
  drafted: number;
  approved: number;
  rejected: number;
}

export function createApologyRepository(db: Db) {
  return {
    /** A dossier by code with what the apology rules need, if the access sees it (the domain's rule). */
    findDossier(code: string, access: DossierAccess): Promise<ApologyDossier | null> {
      return db.dossier.findFirst({ where: { AND: [{ code }, accessibleDossiers(access)] }, select: DOSSIER_SELECT });
    },

    /** An apology by id, if the access sees its dossier. */
    findById(id: string, access: DossierAccess): Promise<ApologyRow | null> {
      return db.apology.findFirst({ where: { id, dossier: accessibleDossiers(access) }, include: APOLOGY_INCLUDE });
    },

    /** The apologies of a dossier, oldest first. */
    listForDossier(dossierId: string): Promise<ApologyRow[]> {
      return db.apology.findMany({
        where: { dossierId },
        include: APOLOGY_INCLUDE,
        orderBy: [{ draftedAt: 'asc' }, { id: 'asc' }],
      });
    },

    /** Apologies of dossiers handled by the agencies, newest first. */
    listForAgencies(agencyIds: string[], status: ApologyStatus | undefined): Promise<ApologyRow[]> {
      return db.apology.findMany({
        where: { dossier: { procedure: { agencyId: { in: agencyIds } } }, ...(status ? { status } : {}) },
        include: APOLOGY_INCLUDE,
        orderBy: [{ draftedAt: 'desc' }, { id: 'desc' }],
        take: 500,
      });
    },

    /** The latest approved apology of a dossier (the one the letter prints), or null. */
    latestApproved(dossierId: string): Promise<ApologyRow | null> {
      return db.apology.findFirst({
        where: { dossierId, status: 'approved' },
        include: APOLOGY_INCLUDE,
        orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
      });
    },

    /**
     * Stores a draft with its apology_drafted event. Under the dossier's lock it re-checks that the
     * dossier still has the appointment the draft moves, that no other draft waits and that the limit
     * of approved apologies is not reached.
     */
    async createDraft(input: {
      dossier: ApologyDossier;
      reason: string;
      newDueAt: Date;
      draftedBy: string;
      draftedAt: Date;
      limit: number;
    }): Promise<ApologyRow> {
      const { dossier } = input;
      return db.$transaction(async (tx) => {
        await lockDossier(tx, dossier.id);
        const current = await tx.dossier.findUniqueOrThrow({
          where: { id: dossier.id },
          select: { dueAt: true, status: true },
        });
        if (current.dueAt?.getTime() !== dossier.dueAt?.getTime() || current.status !== dossier.status) {
          throw new ApologyConflict('the dossier changed meanwhile; read it again', 'dossier_changed');
        }
        const [drafts, approved] = await Promise.all([
          tx.apology.count({ where: { dossierId: dossier.id, status: 'draft' } }),
          tx.apology.count({ where: { dossierId: dossier.id, status: 'approved' } }),
        ]);
        if (drafts > 0) {
          throw new ApologyConflict('an apology of this dossier already waits for the leader', 'draft_pending');
        }
        if (approved >= input.limit) {
          throw new ApologyConflict(
            `the appointment of this dossier may be moved at most ${input.limit} time(s)`,
            'limit_reached',
          );
        }
        const apology = await tx.apology.create({
          data: {
            dossierId: dossier.id,
            reason: input.reason,
            previousDueAt: current.dueAt!,
            newDueAt: input.newDueAt,
            draftedBy: input.draftedBy,
            draftedAt: input.draftedAt,
          },
          include: APOLOGY_INCLUDE,
        });
        await appendEvent(tx, {
          dossierId: dossier.id,
          type: 'apology_drafted',
          actor: input.draftedBy,
          dedupeKey: `apology:${apology.id}:drafted`,
          note: input.reason,
          data: {
            apologyId: apology.id,
            previousDueAt: current.dueAt!.toISOString(),
            newDueAt: input.newDueAt.toISOString(),
          },
          occurredAt: input.draftedAt,
        });
        return apology;
      });
    },

    /**
     * Approves a draft: numbers the letter within its agency and year, moves the dossier's appointment
     * (`dueAt`, never `originalDueAt`), writes apology_approved and queues the applicant's message (its
     * cause is the apology, so it is queued once), all in one transaction. `check` runs under the dossier's lock with the dossier as it is then and throws
     * to refuse. Letter numbers are taken under a transaction-scoped advisory lock per agency and
     * year, so two approvals never get the same number, and a rolled-back approval gives its back.
     */
    async approve(input: {
      apologyId: string;
      decidedBy: string;
      decidedAt: Date;
      note: string | null;
      /** Vietnamese calendar year of the decision and its bounds, for numbering. */
      year: { value: number; start: Date; end: Date };
      limit: number;
      check: (dossier: ApologyDossier, apology: ApologyRow) => void;
      notice: (approved: ApologyRow, number: number) => ApologyNotice;
      /** Base of the public status page, for the lookup link in the message. */
      publicBaseUrl?: string | undefined;
    }): Promise<ApologyRow> {
      return db.$transaction(async (tx) => {
        const found = await tx.apology.findUniqueOrThrow({
          where: { id: input.apologyId },
          select: { dossierId: true },
        });
        await lockDossier(tx, found.dossierId);
        const apology = await tx.apology.findUniqueOrThrow({
          where: { id: input.apologyId },
          include: APOLOGY_INCLUDE,
        });
        if (apology.status !== 'draft')
          throw new ApologyConflict(`the apology is already ${apology.status}`, 'not_draft');
        input.check(apology.dossier, apology);
        const approved = await tx.apology.count({ where: { dossierId: found.dossierId, status: 'approved' } });
        if (approved >= input.limit) {
          throw new ApologyConflict(
            `the appointment of this dossier may be moved at most ${input.limit} time(s)`,
            'limit_reached',
          );
        }

        const agencyId = apology.dossier.procedure.agencyId;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`apology-number:${agencyId}:${input.year.value}`}))`;
        const [{ last }] = await tx.$queryRaw<[{ last: number }]>`
          SELECT COALESCE(MAX(a.number), 0)::int AS last
          FROM "Apology" a
          JOIN "Dossier" d ON d.id = a."dossierId"
          JOIN "Procedure" p ON p.id = d."procedureId"
          WHERE p."agencyId" = ${agencyId}::uuid
            AND a.status = 'approved'
            AND a."decidedAt" >= ${input.year.start} AND a."decidedAt" < ${input.year.end}`;
        const number = last + 1;

        const updated = await tx.apology.update({
          where: { id: apology.id },
          data: {
            status: 'approved',
            number,
            decidedBy: input.decidedBy,
            decidedAt: input.decidedAt,
            decisionNote: input.note,
          },
          include: APOLOGY_INCLUDE,
        });
        await tx.dossier.update({ where: { id: found.dossierId }, data: { dueAt: apology.newDueAt } });
        await appendEvent(tx, {
          dossierId: found.dossierId,
          type: 'apology_approved',
          actor: input.decidedBy,
          dedupeKey: `apology:${apology.id}:approved`,
          note: input.note,
          data: {
            apologyId: apology.id,
            number,
            previousDueAt: apology.previousDueAt.toISOString(),
            newDueAt: apology.newDueAt.toISOString(),
          },
          occurredAt: input.decidedAt,
        });
        const notice = input.notice(updated, number);
        await queueToApplicant(tx, notice.addressee, notice.message, {
          cause: apology.id,
          actor: input.decidedBy,
          publicBaseUrl: input.publicBaseUrl,
        });
        return { ...updated, dossier: { ...updated.dossier, dueAt: apology.newDueAt } };
      });
    },

    /** Rejects a draft with the leader's note and writes apology_rejected; the appointment stays. */
    async reject(input: { apologyId: string; decidedBy: string; decidedAt: Date; note: string }): Promise<ApologyRow> {
      return db.$transaction(async (tx) => {
        const found = await tx.apology.findUniqueOrThrow({
          where: { id: input.apologyId },
          select: { dossierId: true },
        });
        await lockDossier(tx, found.dossierId);
        const apology = await tx.apology.findUniqueOrThrow({ where: { id: input.apologyId } });
        if (apology.status !== 'draft')
          throw new ApologyConflict(`the apology is already ${apology.status}`, 'not_draft');
        const updated = await tx.apology.update({
          where: { id: apology.id },
          data: {
            status: 'rejected',
            decidedBy: input.decidedBy,
            decidedAt: input.decidedAt,
            decisionNote: input.note,
          },
          include: APOLOGY_INCLUDE,
        });
        await appendEvent(tx, {
          dossierId: found.dossierId,
          type: 'apology_rejected',
          actor: input.decidedBy,
          dedupeKey: `apology:${apology.id}:rejected`,
          note: input.note,
          data: { apologyId: apology.id, newDueAt: apology.newDueAt.toISOString() },
          occurredAt: input.decidedAt,
        });
        return updated;
      });
    },

    /** Apologies drafted, approved and rejected in [from, to), per handling agency among `agencyIds`. */
    async countsByAgency(agencyIds: string[], from: Date, to: Date): Promise<ApologyCountRow[]> {
      if (agencyIds.length === 0) return [];
      return db.$queryRaw<ApologyCountRow[]>`
        SELECT p."agencyId"::text AS "agencyId",
               COUNT(*) FILTER (WHERE a."draftedAt" >= ${from} AND a."draftedAt" < ${to})::int AS drafted,
               COUNT(*) FILTER (WHERE a.status = 'approved' AND a."decidedAt" >= ${from} AND a."decidedAt" < ${to})::int AS approved,
               COUNT(*) FILTER (WHERE a.status = 'rejected' AND a."decidedAt" >= ${from} AND a."decidedAt" < ${to})::int AS rejected
        FROM "Apology" a
        JOIN "Dossier" d ON d.id = a."dossierId"
        JOIN "Procedure" p ON p.id = d."procedureId"
        WHERE p."agencyId"::text = ANY(${agencyIds})
        GROUP BY p."agencyId"`;
    },

    /** Agencies by id, for report rows. */
    agencies(ids: string[]) {
      return db.agency.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, name: true } });
    },
  };
}
export type ApologyRepository = ReturnType<typeof createApologyRepository>;
