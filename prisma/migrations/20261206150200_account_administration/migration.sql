-- Account administration (issue 10 part A). Written by hand: Prisma's CLI is not used here.

-- A temporary password (a new account's, or one an admin reset) must be changed at the next
-- sign-in; until then the account's tokens open nothing but the password change. Existing accounts,
-- the demo ones included, keep their passwords as they are.
ALTER TABLE "Account" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;

-- When the officer last chose their own password (null while they only had temporary ones).
ALTER TABLE "Account" ADD COLUMN "passwordChangedAt" TIMESTAMP(3);

-- The admin's account list is filtered by agency.
CREATE INDEX "Account_agencyId_idx" ON "Account"("agencyId");
