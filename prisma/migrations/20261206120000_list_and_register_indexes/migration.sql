-- Indexes for the dossier list, the register and the at-risk scan at province scale (issue 8;
-- docs/benchmarks.md "Province scale" → "Where the time goes"). Written by hand: Prisma's CLI is not
-- used here. Plain CREATE INDEX, not CONCURRENTLY: the runner applies a migration in one transaction.

-- The list's page, newest first (ORDER BY "receivedAt" DESC, code DESC LIMIT n): an index walk of n
-- entries when the caller sees every dossier, or a walk filtered by the access rule.
CREATE INDEX "Dossier_receivedAt_code_idx" ON "Dossier"("receivedAt" DESC, "code" DESC);

-- The access rule's first two branches (domain/src/access.ts sqlAccessibleDossier): the dossiers an
-- agency received, or whose procedure it resolves, by period (the register) and newest first (the
-- list). The new agency index serves every query the old ("agencyId", "receivedAt") one served.
DROP INDEX "Dossier_agencyId_receivedAt_idx";
CREATE INDEX "Dossier_agencyId_receivedAt_code_idx" ON "Dossier"("agencyId", "receivedAt" DESC, "code" DESC);
CREATE INDEX "Dossier_procedureId_receivedAt_code_idx" ON "Dossier"("procedureId", "receivedAt" DESC, "code" DESC);

-- The access rule's third branch: the dossiers transferred to a partner agency.
CREATE INDEX "InterAgencyTransfer_toAgencyId_dossierId_idx" ON "InterAgencyTransfer"("toAgencyId", "dossierId");

-- q = an identity number.
CREATE INDEX "Dossier_applicantIdNumber_idx" ON "Dossier"("applicantIdNumber");

-- Timeliness of open dossiers (overdue, nearly due, not due) and the at-risk scan read only the
-- dossiers not finished yet: a small and shrinking part of the table.
CREATE INDEX "Dossier_dueAt_open_idx" ON "Dossier"("dueAt") WHERE "finishedAt" IS NULL;

-- q = part of a code or of an applicant's name: ILIKE '%…%' served by trigram indexes. pg_trgm ships
-- with PostgreSQL (contrib), but the embedded database of `npm start` (PGlite, prisma/src/
-- embedded-postgres.ts) loads no extension, so there the indexes are skipped and q scans the table,
-- as it did before (fine at a demo's size). The query is the same either way.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX "Dossier_code_trgm_idx" ON "Dossier" USING GIN ("code" gin_trgm_ops);
    CREATE INDEX "Dossier_applicantName_trgm_idx" ON "Dossier" USING GIN ("applicantName" gin_trgm_ops);
  END IF;
END
$$;
