-- A tamper-evident trail (issue 10 F): every DossierEvent and AuditLog row carries its place in its
-- table's chain ("chainSeq", 1, 2, 3, … without gaps), the hash of the row before it ("prevHash"; 64
-- zeros for the first) and the SHA-256 of its own canonical content, which includes both. A row edited,
-- deleted or slipped in by someone who bypasses the append-only triggers (a superuser, a restored file)
-- breaks a link, and prisma/src/trail.ts names the first broken one. Written by hand.
--
-- One chain per table, not per dossier: a per-dossier chain cannot show that a dossier's latest events
-- (or all of them) were deleted, a global one shows any deletion but of the table's very last rows. The
-- price is that appends to the trail are serialised; they are a few index reads and one hash under a
-- transaction-scoped advisory lock that both tables share (one lock, so two transactions writing events
-- and audit entries in opposite orders cannot deadlock on them), held until the writer commits: writers
-- append to the trail last in their transactions (prisma/README.md).
--
-- Function bodies use $$ quoting, as 20261206120000_list_and_register_indexes does: our runner and
-- PostgreSQL's simple protocol take them whole.

ALTER TABLE "DossierEvent"
    ADD COLUMN "chainSeq" BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN "prevHash" TEXT NOT NULL DEFAULT '',
    ADD COLUMN "hash" TEXT NOT NULL DEFAULT '';

ALTER TABLE "AuditLog"
    ADD COLUMN "chainSeq" BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN "prevHash" TEXT NOT NULL DEFAULT '',
    ADD COLUMN "hash" TEXT NOT NULL DEFAULT '';

-- The canonical content of a row: a JSON array of the table's name and every column but "hash", in a
-- fixed order. jsonb's text form is deterministic (normalised objects, fixed spacing), and the
-- timestamps are written with to_char, which no session setting (DateStyle, TimeZone) changes. The
-- trigger below and the verifier read the same function: the canonical form has one home.
CREATE FUNCTION "trail_content"(e "DossierEvent") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array('DossierEvent', e."chainSeq", e."prevHash", e."id", e."dossierId", e."type", e."actor",
    e."activityId", e."dedupeKey", e."note", e."data",
    to_char(e."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'))::text
$$;

CREATE FUNCTION "trail_content"(a "AuditLog") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array('AuditLog', a."chainSeq", a."prevHash", a."id", a."actor", a."action", a."entity",
    a."entityId", a."data", to_char(a."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'))::text
$$;

-- Chains the new row to the last one of its table, whatever the client sent for the three columns.
-- The lock makes appends take turns, and the unique indexes below turn a stale read (a writer in a
-- REPEATABLE READ transaction, whose snapshot predates the last append) into a refused insert rather
-- than a fork. Rows an INSERT … ON CONFLICT DO NOTHING skips are never stored, so they leave no gap.
-- The lock key 116114097105108 spells "trail" in decimal ASCII codes.
CREATE FUNCTION "trail_chain"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(116114097105108);
  IF TG_TABLE_NAME = 'DossierEvent' THEN
    SELECT "chainSeq", "hash" INTO last_seq, last_hash FROM "DossierEvent" ORDER BY "chainSeq" DESC LIMIT 1;
  ELSE
    SELECT "chainSeq", "hash" INTO last_seq, last_hash FROM "AuditLog" ORDER BY "chainSeq" DESC LIMIT 1;
  END IF;
  NEW."chainSeq" := COALESCE(last_seq, 0) + 1;
  NEW."prevHash" := COALESCE(last_hash, repeat('0', 64));
  NEW."hash" := encode(sha256(convert_to("trail_content"(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END
$$;

-- Rows already there are chained in the order they were written (id). The append-only triggers are
-- switched off for the length of this transaction only (ALTER TABLE takes the table's exclusive lock,
-- so nobody else writes meanwhile).
ALTER TABLE "DossierEvent" DISABLE TRIGGER "DossierEvent_append_only";
ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only";

DO $$
DECLARE
  e "DossierEvent";
  a "AuditLog";
  seq bigint := 0;
  prev text := repeat('0', 64);
BEGIN
  FOR e IN SELECT * FROM "DossierEvent" ORDER BY "id" LOOP
    seq := seq + 1;
    e."chainSeq" := seq;
    e."prevHash" := prev;
    prev := encode(sha256(convert_to("trail_content"(e), 'UTF8')), 'hex');
    UPDATE "DossierEvent" SET "chainSeq" = seq, "prevHash" = e."prevHash", "hash" = prev WHERE "id" = e."id";
  END LOOP;
  seq := 0;
  prev := repeat('0', 64);
  FOR a IN SELECT * FROM "AuditLog" ORDER BY "id" LOOP
    seq := seq + 1;
    a."chainSeq" := seq;
    a."prevHash" := prev;
    prev := encode(sha256(convert_to("trail_content"(a), 'UTF8')), 'hex');
    UPDATE "AuditLog" SET "chainSeq" = seq, "prevHash" = a."prevHash", "hash" = prev WHERE "id" = a."id";
  END LOOP;
END
$$;

ALTER TABLE "DossierEvent" ENABLE TRIGGER "DossierEvent_append_only";
ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only";

CREATE UNIQUE INDEX "DossierEvent_chainSeq_key" ON "DossierEvent"("chainSeq");
CREATE UNIQUE INDEX "AuditLog_chainSeq_key" ON "AuditLog"("chainSeq");

CREATE TRIGGER "DossierEvent_trail_chain"
    BEFORE INSERT ON "DossierEvent"
    FOR EACH ROW EXECUTE FUNCTION "trail_chain"();

CREATE TRIGGER "AuditLog_trail_chain"
    BEFORE INSERT ON "AuditLog"
    FOR EACH ROW EXECUTE FUNCTION "trail_chain"();
