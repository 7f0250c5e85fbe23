-- Indexes for the dossier list's walks by branch of the access rule (issue 8; server/src/repositories/
-- dossier-repository.ts listStatements, bench/sql-plans.ts): an officer who does not see every agency
-- has their list read by agency and by procedure, each newest first, and counted the same way.
-- Written by hand, plain CREATE INDEX: the runner applies a migration in one transaction.

-- ?status=…: the page walks the branch's dossiers of that status newest first, and the total counts
-- them, without reading the rest of the branch.
CREATE INDEX "Dossier_agencyId_status_receivedAt_code_idx" ON "Dossier"("agencyId", status, "receivedAt" DESC, code DESC);
CREATE INDEX "Dossier_procedureId_status_receivedAt_code_idx" ON "Dossier"("procedureId", status, "receivedAt" DESC, code DESC);

-- ?timeliness=overdue|nearly_due|not_due|paused: the branch's open dossiers only (a few per cent of
-- the table), newest first, with the status and appointment their timeliness is judged by, so the
-- page and the total read the index alone.
CREATE INDEX "Dossier_agencyId_open_idx" ON "Dossier"("agencyId", "receivedAt" DESC, code DESC)
  INCLUDE (status, "dueAt") WHERE "finishedAt" IS NULL;
CREATE INDEX "Dossier_procedureId_open_idx" ON "Dossier"("procedureId", "receivedAt" DESC, code DESC)
  INCLUDE (status, "dueAt") WHERE "finishedAt" IS NULL;
