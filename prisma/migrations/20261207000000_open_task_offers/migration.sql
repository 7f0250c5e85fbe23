-- The work list (server/src/repositories/task-repository.ts) reads an officer's open tasks by the
-- groups they are offered to, sorted by due date (or creation) and paged. "OpenTask" keeps a task's
-- groups in an array, which only a GIN index can search: it finds the group's tasks but not in order,
-- so each page and its count read and sort every task of the group (8 620 for a district's
-- specialists at 100 000 open tasks, 25-27 ms of PostgreSQL CPU per request: docs/benchmarks.md).
-- "OpenTaskOffer" holds one row per task and group with what the list filters and sorts by, so a page
-- is a walk of the index (group, due, task) that stops after its rows, and the count reads that
-- index alone (its INCLUDE columns are every column the filters read). Written by hand.
--
-- The rows are kept by the database, so no writer can forget them: a task's insert writes its offers,
-- an update of anything they copy writes them again, and a delete removes them (the foreign key). A
-- task's offers are only ever written under the lock of its own "OpenTask" row (held by the statement
-- that inserts, updates or deletes it), so two transactions cannot interleave their offers of one task.
-- The copies of the dossier come from "OpenTask", whose own triggers keep them equal to the dossier's
-- (20261206203000_open_task_dossier_copies): a change of the dossier updates the task, which updates
-- its offers.

CREATE TABLE "OpenTaskOffer" (
    "taskId"             TEXT NOT NULL,
    "group"              TEXT NOT NULL,
    "candidateGroups"    TEXT[] NOT NULL,
    "due"                TIMESTAMP(3),
    "created"            TIMESTAMP(3) NOT NULL,
    "assignee"           TEXT,
    "dossierId"          UUID,
    "dossierCode"        TEXT,
    "dossierAgencyId"    UUID,
    "dossierProcedureId" UUID,
    "dossierStatus"      "DossierStatus",
    "dossierDueAt"       TIMESTAMP(3),
    "dossierFinishedAt"  TIMESTAMP(3),

    CONSTRAINT "OpenTaskOffer_pkey" PRIMARY KEY ("taskId", "group"),
    CONSTRAINT "OpenTaskOffer_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "OpenTask"("id")
      ON DELETE CASCADE ON UPDATE CASCADE
);

-- The page sorted by due date (the default order) and every count: one group's range, its rows in
-- the order of the page; the INCLUDE columns let both filter without reading the table.
CREATE INDEX "OpenTaskOffer_group_due_taskId_idx" ON "OpenTaskOffer"("group", "due", "taskId")
  INCLUDE ("candidateGroups", "created", "assignee", "dossierId", "dossierCode", "dossierAgencyId", "dossierProcedureId",
           "dossierStatus", "dossierDueAt", "dossierFinishedAt");

-- The page sorted by creation, covering as well: the work list's statements are prepared, and the
-- generic plan PostgreSQL settles on (it estimates a few rows per group) read the page newest first
-- from the covering index above and sorted the whole group, 3.1 ms where this walk takes 0.7 ms.
CREATE INDEX "OpenTaskOffer_group_created_taskId_idx" ON "OpenTaskOffer"("group", "created", "taskId")
  INCLUDE ("candidateGroups", "due", "assignee", "dossierId", "dossierCode", "dossierAgencyId", "dossierProcedureId",
           "dossierStatus", "dossierDueAt", "dossierFinishedAt");

CREATE FUNCTION "open_task_write_offers"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "OpenTaskOffer" WHERE "taskId" = OLD."id";
  END IF;
  INSERT INTO "OpenTaskOffer" ("taskId", "group", "candidateGroups", "due", "created", "assignee", "dossierId",
                               "dossierCode", "dossierAgencyId", "dossierProcedureId", "dossierStatus",
                               "dossierDueAt", "dossierFinishedAt")
  SELECT DISTINCT NEW."id", g, NEW."candidateGroups", NEW."due", NEW."created", NEW."assignee", NEW."dossierId", NEW."dossierCode",
         NEW."dossierAgencyId", NEW."dossierProcedureId", NEW."dossierStatus", NEW."dossierDueAt",
         NEW."dossierFinishedAt"
    FROM unnest(NEW."candidateGroups") AS g
    WHERE g IS NOT NULL;
  RETURN NULL;
END
$$;

CREATE TRIGGER "OpenTask_write_offers_on_insert"
    AFTER INSERT ON "OpenTask"
    FOR EACH ROW EXECUTE FUNCTION "open_task_write_offers"();

-- The sweep upserts tasks it finds unchanged (their "syncedAt" moves): only a change of what the
-- offers copy writes them again.
CREATE TRIGGER "OpenTask_write_offers_on_update"
    AFTER UPDATE ON "OpenTask"
    FOR EACH ROW
    WHEN ((OLD."id", OLD."candidateGroups", OLD."due", OLD."created", OLD."assignee", OLD."dossierId",
           OLD."dossierCode", OLD."dossierAgencyId", OLD."dossierProcedureId", OLD."dossierStatus",
           OLD."dossierDueAt", OLD."dossierFinishedAt")
          IS DISTINCT FROM
          (NEW."id", NEW."candidateGroups", NEW."due", NEW."created", NEW."assignee", NEW."dossierId",
           NEW."dossierCode", NEW."dossierAgencyId", NEW."dossierProcedureId", NEW."dossierStatus",
           NEW."dossierDueAt", NEW."dossierFinishedAt"))
    EXECUTE FUNCTION "open_task_write_offers"();

-- The tasks already projected.
INSERT INTO "OpenTaskOffer" ("taskId", "group", "candidateGroups", "due", "created", "assignee", "dossierId",
                             "dossierCode", "dossierAgencyId", "dossierProcedureId", "dossierStatus", "dossierDueAt",
                             "dossierFinishedAt")
SELECT DISTINCT t."id", g, t."candidateGroups", t."due", t."created", t."assignee", t."dossierId", t."dossierCode", t."dossierAgencyId",
       t."dossierProcedureId", t."dossierStatus", t."dossierDueAt", t."dossierFinishedAt"
  FROM "OpenTask" t, unnest(t."candidateGroups") AS g
  WHERE g IS NOT NULL;
