-- Citizens' satisfaction ratings of finished dossiers (issue 10 part D; docs/legal.md §7), written
-- by hand: Prisma's CLI is not used here.

-- CreateEnum
CREATE TYPE "SatisfactionLevel" AS ENUM ('very_satisfied', 'satisfied', 'dissatisfied');

-- CreateTable: one rating per dossier, with the unit and the officer it rates.
CREATE TABLE "SatisfactionRating" (
    "id" UUID NOT NULL,
    "dossierId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "officer" TEXT NOT NULL,
    "scores" INTEGER[],
    "level" "SatisfactionLevel" NOT NULL,
    "ratedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SatisfactionRating_pkey" PRIMARY KEY ("id"),
    -- nine criteria of 0 to 2 points, whatever writes the row
    CONSTRAINT "SatisfactionRating_scores_check" CHECK (
        cardinality("scores") = 9 AND 0 <= ALL ("scores") AND 2 >= ALL ("scores")
    )
);

CREATE UNIQUE INDEX "SatisfactionRating_dossierId_key" ON "SatisfactionRating"("dossierId");
CREATE INDEX "SatisfactionRating_agencyId_ratedAt_idx" ON "SatisfactionRating"("agencyId", "ratedAt");

ALTER TABLE "SatisfactionRating" ADD CONSTRAINT "SatisfactionRating_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "Dossier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateTable: attempts counted by the per-dossier limit on the second factor.
CREATE TABLE "SatisfactionAttempt" (
    "id" BIGSERIAL NOT NULL,
    "dossierId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SatisfactionAttempt_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SatisfactionAttempt_dossierId_at_idx" ON "SatisfactionAttempt"("dossierId", "at");
