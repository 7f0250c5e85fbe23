-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "lockedBy" TEXT;

-- CreateTable
CREATE TABLE "ReconciliationFinding" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "processInstanceId" TEXT,
    "dossierId" UUID,
    "detail" JSONB NOT NULL,
    "repair" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "ReconciliationFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconciliationFinding_resolvedAt_idx" ON "ReconciliationFinding"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationFinding_kind_subject_key" ON "ReconciliationFinding"("kind", "subject");

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

