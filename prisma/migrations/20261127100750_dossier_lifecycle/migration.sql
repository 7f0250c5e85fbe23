-- CreateEnum
CREATE TYPE "ResultDelivery" AS ENUM ('counter', 'post', 'online');

-- CreateEnum
CREATE TYPE "ProcedureLevel" AS ENUM ('full_online', 'partial_online');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('holiday', 'day_off', 'working_day');

-- CreateEnum
CREATE TYPE "ClockPauseReason" AS ENUM ('supplement', 'fees');

-- CreateEnum
CREATE TYPE "ApologyStatus" AS ENUM ('draft', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('sms', 'email');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('pending', 'sent', 'failed');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DossierStatus" ADD VALUE 'incomplete';
ALTER TYPE "DossierStatus" ADD VALUE 'awaiting_supplement';
ALTER TYPE "DossierStatus" ADD VALUE 'awaiting_fees';
ALTER TYPE "DossierStatus" ADD VALUE 'at_other_agency';

-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "parentName" TEXT,
ADD COLUMN     "phone" TEXT,
ADD COLUMN     "place" TEXT,
ADD COLUMN     "successorId" UUID,
ADD COLUMN     "unitName" TEXT NOT NULL DEFAULT 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ';

-- AlterTable
ALTER TABLE "Dossier" ADD COLUMN     "applicantEmail" TEXT,
ADD COLUMN     "backEntry" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "backEntryReason" TEXT,
ADD COLUMN     "clockPausedAt" TIMESTAMP(3),
ADD COLUMN     "deliveryAddress" TEXT,
ADD COLUMN     "documents" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "legalRegime" TEXT,
ADD COLUMN     "originalDueAt" TIMESTAMP(3),
ADD COLUMN     "postalTrackingRef" TEXT,
ADD COLUMN     "procedureVersionId" UUID,
ADD COLUMN     "processDefinitionId" TEXT,
ADD COLUMN     "refusalReason" TEXT,
ADD COLUMN     "requestSummary" TEXT,
ADD COLUMN     "resultDelivery" "ResultDelivery" NOT NULL DEFAULT 'counter',
ADD COLUMN     "returnedVia" "ResultDelivery",
ADD COLUMN     "setCount" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "AgencyCode" (
    "code" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3),
    "legalRef" TEXT,

    CONSTRAINT "AgencyCode_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ProcedureVersion" (
    "id" UUID NOT NULL,
    "procedureId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "level" "ProcedureLevel" NOT NULL,
    "processingDays" INTEGER NOT NULL,
    "fees" JSONB NOT NULL,
    "requiredDocuments" JSONB NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcedureVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FormTemplate" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClockPause" (
    "id" UUID NOT NULL,
    "dossierId" UUID NOT NULL,
    "reason" "ClockPauseReason" NOT NULL,
    "items" JSONB NOT NULL DEFAULT '[]',
    "note" TEXT,
    "requestedBy" TEXT NOT NULL,
    "pausedAt" TIMESTAMP(3) NOT NULL,
    "remainingWorkingMinutes" INTEGER NOT NULL,
    "resumedAt" TIMESTAMP(3),
    "resumedBy" TEXT,

    CONSTRAINT "ClockPause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterAgencyTransfer" (
    "id" UUID NOT NULL,
    "dossierId" UUID NOT NULL,
    "toAgencyId" UUID NOT NULL,
    "sentBy" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "returnedAt" TIMESTAMP(3),
    "returnedBy" TEXT,

    CONSTRAINT "InterAgencyTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Apology" (
    "id" UUID NOT NULL,
    "dossierId" UUID NOT NULL,
    "number" INTEGER,
    "reason" TEXT NOT NULL,
    "previousDueAt" TIMESTAMP(3) NOT NULL,
    "newDueAt" TIMESTAMP(3) NOT NULL,
    "status" "ApologyStatus" NOT NULL DEFAULT 'draft',
    "draftedBy" TEXT NOT NULL,
    "draftedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "Apology_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" BIGSERIAL NOT NULL,
    "dossierId" UUID,
    "kind" TEXT NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "providerRef" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "occasion" TEXT,
    "name" TEXT NOT NULL,
    "legalRef" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE INDEX "AgencyCode_agencyId_idx" ON "AgencyCode"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "ProcedureVersion_procedureId_version_key" ON "ProcedureVersion"("procedureId", "version");

-- CreateIndex
CREATE INDEX "ClockPause_dossierId_idx" ON "ClockPause"("dossierId");

-- CreateIndex
CREATE INDEX "InterAgencyTransfer_dossierId_idx" ON "InterAgencyTransfer"("dossierId");

-- CreateIndex
CREATE INDEX "Apology_dossierId_idx" ON "Apology"("dossierId");

-- CreateIndex
CREATE INDEX "Apology_status_idx" ON "Apology"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Dossier_dueAt_idx" ON "Dossier"("dueAt");

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyCode" ADD CONSTRAINT "AgencyCode_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcedureVersion" ADD CONSTRAINT "ProcedureVersion_procedureId_fkey" FOREIGN KEY ("procedureId") REFERENCES "Procedure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FormTemplate" ADD CONSTRAINT "FormTemplate_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ProcedureVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_procedureVersionId_fkey" FOREIGN KEY ("procedureVersionId") REFERENCES "ProcedureVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClockPause" ADD CONSTRAINT "ClockPause_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterAgencyTransfer" ADD CONSTRAINT "InterAgencyTransfer_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterAgencyTransfer" ADD CONSTRAINT "InterAgencyTransfer_toAgencyId_fkey" FOREIGN KEY ("toAgencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Apology" ADD CONSTRAINT "Apology_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written below this line: carrying the existing data over to the new schema.
-- Prisma's generated script adds NOT NULL columns to "Dossier" and drops the legal content of
-- "Procedure" in one go, which fails on (or loses) a database with data. Above, the three new NOT NULL
-- columns of "Dossier" are added nullable and the "Procedure" columns are kept. Here every procedure
-- becomes version 1 of itself, every dossier is pinned to that version, and only then are the columns
-- made NOT NULL and the old ones dropped. The end state is exactly the one Prisma generated.
-- No statement below uses the DossierStatus values added above: PostgreSQL refuses to use an enum value
-- in the transaction that added it, and src/migrate.ts runs each migration in one transaction.

-- Version 1 of every procedure: what the old row said, with neutral values for what it did not hold.
-- It applies from the earliest of the procedure's creation and its first dossier's receipt, so the rule
-- "the version for a reception is the newest one effective at the receipt time" also finds it for
-- dossiers back-entered with earlier times.
INSERT INTO "ProcedureVersion" ("id", "procedureId", "version", "name", "field", "level", "processingDays",
    "fees", "requiredDocuments", "legalBasis", "processKey", "effectiveFrom", "createdBy")
SELECT gen_random_uuid(), p."id", 1, p."name", 'Chưa phân loại', 'partial_online', p."processingDays",
    '[]'::jsonb, '[]'::jsonb, 'Chưa nhập (chuyển đổi từ danh mục trước phiên bản hóa)', p."processKey",
    LEAST(p."createdAt", COALESCE((SELECT MIN(d."receivedAt") FROM "Dossier" d WHERE d."procedureId" = p."id"), p."createdAt")),
    'migration'
FROM "Procedure" p;

-- Every existing dossier stays pinned to the version it was received under: version 1.
-- Legal regime by the receipt instant in Vietnam (LEGAL.md section 0): Decree 61/2018 until 30/06/2025,
-- Decree 118/2025 from 01/07/2025 00:00 UTC+07:00 = 30/06/2025 17:00 UTC (timestamps are stored in UTC).
-- The appointment printed on the receipt is the one the dossier has now: no apology existed before.
UPDATE "Dossier" d SET
    "procedureVersionId" = v."id",
    "requestSummary" = v."name",
    "legalRegime" = CASE WHEN d."receivedAt" < TIMESTAMP '2025-06-30 17:00:00'
        THEN 'Nghị định 61/2018/NĐ-CP' ELSE 'Nghị định 118/2025/NĐ-CP' END,
    "originalDueAt" = d."dueAt"
FROM "ProcedureVersion" v
WHERE v."procedureId" = d."procedureId" AND v."version" = 1;

ALTER TABLE "Dossier" ALTER COLUMN "legalRegime" SET NOT NULL,
ALTER COLUMN "procedureVersionId" SET NOT NULL,
ALTER COLUMN "requestSummary" SET NOT NULL;

-- AlterTable (as Prisma generated it, moved after the carry-over)
ALTER TABLE "Procedure" DROP COLUMN "name",
DROP COLUMN "processKey",
DROP COLUMN "processingDays";

-- Each agency's current code opens its code history.
INSERT INTO "AgencyCode" ("code", "agencyId", "validFrom")
SELECT a."code", a."id", a."createdAt" FROM "Agency" a;

-- Every code an agency has had stays in its history, whoever writes the agency: inserting an agency
-- opens a row for its code, and changing the code closes the old row and opens one for the new code.
-- Old codes resolve to their agency (and through "successorId" to the agency doing the work now).
-- Function bodies are E'' strings with \x3B for their semicolons, as in the init migration.
CREATE FUNCTION "record_agency_code"() RETURNS trigger
LANGUAGE plpgsql AS E'DECLARE "since" TIMESTAMP(3) := NEW."createdAt"\x3B BEGIN IF TG_OP = ''UPDATE'' THEN IF NEW."code" IS NOT DISTINCT FROM OLD."code" THEN RETURN NEW\x3B END IF\x3B "since" := now()\x3B UPDATE "AgencyCode" SET "validUntil" = "since" WHERE "code" = OLD."code" AND "validUntil" IS NULL\x3B END IF\x3B IF EXISTS (SELECT 1 FROM "AgencyCode" WHERE "code" = NEW."code" AND "agencyId" <> NEW."id") THEN RAISE EXCEPTION ''agency code % was issued to another agency and is never reissued'', NEW."code"\x3B END IF\x3B INSERT INTO "AgencyCode" ("code", "agencyId", "validFrom") VALUES (NEW."code", NEW."id", "since") ON CONFLICT ("code") DO UPDATE SET "validUntil" = NULL\x3B RETURN NEW\x3B END';

CREATE TRIGGER "Agency_code_history"
    AFTER INSERT OR UPDATE OF "code" ON "Agency"
    FOR EACH ROW EXECUTE FUNCTION "record_agency_code"();

-- A procedure version is the law a dossier was received under: once a dossier is pinned to it, it is
-- never edited (a change makes a new version).
CREATE FUNCTION "reject_used_procedure_version_change"() RETURNS trigger
LANGUAGE plpgsql AS E'BEGIN IF EXISTS (SELECT 1 FROM "Dossier" WHERE "procedureVersionId" = OLD."id") THEN RAISE EXCEPTION ''ProcedureVersion % is used by dossiers: % is not allowed, create a new version'', OLD."id", TG_OP\x3B END IF\x3B IF TG_OP = ''DELETE'' THEN RETURN OLD\x3B END IF\x3B RETURN NEW\x3B END';

CREATE TRIGGER "ProcedureVersion_frozen_once_used"
    BEFORE UPDATE OR DELETE ON "ProcedureVersion"
    FOR EACH ROW EXECUTE FUNCTION "reject_used_procedure_version_change"();

-- Values Prisma's schema language cannot constrain.
ALTER TABLE "ProcedureVersion" ADD CONSTRAINT "ProcedureVersion_processingDays_check" CHECK ("processingDays" >= 0),
ADD CONSTRAINT "ProcedureVersion_version_check" CHECK ("version" >= 1);
ALTER TABLE "CalendarDay" ADD CONSTRAINT "CalendarDay_date_check" CHECK ("date" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_attempts_check" CHECK ("attempts" >= 0);
