-- The open user tasks of the engine, projected for the work list (see model OpenTask in schema.prisma).
-- CreateTable
CREATE TABLE "OpenTask" (
    "id" TEXT NOT NULL,
    "processInstanceId" TEXT NOT NULL,
    "processDefinitionId" TEXT NOT NULL,
    "taskDefinitionKey" TEXT NOT NULL,
    "name" TEXT,
    "assignee" TEXT,
    "created" TIMESTAMP(3) NOT NULL,
    "due" TIMESTAMP(3),
    "candidateGroups" TEXT[],
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OpenTask_processInstanceId_idx" ON "OpenTask"("processInstanceId");

-- CreateIndex
CREATE INDEX "OpenTask_due_id_idx" ON "OpenTask"("due", "id");

-- CreateIndex
CREATE INDEX "OpenTask_created_id_idx" ON "OpenTask"("created", "id");

-- The work list asks for the tasks offered to one of the caller's groups (candidateGroups && ARRAY[…]):
-- a GIN index answers that without reading the tasks of other agencies. Hand-written: Prisma's schema
-- language has no GIN index on a scalar list in this form.
CREATE INDEX "OpenTask_candidateGroups_idx" ON "OpenTask" USING GIN ("candidateGroups");
