import { z } from 'zod';
import {
  FeeSchema,
  RequiredDocumentSchema,
  type FormTemplate,
  type Procedure,
  type ProcedureDetail,
  type ProcedureVersion,
  type ProcedureVersionInput,
  type PublicProcedure,
} from '@motcua/common';
import { Prisma, type Db } from '@motcua/db';

/**
 * The procedure catalogue: procedures, their immutable versions and the form templates of each
 * version. Every write is one transaction together with its AuditLog row.
 *
 * Which version applies at an instant: the newest version (highest number) whose effectiveFrom is
 * at or before it (issue 3, point 1). A dossier pins the version applying at its receipt.
 */

type ProcedureVersionRow = Prisma.ProcedureVersionGetPayload<object>;
type ProcedureRow = Prisma.ProcedureGetPayload<{ include: { agency: true; versions: true } }>;

/** A template's metadata; its content is read only to download it. */
interface TemplateMeta {
  id: string;
  versionId: string;
  name: string;
  fileName: string;
  mediaType: string;
  size: number;
}

/** Where a template is downloaded: the officers' route, or the public one. */
export type TemplateAudience = 'officer' | 'public';

export function formTemplateUrl(
  audience: TemplateAudience,
  template: { id: string },
  procedureCode: string,
  version: number,
): string {
  const code = encodeURIComponent(procedureCode);
  return audience === 'public'
    ? `/api/public/procedures/${code}/form-templates/${template.id}`
    : `/api/procedures/${code}/versions/${version}/form-templates/${template.id}`;
}

const FeesSchema = z.array(FeeSchema);
const RequiredDocumentsSchema = z.array(RequiredDocumentSchema);

/** The version of `versions` that applies at `instant`, or undefined before the first one takes effect. */
export function versionAt<V extends { version: number; effectiveFrom: Date }>(
  versions: readonly V[],
  instant: Date,
): V | undefined {
  return versions
    .filter((candidate) => candidate.effectiveFrom.getTime() <= instant.getTime())
    .reduce<V | undefined>(
      (best, candidate) => (!best || candidate.version > best.version ? candidate : best),
      undefined,
    );
}

/** The version a catalogue shows: the one in effect now, or the first one while none is in effect yet. */
function currentVersion(versions: readonly ProcedureVersionRow[], now: Date): ProcedureVersionRow {
  const current = versionAt(versions, now) ?? [...versions].sort((a, b) => a.version - b.version)[0];
  if (!current) throw new Error('a procedure without versions');
  return current;
}

function content(row: ProcedureVersionRow) {
  return {
    name: row.name,
    field: row.field,
    level: row.level,
    processingDays: row.processingDays,
    fees: FeesSchema.parse(row.fees),
    requiredDocuments: RequiredDocumentsSchema.parse(row.requiredDocuments),
    legalBasis: row.legalBasis,
  };
}

function templatesOf(
  templates: readonly TemplateMeta[],
  version: ProcedureVersionRow,
  procedureCode: string,
  audience: TemplateAudience,
): FormTemplate[] {
  return templates
    .filter((template) => template.versionId === version.id)
    .map((template) => ({
      id: template.id,
      name: template.name,
      fileName: template.fileName,
      mediaType: template.mediaType,
      size: template.size,
      url: formTemplateUrl(audience, template, procedureCode, version.version),
    }));
}

function toVersion(
  row: ProcedureVersionRow,
  templates: readonly TemplateMeta[],
  procedureCode: string,
): ProcedureVersion {
  return {
    ...content(row),
    version: row.version,
    processKey: row.processKey,
    effectiveFrom: row.effectiveFrom.toISOString(),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    formTemplates: templatesOf(templates, row, procedureCode, 'officer'),
  };
}

function toProcedure(row: ProcedureRow, templates: readonly TemplateMeta[], now: Date): Procedure {
  const current = currentVersion(row.versions, now);
  return {
    ...content(current),
    code: row.code,
    active: row.active,
    agency: { code: row.agency.code, name: row.agency.name },
    version: current.version,
    latestVersion: Math.max(...row.versions.map((version) => version.version)),
    processKey: current.processKey,
    effectiveFrom: current.effectiveFrom.toISOString(),
    formTemplates: templatesOf(templates, current, row.code, 'officer'),
  };
}

function toPublicProcedure(row: ProcedureRow, templates: readonly TemplateMeta[], now: Date): PublicProcedure {
  const current = currentVersion(row.versions, now);
  return {
    ...content(current),
    code: row.code,
    agency: { code: row.agency.code, name: row.agency.name },
    effectiveFrom: current.effectiveFrom.toISOString(),
    formTemplates: templatesOf(templates, current, row.code, 'public'),
  };
}

function versionData(input: ProcedureVersionInput) {
  return {
    name: input.name,
    field: input.field,
    level: input.level,
    processingDays: input.processingDays,
    fees: input.fees,
    requiredDocuments: input.requiredDocuments,
    legalBasis: input.legalBasis,
    processKey: input.processKey,
    effectiveFrom: new Date(input.effectiveFrom),
  };
}

const WITH_VERSIONS = { agency: true, versions: true } as const;

export interface NewProcedure {
  code: string;
  agencyId: string;
  /** For the audit log. */
  agencyCode: string;
  content: ProcedureVersionInput;
  actor: string;
}

export interface NewFormTemplate {
  name: string;
  fileName: string;
  mediaType: string;
  content: Uint8Array<ArrayBuffer>;
}

export function createProcedureRepository(db: Db) {
  async function templateMeta(versionIds: string[]): Promise<TemplateMeta[]> {
    if (versionIds.length === 0) return [];
    return db.$queryRaw<TemplateMeta[]>`
      SELECT id::text AS id, "versionId"::text AS "versionId", name, "fileName", "mediaType",
             octet_length(content)::int AS size
      FROM "FormTemplate"
      WHERE "versionId" = ANY(${versionIds}::uuid[])
      ORDER BY "createdAt", id`;
  }

  async function detail(code: string, now: Date): Promise<ProcedureDetail | null> {
    const row = await db.procedure.findUnique({ where: { code }, include: WITH_VERSIONS });
    if (!row || row.versions.length === 0) return null;
    const templates = await templateMeta(row.versions.map((version) => version.id));
    return {
      ...toProcedure(row, templates, now),
      versions: [...row.versions]
        .sort((a, b) => b.version - a.version)
        .map((version) => toVersion(version, templates, row.code)),
    };
  }

  return {
    /** The procedures of a set of agencies, each with its current version, ordered by code. */
    async list(agencyIds: string[], options: { includeInactive: boolean; now: Date }): Promise<Procedure[]> {
      const rows = await db.procedure.findMany({
        where: {
          agencyId: { in: agencyIds },
          ...(options.includeInactive ? {} : { active: true }),
          versions: { some: {} },
        },
        include: WITH_VERSIONS,
        orderBy: { code: 'asc' },
      });
      const templates = await templateMeta(rows.map((row) => currentVersion(row.versions, options.now).id));
      return rows.map((row) => toProcedure(row, templates, options.now));
    },

    /** The public catalogue: active procedures (of a set of agencies, or all), with their current version. */
    async listPublic(agencyIds: string[] | undefined, now: Date): Promise<PublicProcedure[]> {
      const rows = await db.procedure.findMany({
        where: { active: true, versions: { some: {} }, ...(agencyIds ? { agencyId: { in: agencyIds } } : {}) },
        include: WITH_VERSIONS,
        orderBy: { code: 'asc' },
      });
      const templates = await templateMeta(rows.map((row) => currentVersion(row.versions, now).id));
      return rows.map((row) => toPublicProcedure(row, templates, now));
    },

    async findPublic(code: string, now: Date): Promise<PublicProcedure | null> {
      const row = await db.procedure.findFirst({
        where: { code, active: true, versions: { some: {} } },
        include: WITH_VERSIONS,
      });
      if (!row) return null;
      const templates = await templateMeta([currentVersion(row.versions, now).id]);
      return toPublicProcedure(row, templates, now);
    },

    /** A procedure with every version, newest first. */
    findDetail(code: string, now: Date): Promise<ProcedureDetail | null> {
      return detail(code, now);
    },

    /** The procedure row with its agency, for scope checks. */
    findByCode(code: string) {
      return db.procedure.findUnique({ where: { code }, include: { agency: true } });
    },

    /** An active procedure of one of the agencies, with its agency (reception looks it up so). */
    findActiveByCode(code: string, agencyIds: string[]) {
      return db.procedure.findFirst({
        where: { code, active: true, agencyId: { in: agencyIds } },
        include: { agency: true },
      });
    },

    /**
     * The version of a procedure that applies at an instant: the newest version whose effectiveFrom
     * is at or before it; null before its first version takes effect. Reception pins it.
     */
    versionApplyingAt(procedureId: string, instant: Date): Promise<ProcedureVersionRow | null> {
      return db.procedureVersion.findFirst({
        where: { procedureId, effectiveFrom: { lte: instant } },
        orderBy: { version: 'desc' },
      });
    },

    /**
     * Creates a procedure with its version 1. Returns null when the code is taken (also when a
     * concurrent request took it first).
     */
    async create(input: NewProcedure, now: Date): Promise<ProcedureDetail | null> {
      try {
        await db.$transaction(async (tx) => {
          const procedure = await tx.procedure.create({
            data: {
              code: input.code,
              agencyId: input.agencyId,
              versions: { create: { ...versionData(input.content), version: 1, createdBy: input.actor } },
            },
          });
          await tx.auditLog.create({
            data: {
              actor: input.actor,
              action: 'procedure.create',
              entity: 'procedure',
              entityId: procedure.code,
              data: { agencyCode: input.agencyCode, version: 1, ...input.content },
            },
          });
        });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null;
        throw error;
      }
      return detail(input.code, now);
    },

    /**
     * Adds the next version of a procedure. The procedure row is locked while the number is taken, so
     * two admins saving at once get consecutive numbers. A version may not take effect before the
     * version it follows: then nothing is written and `previous` says which version is in the way.
     */
    async addVersion(
      procedureId: string,
      input: ProcedureVersionInput,
      actor: string,
    ): Promise<{ created: ProcedureVersionRow } | { effectiveBefore: ProcedureVersionRow }> {
      return db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Procedure" WHERE id = ${procedureId}::uuid FOR UPDATE`;
        const latest = await tx.procedureVersion.findFirst({ where: { procedureId }, orderBy: { version: 'desc' } });
        const data = versionData(input);
        if (latest && data.effectiveFrom.getTime() < latest.effectiveFrom.getTime()) return { effectiveBefore: latest };
        const created = await tx.procedureVersion.create({
          data: { ...data, procedureId, version: (latest?.version ?? 0) + 1, createdBy: actor },
        });
        const { code } = await tx.procedure.findUniqueOrThrow({ where: { id: procedureId }, select: { code: true } });
        await tx.auditLog.create({
          data: {
            actor,
            action: 'procedure.version.create',
            entity: 'procedure',
            entityId: code,
            data: { version: created.version, ...input },
          },
        });
        return { created };
      });
    },

    /** Withdraws a procedure from the catalogue or brings it back; audited when it changes. */
    async setActive(procedureId: string, active: boolean, actor: string): Promise<void> {
      await db.$transaction(async (tx) => {
        const before = await tx.procedure.findUniqueOrThrow({ where: { id: procedureId } });
        if (before.active === active) return;
        await tx.procedure.update({ where: { id: procedureId }, data: { active } });
        await tx.auditLog.create({
          data: {
            actor,
            action: active ? 'procedure.activate' : 'procedure.deactivate',
            entity: 'procedure',
            entityId: before.code,
          },
        });
      });
    },

    findVersion(procedureId: string, version: number) {
      return db.procedureVersion.findUnique({ where: { procedureId_version: { procedureId, version } } });
    },

    async addFormTemplate(
      version: { id: string; version: number; procedureCode: string },
      template: NewFormTemplate,
      actor: string,
    ): Promise<FormTemplate> {
      const created = await db.$transaction(async (tx) => {
        const row = await tx.formTemplate.create({
          data: {
            versionId: version.id,
            name: template.name,
            fileName: template.fileName,
            mediaType: template.mediaType,
            content: template.content,
          },
        });
        await tx.auditLog.create({
          data: {
            actor,
            action: 'procedure.form_template.create',
            entity: 'procedure',
            entityId: version.procedureCode,
            data: {
              version: version.version,
              formTemplateId: row.id,
              name: row.name,
              fileName: row.fileName,
              mediaType: row.mediaType,
              size: template.content.byteLength,
            },
          },
        });
        return row;
      });
      return {
        id: created.id,
        name: created.name,
        fileName: created.fileName,
        mediaType: created.mediaType,
        size: template.content.byteLength,
        url: formTemplateUrl('officer', created, version.procedureCode, version.version),
      };
    },

    /**
     * A template with its content, if it belongs to the procedure (and to that version when one is
     * given); `activeOnly` limits it to procedures in the public catalogue.
     */
    findFormTemplate(query: { procedureCode: string; id: string; version?: number; activeOnly: boolean }) {
      return db.formTemplate.findFirst({
        where: {
          id: query.id,
          version: {
            ...(query.version === undefined ? {} : { version: query.version }),
            procedure: { code: query.procedureCode, ...(query.activeOnly ? { active: true } : {}) },
          },
        },
      });
    },
  };
}
export type ProcedureRepository = ReturnType<typeof createProcedureRepository>;
