-- The work list (server/src/repositories/task-repository.ts) filters, pages and counts an officer's
-- open tasks on "OpenTask" alone: each task row carries a copy of what the list's filters read of its
-- dossier (found by the process instance), so the statements read the tasks of the caller's groups
-- through the GIN index on "candidateGroups" and join "Dossier" only for the rows of the page. Joined
-- for every task of the group instead, the count cost 45 to 270 ms at 1 000 000 dossiers and 100 000
-- open tasks (bench/work-list-plans.ts). Written by hand.
--
-- The copies are kept by the database itself, so that no writer of either table can forget them:
--   * a task row takes its dossier's values when it is inserted (or moved to another process);
--   * a dossier row gives its values to its tasks' rows when it is inserted, when it takes its process
--     (an incomplete dossier accepted later) and whenever one of the copied columns changes (status,
--     appointment, finish; its id, agency, procedure and code never change, but are followed the same way);
--     a deleted dossier takes its copies away, as the join it replaces would have found nothing.
-- What the list reads of transfers (the partner of an open one works the dossier) and of procedures
-- is not copied: each statement reads it once (domain/src/access.ts, sqlWorksNow).
--
-- Two transactions must not each miss the other's uncommitted row (a task projected while its dossier
-- changes): a task's trigger reads its dossier FOR SHARE, which waits for a transaction that changed
-- the dossier and then reads the committed row, and a dossier's change waits for a transaction that
-- holds that share lock and then sees its task rows. A dossier row that is not there yet cannot be
-- locked: for that case both triggers take a transaction-scoped advisory lock on the process
-- instance (class 20261206, one of 256 buckets of the id's hash, so a sweep of many tasks without a
-- dossier takes at most 256 locks), and the task's trigger reads again once it has it.

ALTER TABLE "OpenTask"
  ADD COLUMN "dossierId" UUID,
  ADD COLUMN "dossierCode" TEXT,
  ADD COLUMN "dossierAgencyId" UUID,
  ADD COLUMN "dossierProcedureId" UUID,
  ADD COLUMN "dossierStatus" "DossierStatus",
  ADD COLUMN "dossierDueAt" TIMESTAMP(3),
  ADD COLUMN "dossierFinishedAt" TIMESTAMP(3);

CREATE FUNCTION "lock_open_task_process"(process_instance_id text) RETURNS void
LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(20261206, hashtext(process_instance_id) & 255)
$$;

CREATE FUNCTION "open_task_copy_dossier"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT d."id", d."code", d."agencyId", d."procedureId", d."status", d."dueAt", d."finishedAt"
    INTO NEW."dossierId", NEW."dossierCode", NEW."dossierAgencyId", NEW."dossierProcedureId",
         NEW."dossierStatus", NEW."dossierDueAt", NEW."dossierFinishedAt"
    FROM "Dossier" d WHERE d."processInstanceId" = NEW."processInstanceId" FOR SHARE;
  IF NOT FOUND THEN
    PERFORM "lock_open_task_process"(NEW."processInstanceId");
    SELECT d."id", d."code", d."agencyId", d."procedureId", d."status", d."dueAt", d."finishedAt"
      INTO NEW."dossierId", NEW."dossierCode", NEW."dossierAgencyId", NEW."dossierProcedureId",
           NEW."dossierStatus", NEW."dossierDueAt", NEW."dossierFinishedAt"
      FROM "Dossier" d WHERE d."processInstanceId" = NEW."processInstanceId" FOR SHARE;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "OpenTask_copy_dossier"
    BEFORE INSERT OR UPDATE OF "processInstanceId" ON "OpenTask"
    FOR EACH ROW EXECUTE FUNCTION "open_task_copy_dossier"();

CREATE FUNCTION "dossier_copy_to_open_tasks"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."processInstanceId" IS NOT NULL
     AND (TG_OP = 'DELETE' OR OLD."processInstanceId" IS DISTINCT FROM NEW."processInstanceId") THEN
    UPDATE "OpenTask" SET "dossierId" = NULL, "dossierCode" = NULL, "dossierAgencyId" = NULL,
                          "dossierProcedureId" = NULL, "dossierStatus" = NULL, "dossierDueAt" = NULL,
                          "dossierFinishedAt" = NULL
      WHERE "processInstanceId" = OLD."processInstanceId";
  END IF;
  IF TG_OP = 'DELETE' OR NEW."processInstanceId" IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' OR OLD."processInstanceId" IS DISTINCT FROM NEW."processInstanceId" THEN
    PERFORM "lock_open_task_process"(NEW."processInstanceId");
  END IF;
  UPDATE "OpenTask" t
    SET "dossierId" = NEW."id", "dossierCode" = NEW."code", "dossierAgencyId" = NEW."agencyId",
        "dossierProcedureId" = NEW."procedureId", "dossierStatus" = NEW."status", "dossierDueAt" = NEW."dueAt",
        "dossierFinishedAt" = NEW."finishedAt"
    WHERE t."processInstanceId" = NEW."processInstanceId"
      AND (t."dossierId", t."dossierCode", t."dossierAgencyId", t."dossierProcedureId", t."dossierStatus",
           t."dossierDueAt", t."dossierFinishedAt")
          IS DISTINCT FROM (NEW."id", NEW."code", NEW."agencyId", NEW."procedureId", NEW."status", NEW."dueAt",
                            NEW."finishedAt");
  RETURN NULL;
END
$$;

CREATE TRIGGER "Dossier_copy_to_open_tasks"
    AFTER INSERT OR DELETE OR UPDATE OF "processInstanceId", "id", "code", "agencyId", "procedureId", "status",
      "dueAt", "finishedAt" ON "Dossier"
    FOR EACH ROW EXECUTE FUNCTION "dossier_copy_to_open_tasks"();

-- The GIN index on the candidate groups now leads every work list statement. Without its pending list
-- (fastupdate), a search never reads linearly through the tasks inserted since the last vacuum: 32 ms
-- of a 43 ms page at 100 000 tasks (bench/work-list-plans.ts), against under 1 ms once merged. The
-- projection inserts a few rows at a time, which the index takes directly.
ALTER INDEX "OpenTask_candidateGroups_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"OpenTask_candidateGroups_idx"'::regclass);

-- The rows already projected: one join, as the statements it replaces read it.
UPDATE "OpenTask" t
  SET "dossierId" = d."id", "dossierCode" = d."code", "dossierAgencyId" = d."agencyId",
      "dossierProcedureId" = d."procedureId", "dossierStatus" = d."status", "dossierDueAt" = d."dueAt",
      "dossierFinishedAt" = d."finishedAt"
  FROM "Dossier" d WHERE d."processInstanceId" = t."processInstanceId";
