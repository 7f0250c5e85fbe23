import type { Db } from '@motcua/db';

/**
 * An agency tree of a test file's own, and a procedure of one of its agencies, written directly in
 * the test database, so that the file's counts include no other file's dossiers. Each is created
 * once per test run (the database is shared by the test files).
 */

export async function ensureAgency(db: Db, agency: { code: string; name: string }, parentCode: string | null) {
  return db.agency.upsert({
    where: { code: agency.code },
    update: {},
    create: { ...agency, ...(parentCode ? { parent: { connect: { code: parentCode } } } : {}) },
  });
}

/** A procedure of the agency with one version, run by `processKey`; its id and its version's. */
export async function ensureProcedure(
  db: Db,
  procedure: { code: string; field: string; name: string },
  agencyId: string,
  version: { processKey: string; effectiveFrom: Date },
): Promise<{ id: string; versionId: string }> {
  const existing = await db.procedure.findUnique({ where: { code: procedure.code }, include: { versions: true } });
  if (existing) return { id: existing.id, versionId: existing.versions[0]!.id };
  const created = await db.procedure.create({
    data: {
      code: procedure.code,
      agencyId,
      versions: {
        create: {
          version: 1,
          name: procedure.name,
          field: procedure.field,
          level: 'full_online',
          processingDays: 5,
          fees: [],
          requiredDocuments: [],
          legalBasis: 'Văn bản thử nghiệm',
          processKey: version.processKey,
          effectiveFrom: version.effectiveFrom,
          createdBy: 'admin',
        },
      },
    },
    include: { versions: true },
  });
  return { id: created.id, versionId: created.versions[0]!.id };
}
