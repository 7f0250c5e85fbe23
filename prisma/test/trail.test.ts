import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/client.js';
import { applyMigrations, MIGRATIONS_DIR } from '../src/migrate.js';
import { seed } from '../src/seed.js';
import { GENESIS_HASH, verifyTrail, verifyTrailTable } from '../src/trail.js';
import { createTestDatabase, query, type TestDatabase } from './database.js';
import { createTestDossier } from './dossier-fixture.js';

const TRAIL_MIGRATION = '20261206150100_tamper_evident_trail';

/**
 * Runs `work` on a session that bypasses every trigger, as a superuser who edits the database behind
 * the application's back would (the append-only triggers and the chaining trigger do not fire).
 */
async function asTamperer(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await work(client);
  } finally {
    await client.end();
  }
}

/** Runs the command behind `npm run verify-trail` (the root package.json) on a database. */
function runVerifyTrail(url: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '--conditions=@motcua/source',
        '--import',
        'tsx',
        fileURLToPath(new URL('../src/bin/verify-trail.ts', import.meta.url)),
      ],
      { env: { ...process.env, DATABASE_URL: url } },
      (error, stdout) => resolve({ code: error ? (error.code as number) : 0, stdout }),
    );
  });
}

describe('the trail on a live database', () => {
  let database: TestDatabase;
  let db: Db;
  let dossierId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await applyMigrations(database.url);
    db = createDb(database.url, { max: 12 });
    await seed(db, { demo: true });
    dossierId = await createTestDossier(db, '000.00.17.H41-261206-0001');
    for (const type of ['received', 'task_claimed', 'task_completed', 'returned']) {
      await db.dossierEvent.create({
        data: {
          dossierId,
          type,
          actor: 'specialist',
          note: 'Ghi chú có dấu: "trích dẫn" \\ và \n dòng mới',
          data: { n: 1.5, vi: 'Hồ sơ' },
        },
      });
    }
    await db.auditLog.create({ data: { actor: 'admin', action: 'deploy', entity: 'process', entityId: 'x' } });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('chains every insert in order, whatever the client sends for the chain columns', async () => {
    const forged = await db.dossierEvent.create({
      data: { dossierId, type: 'note', actor: 'specialist', chainSeq: 999n, prevHash: 'x', hash: 'y' },
    });
    const previous = await db.dossierEvent.findFirstOrThrow({ where: { chainSeq: forged.chainSeq - 1n } });
    expect(forged.prevHash).toBe(previous.hash);
    expect(forged.hash).toMatch(/^[0-9a-f]{64}$/);
    const first = await db.dossierEvent.findFirstOrThrow({ where: { chainSeq: 1n } });
    expect(first.prevHash).toBe(GENESIS_HASH);
    const result = await verifyTrail(db);
    expect(result).toMatchObject({ ok: true });
    expect(result.summary).toMatch(/^Chuỗi nhật ký nguyên vẹn \/ Trail intact/);
    expect(result.tables.find((t) => t.table === 'DossierEvent')?.head?.rowId).toBe(forged.id.toString());
  });

  it('neither forks nor gaps under concurrent writers, and writes a skipped duplicate nowhere', async () => {
    // 40 transactions at once, each writing an event and an audit entry in either order (a deadlock
    // between the two tables would fail some of them), plus duplicates ON CONFLICT DO NOTHING skips.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.$transaction(
          async (tx) => {
            const event = () =>
              tx.dossierEvent.createMany({
                data: [{ dossierId, type: 'note', actor: `officer${i}`, dedupeKey: `k${i % 20}` }],
                skipDuplicates: true,
              });
            const audit = () => tx.auditLog.create({ data: { actor: `officer${i}`, action: 'test', entity: 'x' } });
            if (i % 2 === 0) await event().then(audit);
            else await audit().then(event);
          },
          { maxWait: 30_000, timeout: 30_000 },
        ),
      ),
    );
    const events = await db.dossierEvent.findMany({ orderBy: { chainSeq: 'asc' } });
    expect(events.map((e) => e.chainSeq)).toEqual(events.map((_, i) => BigInt(i + 1)));
    expect(await db.dossierEvent.count({ where: { dedupeKey: { startsWith: 'k' } } })).toBe(20);
    expect(await verifyTrail(db)).toMatchObject({ ok: true });
  });

  it('names an edited row, and is intact again once the edit is undone', async () => {
    const victim = await db.dossierEvent.findFirstOrThrow({ where: { type: 'task_completed' } });
    await asTamperer(database.url, (c) =>
      c.query(`UPDATE "DossierEvent" SET "actor" = 'leader' WHERE id = $1`, [victim.id]).then(() => undefined),
    );
    const result = await verifyTrail(db);
    expect(result.ok).toBe(false);
    const events = result.tables.find((t) => t.table === 'DossierEvent')!;
    expect(events.break).toMatchObject({ problem: 'content_changed', rowId: victim.id.toString(), found: victim.hash });
    expect(result.summary).toContain(`Trail broken: DossierEvent id ${victim.id} (chainSeq ${victim.chainSeq})`);
    expect(result.tables.find((t) => t.table === 'AuditLog')?.ok).toBe(true);

    await asTamperer(database.url, (c) =>
      c.query(`UPDATE "DossierEvent" SET "actor" = $2 WHERE id = $1`, [victim.id, victim.actor]).then(() => undefined),
    );
    expect(await verifyTrail(db)).toMatchObject({ ok: true });
  });

  it('npm run verify-trail prints the same result and answers by its exit code', async () => {
    const victim = await db.auditLog.findFirstOrThrow({ orderBy: { chainSeq: 'asc' } });
    expect(await runVerifyTrail(database.url)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Chuỗi nhật ký nguyên vẹn/),
    });
    await asTamperer(database.url, (c) =>
      c
        .query(`UPDATE "AuditLog" SET "occurredAt" = "occurredAt" - interval '1 day' WHERE id = $1`, [victim.id])
        .then(() => undefined),
    );
    const broken = await runVerifyTrail(database.url);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`Trail broken: AuditLog id ${victim.id} (chainSeq ${victim.chainSeq})`);
    await asTamperer(database.url, (c) =>
      c
        .query(`UPDATE "AuditLog" SET "occurredAt" = $2 WHERE id = $1`, [victim.id, victim.occurredAt])
        .then(() => undefined),
    );
    expect((await runVerifyTrail(database.url)).code).toBe(0);
  });

  it('names the row after a deleted one', async () => {
    const victim = await db.dossierEvent.findFirstOrThrow({ where: { type: 'task_claimed' } });
    const next = await db.dossierEvent.findFirstOrThrow({ where: { chainSeq: victim.chainSeq + 1n } });
    await asTamperer(database.url, (c) =>
      c.query(`DELETE FROM "DossierEvent" WHERE id = $1`, [victim.id]).then(() => undefined),
    );
    const events = await verifyTrailTable(db, 'DossierEvent');
    expect(events.break).toMatchObject({
      problem: 'rows_missing',
      rowId: next.id.toString(),
      expected: victim.chainSeq.toString(),
    });
    expect(events.head?.chainSeq).toBe((victim.chainSeq - 1n).toString());
    // Put it back as it was (a restore from backup would): intact again.
    await asTamperer(database.url, (c) =>
      c
        .query(
          `INSERT INTO "DossierEvent" (id, "dossierId", type, actor, "activityId", "dedupeKey", note, data, "occurredAt", "chainSeq", "prevHash", hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            victim.id,
            victim.dossierId,
            victim.type,
            victim.actor,
            victim.activityId,
            victim.dedupeKey,
            victim.note,
            victim.data === null ? null : JSON.stringify(victim.data),
            victim.occurredAt,
            victim.chainSeq,
            victim.prevHash,
            victim.hash,
          ],
        )
        .then(() => undefined),
    );
    expect(await verifyTrailTable(db, 'DossierEvent')).toMatchObject({ ok: true });
  });

  it('names a forged row slipped in behind the triggers', async () => {
    const head = await db.auditLog.findFirstOrThrow({ orderBy: { chainSeq: 'desc' } });
    const [before] = await query<{ hash: string }>(database.url, `SELECT hash FROM "AuditLog" WHERE "chainSeq" = 1`);
    // Without the chain columns (the defaults), and with a link copied from an older row.
    for (const forged of [
      { columns: '', values: '' },
      {
        columns: ', "chainSeq", "prevHash", hash',
        values: `, ${head.chainSeq + 1n}, '${before!.hash}', '${'a'.repeat(64)}'`,
      },
    ]) {
      let id = '';
      await asTamperer(database.url, async (c) => {
        const { rows } = await c.query<{ id: string }>(
          `INSERT INTO "AuditLog" (actor, action, entity${forged.columns})
           VALUES ('admin', 'account.create', 'account'${forged.values}) RETURNING id::text`,
        );
        id = rows[0]!.id;
      });
      const result = await verifyTrailTable(db, 'AuditLog');
      expect(result).toMatchObject({ ok: false, break: { rowId: id } });
      expect(['rows_missing', 'content_changed', 'link_broken']).toContain(result.break?.problem);
      await asTamperer(database.url, (c) =>
        c.query(`DELETE FROM "AuditLog" WHERE id = $1`, [id]).then(() => undefined),
      );
    }
    // A forged row whose own hash is right but which claims to follow an older row.
    await asTamperer(database.url, async (c) => {
      await c.query(
        `INSERT INTO "AuditLog" (actor, action, entity, "chainSeq", "prevHash")
         VALUES ('admin', 'account.create', 'account', $1, $2)`,
        [head.chainSeq + 1n, before!.hash],
      );
      await c.query(
        `UPDATE "AuditLog" a SET hash = encode(sha256(convert_to("trail_content"(a), 'UTF8')), 'hex') WHERE "chainSeq" = $1`,
        [head.chainSeq + 1n],
      );
    });
    expect((await verifyTrailTable(db, 'AuditLog')).break).toMatchObject({
      problem: 'link_broken',
      expected: head.hash,
    });
  });
});

/** One dossier, as the schema before the trail migration takes it. */
const PRE_TRAIL_DOSSIER = `
  INSERT INTO "Agency" (id, code, name) VALUES ('00000000-0000-4000-8000-000000000002', '000.00.17.H41', 'UBND huyện Duy Xuyên');
  INSERT INTO "Procedure" (id, code, "agencyId")
    VALUES ('00000000-0000-4000-8000-000000000010', '1.009994', '00000000-0000-4000-8000-000000000002');
  INSERT INTO "ProcedureVersion" (id, "procedureId", version, name, field, level, "processingDays", fees,
      "requiredDocuments", "legalBasis", "processKey", "effectiveFrom", "createdBy")
    VALUES ('00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000010', 1, 'Cấp giấy phép xây dựng',
      'Xây dựng', 'partial_online', 15, '[]', '[]', 'Luật Xây dựng', 'house-construction-permit', '2025-01-01', 'test');
  INSERT INTO "Dossier" (id, code, "procedureId", "procedureVersionId", "agencyId", "applicantName", "applicantIdNumber",
      "applicantPhone", "applicantAddress", "receivedAt", "receivedBy", "legalRegime", "updatedAt", "requestSummary")
    VALUES ('00000000-0000-4000-8000-000000000100', '000.00.17.H41-261206-0001', '00000000-0000-4000-8000-000000000010',
      '00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000002', 'Võ Thị Hoa', '049190000001',
      '0912345678', 'Duy Hòa', now(), 'receptionist', 'Nghị định 118/2025/NĐ-CP', now(), 'Cấp giấy phép xây dựng')`;

describe('the migration chains the rows a database already holds', () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'motcua-trail-migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
  });
  afterAll(async () => {
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('in the order they were written, so the verifier finds them intact', async () => {
    // Given a database migrated up to the migration before the trail, holding events and audit entries
    const later = (await readdir(dir)).filter((name) => /^\d{14}_/.test(name) && name >= TRAIL_MIGRATION);
    const held = join(tmpdir(), `held-${database.name}`);
    await cp(dir, held, { recursive: true });
    for (const name of later) await rm(join(dir, name), { recursive: true });
    await applyMigrations(database.url, { migrationsDir: dir });
    // (Plain SQL: the Prisma client of today expects the columns of every migration.)
    await query(database.url, PRE_TRAIL_DOSSIER);
    const dossierId = '00000000-0000-4000-8000-000000000100';
    for (let i = 0; i < 30; i += 1) {
      await query(
        database.url,
        `INSERT INTO "DossierEvent" ("dossierId", type, actor, data) VALUES ($1, 'note', 'x', $2)`,
        [dossierId, JSON.stringify({ i, khóa: ['giá trị', null, true] })],
      );
      await query(database.url, `INSERT INTO "AuditLog" (actor, action, entity) VALUES ('admin', $1, 'x')`, [`a${i}`]);
    }
    const db = createDb(database.url, { max: 2 });
    try {
      // When the trail migration (and those after it) run
      const result = await applyMigrations(database.url, { migrationsDir: held });
      expect(result.applied).toContain(TRAIL_MIGRATION);
      // Then every row is chained by id, and new rows continue the chain
      const rows = await query<{ id: string; chainSeq: string }>(
        database.url,
        `SELECT e.id::text, e."chainSeq"::text FROM "DossierEvent" e ORDER BY e.id`,
      );
      expect(rows.map((r) => r.chainSeq)).toEqual(rows.map((_, i) => String(i + 1)));
      await db.dossierEvent.create({ data: { dossierId, type: 'note', actor: 'y' } });
      const verification = await verifyTrail(db);
      expect(verification).toMatchObject({ ok: true });
      expect(verification.tables.map((t) => t.rowsChecked)).toEqual([31, 30]);
    } finally {
      await db.$disconnect();
      await rm(held, { recursive: true, force: true });
    }
  });
});
