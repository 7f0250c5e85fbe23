-- The processing statistics (server/src/repositories/statistics-repository.ts, docs/legal.md §5.1)
-- count, for a period, the dossiers received before it ends and not finished before it begins. The
-- first half is a range of the existing indexes on "receivedAt"; this index gives the second half (a
-- dossier finished on or after the period's first day), so a report of one month reads that month's
-- dossiers and the open ones, not the whole history. Plain CREATE INDEX: the runner applies a
-- migration in one transaction.
CREATE INDEX "Dossier_finishedAt_idx" ON "Dossier"("finishedAt");
