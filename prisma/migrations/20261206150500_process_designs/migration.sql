-- The designer's own records of a process key: the draft admins save without deploying, and each
-- deployment with who made it, when and why (the engine keeps only a deployment name and source).

-- CreateTable
CREATE TABLE "ProcessDraft" (
    "processKey" TEXT NOT NULL,
    "xml" TEXT NOT NULL,
    "comment" TEXT,
    "savedBy" TEXT NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessDraft_pkey" PRIMARY KEY ("processKey")
);

-- CreateTable
CREATE TABLE "ProcessDeployment" (
    "definitionId" TEXT NOT NULL,
    "processKey" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "comment" TEXT,
    "deployedBy" TEXT NOT NULL,
    "deployedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessDeployment_pkey" PRIMARY KEY ("definitionId")
);

-- CreateIndex
CREATE INDEX "ProcessDeployment_processKey_version_idx" ON "ProcessDeployment"("processKey", "version");
