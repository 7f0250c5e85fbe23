-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "tokenVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ProcessOwner" (
    "processKey" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessOwner_pkey" PRIMARY KEY ("processKey")
);

-- AddForeignKey
ALTER TABLE "ProcessOwner" ADD CONSTRAINT "ProcessOwner_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A token carries the account's tokenVersion; raising it revokes every token issued before. The
-- trigger raises it whenever what a token stands for changes (password, roles, agency, active), so
-- no code path that edits an account can forget to. Function body as an E'' string with \x3B for
-- its semicolons (see prisma/README.md).
CREATE FUNCTION "revoke_account_tokens"() RETURNS trigger
LANGUAGE plpgsql AS E'BEGIN IF NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash" OR NEW."roles" IS DISTINCT FROM OLD."roles" OR NEW."agencyId" IS DISTINCT FROM OLD."agencyId" OR NEW."active" IS DISTINCT FROM OLD."active" THEN NEW."tokenVersion" := OLD."tokenVersion" + 1\x3B END IF\x3B RETURN NEW\x3B END';

CREATE TRIGGER "Account_revoke_tokens"
    BEFORE UPDATE ON "Account"
    FOR EACH ROW EXECUTE FUNCTION "revoke_account_tokens"();
