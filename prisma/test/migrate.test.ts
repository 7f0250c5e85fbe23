import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError, MIGRATIONS_DIR, readMigrations } from '../src/migrate.js';
import { createTestDatabase, query, type TestDatabase } from './database.js';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.drop();
});

const SCHEMA = join(import.meta.dirname, '..', 'schema.prisma');
/** PostgreSQL's "C" collation order of information_schema names: by code unit, capitals first. */
const byCodeUnits = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** A private copy of the migrations folder that a test may change. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'motcua-migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

describe('applyMigrations', () => {
  it('creates the schema on an empty database and records each migration as Prisma does', async () => {
    // Given an empty database and the repository's migrations
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);

    // When the migrations are applied
    const result = await applyMigrations(database.url);

    // Then every migration ran, and _prisma_migrations holds one finished row per migration whose
    // checksum is the SHA-256 of its migration.sql, like `prisma migrate deploy` writes
    expect(result).toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: [] });
    const rows = await query<MigrationRow>(
      database.url,
      'SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"',
    );
    for (const [index, migration] of migrations.entries()) {
      const file = await readFile(join(MIGRATIONS_DIR, migration.name, 'migration.sql'));
      expect(rows[index]).toMatchObject({
        migration_name: migration.name,
        checksum: createHash('sha256').update(file).digest('hex'),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(rows[index]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(rows[index]!.finished_at!.getTime()).toBeGreaterThanOrEqual(rows[index]!.started_at.getTime());
    }
    const tables = await query<{ table_name: string }>(
      database.url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    // every model of the schema has its table, and nothing else does
    const models = [...(await readFile(SCHEMA, 'utf8')).matchAll(/^model (\w+) \{/gm)].map((match) => match[1]);
    expect(models.length).toBeGreaterThan(10);
    expect(tables.map((t) => t.table_name)).toEqual([...models, '_prisma_migrations'].sort(byCodeUnits));
  });

  it('keeps Prisma’s exact _prisma_migrations table definition', async () => {
    await applyMigrations(database.url);
    const columns = await query<{
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
      character_maximum_length: number | null;
    }>(
      database.url,
      `SELECT column_name, data_type, is_nullable, column_default, character_maximum_length
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      {
        column_name: 'id',
        data_type: 'character varying',
        is_nullable: 'NO',
        column_default: null,
        character_maximum_length: 36,
      },
      {
        column_name: 'checksum',
        data_type: 'character varying',
        is_nullable: 'NO',
        column_default: null,
        character_maximum_length: 64,
      },
      {
        column_name: 'finished_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'YES',
        column_default: null,
        character_maximum_length: null,
      },
      {
        column_name: 'migration_name',
        data_type: 'character varying',
        is_nullable: 'NO',
        column_default: null,
        character_maximum_length: 255,
      },
      {
        column_name: 'logs',
        data_type: 'text',
        is_nullable: 'YES',
        column_default: null,
        character_maximum_length: null,
      },
      {
        column_name: 'rolled_back_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'YES',
        column_default: null,
        character_maximum_length: null,
      },
      {
        column_name: 'started_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'NO',
        column_default: 'now()',
        character_maximum_length: null,
      },
      {
        column_name: 'applied_steps_count',
        data_type: 'integer',
        is_nullable: 'NO',
        column_default: '0',
        character_maximum_length: null,
      },
    ]);
  });

  it('does nothing the second time', async () => {
    // Given a migrated database
    const first = await applyMigrations(database.url);
    const before = await query<MigrationRow>(database.url, 'SELECT * FROM "_prisma_migrations"');

    // When migrating again
    const second = await applyMigrations(database.url);

    // Then nothing was applied and the history is unchanged
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
    expect(await query<MigrationRow>(database.url, 'SELECT * FROM "_prisma_migrations"')).toEqual(before);
  });

  it('applies each migration once when several processes migrate at the same time', async () => {
    // When three runners start together on an empty database
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(database.url)));

    // Then exactly one of them applied each migration
    const migrations = await readMigrations();
    for (const migration of migrations) {
      expect(results.filter((r) => r.applied.includes(migration.name))).toHaveLength(1);
    }
    const rows = await query<MigrationRow>(database.url, 'SELECT * FROM "_prisma_migrations"');
    expect(rows).toHaveLength(migrations.length);
  });

  it('applies only the migrations added since the last run, in name order', async () => {
    // Given a database migrated with the current folder
    const dir = await copyOfMigrations();
    try {
      await applyMigrations(database.url, { migrationsDir: dir });
      // And two new migrations, written out of order
      await mkdir(join(dir, '29990102000000_second'));
      await writeFile(join(dir, '29990102000000_second', 'migration.sql'), 'INSERT INTO "steps" VALUES (2);\n');
      await mkdir(join(dir, '29990101000000_first'));
      await writeFile(
        join(dir, '29990101000000_first', 'migration.sql'),
        'CREATE TABLE "steps" ("n" INTEGER);\nINSERT INTO "steps" VALUES (1);\n',
      );

      // When migrating
      const result = await applyMigrations(database.url, { migrationsDir: dir });

      // Then both ran, oldest first
      expect(result.applied).toEqual(['29990101000000_first', '29990102000000_second']);
      expect(await query(database.url, 'SELECT "n" FROM "steps" ORDER BY "n"')).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('refuses to run when an applied migration was edited afterwards, naming it', async () => {
    // Given a migrated database
    const dir = await copyOfMigrations();
    try {
      await applyMigrations(database.url, { migrationsDir: dir });
      // When someone edits an applied migration and migrates again
      const [init] = await readMigrations(dir);
      await writeFile(join(dir, init!.name, 'migration.sql'), `${init!.script}\nDROP TABLE "AuditLog";\n`);
      const attempt = applyMigrations(database.url, { migrationsDir: dir });

      // Then the runner refuses with a clear error, and changes nothing
      await expect(attempt).rejects.toThrow(MigrationError);
      await expect(attempt).rejects.toThrow(new RegExp(`Migration ${init!.name} was modified after it was applied`));
      expect(await query(database.url, `SELECT to_regclass('"AuditLog"') IS NOT NULL AS present`)).toEqual([
        { present: true },
      ]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('accepts an applied migration whose file only changed line endings, as Prisma does', async () => {
    const dir = await copyOfMigrations();
    try {
      await applyMigrations(database.url, { migrationsDir: dir });
      const [init] = await readMigrations(dir);
      await writeFile(join(dir, init!.name, 'migration.sql'), init!.script.replace(/\n/g, '\r\n'));
      await expect(applyMigrations(database.url, { migrationsDir: dir })).resolves.toMatchObject({ applied: [] });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('rolls back a failing migration completely and records nothing for it', async () => {
    // Given a new migration whose second statement fails
    const dir = await copyOfMigrations();
    try {
      await mkdir(join(dir, '29990101000000_broken'));
      await writeFile(
        join(dir, '29990101000000_broken', 'migration.sql'),
        'CREATE TABLE "half_done" ("n" INTEGER);\nALTER TABLE "no_such_table" ADD COLUMN "x" INTEGER;\n',
      );

      // When migrating
      const attempt = applyMigrations(database.url, { migrationsDir: dir });

      // Then the error names the migration, earlier migrations stay applied, and the failed one left no trace
      await expect(attempt).rejects.toThrow(/Migration 29990101000000_broken failed and was rolled back/);
      expect(await query(database.url, `SELECT to_regclass('"half_done"') IS NULL AS absent`)).toEqual([
        { absent: true },
      ]);
      const names = await query<{ migration_name: string }>(
        database.url,
        'SELECT "migration_name" FROM "_prisma_migrations"',
      );
      expect(names.map((r) => r.migration_name)).toEqual((await readMigrations()).map((m) => m.name));
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('refuses to continue after a migration Prisma recorded as failed', async () => {
    // Given a history with a started-but-unfinished row, as a failed `prisma migrate deploy` leaves
    await applyMigrations(database.url);
    const dir = await copyOfMigrations();
    try {
      await mkdir(join(dir, '29990101000000_next'));
      await writeFile(join(dir, '29990101000000_next', 'migration.sql'), 'SELECT 1;\n');
      await query(
        database.url,
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "logs") VALUES ($1, $2, $3, 'boom')`,
        ['00000000-0000-4000-8000-000000000000', 'x'.repeat(64), '29990101000000_next'],
      );
      // Then the runner stops and says how to proceed
      await expect(applyMigrations(database.url, { migrationsDir: dir })).rejects.toThrow(
        /never finished.*prisma migrate resolve/s,
      );
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('carries procedures, dossiers and agency codes over to the versioned catalogue', async () => {
    // Given a database at the init migration, with two agencies, a procedure and two dossiers received
    // before and after Decree 118/2025 took effect (01/07/2025 in Vietnam), one of them with an appointment
    const dir = await copyOfMigrations();
    try {
      const [init, lifecycle] = await readMigrations(dir);
      expect(lifecycle!.name).toMatch(/_dossier_lifecycle$/);
      const all = await readMigrations(dir);
      for (const later of all.slice(1)) await rm(join(dir, later.name), { recursive: true });
      expect(await applyMigrations(database.url, { migrationsDir: dir })).toMatchObject({ applied: [init!.name] });
      await query(
        database.url,
        `INSERT INTO "Agency" ("id", "code", "name", "createdAt") VALUES
           ('00000000-0000-4000-8000-000000000001', '000.00.00.H41', 'UBND tỉnh Quảng Nam', '2024-01-02T03:00:00Z'),
           ('00000000-0000-4000-8000-000000000002', '000.00.17.H41', 'UBND huyện Duy Xuyên', '2024-01-02T03:00:00Z')`,
      );
      await query(
        database.url,
        `INSERT INTO "Procedure" ("id", "code", "name", "agencyId", "processingDays", "processKey", "createdAt")
         VALUES ('00000000-0000-4000-8000-000000000010', '1.009994', 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
                 '00000000-0000-4000-8000-000000000002', 15, 'house-construction-permit', '2025-03-01T00:00:00Z')`,
      );
      await query(
        database.url,
        `INSERT INTO "Dossier" ("id", "code", "procedureId", "agencyId", "applicantName", "applicantIdNumber",
           "applicantPhone", "applicantAddress", "status", "receivedAt", "dueAt", "receivedBy", "updatedAt") VALUES
         ('00000000-0000-4000-8000-000000000100', '000.00.17.H41-250630-0001', '00000000-0000-4000-8000-000000000010',
          '00000000-0000-4000-8000-000000000002', 'Nguyễn Văn Minh', '049090001234', '0905123456', 'Duy Trung',
          'in_progress', '2025-06-30T09:59:00Z', '2025-07-21T09:59:00Z', 'receptionist', now()),
         ('00000000-0000-4000-8000-000000000101', '000.00.17.H41-250701-0001', '00000000-0000-4000-8000-000000000010',
          '00000000-0000-4000-8000-000000000002', 'Trần Thị Lan', '049190005678', '0905654321', 'Duy Sơn',
          'received', '2025-06-30T17:00:00Z', NULL, 'receptionist', now())`,
      );

      // When the remaining migrations are applied
      await rm(dir, { recursive: true });
      const result = await applyMigrations(database.url);

      // Then the procedure has a version 1 holding what the old row said, effective from its creation
      // (timestamps read as text: Prisma stores UTC in columns without time zone)
      expect(result.applied).toEqual(all.slice(1).map((m) => m.name));
      const versions = await query(
        database.url,
        `SELECT "procedureId", "version", "name", "processingDays", "processKey", "level", "fees", "requiredDocuments",
                "effectiveFrom"::text AS "effectiveFrom", "createdBy" FROM "ProcedureVersion"`,
      );
      expect(versions).toEqual([
        {
          procedureId: '00000000-0000-4000-8000-000000000010',
          version: 1,
          name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
          processingDays: 15,
          processKey: 'house-construction-permit',
          level: 'partial_online',
          fees: [],
          requiredDocuments: [],
          effectiveFrom: '2025-03-01 00:00:00',
          createdBy: 'migration',
        },
      ]);
      // And both dossiers are pinned to it, under the legal regime of their receipt day, with the
      // appointment they had as their original appointment
      const dossiers = await query(
        database.url,
        `SELECT d."code", v."version", d."requestSummary", d."legalRegime", d."dueAt"::text AS "dueAt",
                d."originalDueAt"::text AS "originalDueAt", d."status"
           FROM "Dossier" d JOIN "ProcedureVersion" v ON v."id" = d."procedureVersionId" ORDER BY d."code"`,
      );
      expect(dossiers).toEqual([
        {
          code: '000.00.17.H41-250630-0001',
          version: 1,
          requestSummary: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
          legalRegime: 'Nghị định 61/2018/NĐ-CP',
          dueAt: '2025-07-21 09:59:00',
          originalDueAt: '2025-07-21 09:59:00',
          status: 'in_progress',
        },
        {
          code: '000.00.17.H41-250701-0001',
          version: 1,
          requestSummary: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
          legalRegime: 'Nghị định 118/2025/NĐ-CP',
          dueAt: null,
          originalDueAt: null,
          status: 'received',
        },
      ]);
      // And each agency's code history starts with its current code
      expect(
        await query(database.url, `SELECT "code", "agencyId", "validUntil" FROM "AgencyCode" ORDER BY "code"`),
      ).toEqual([
        { code: '000.00.00.H41', agencyId: '00000000-0000-4000-8000-000000000001', validUntil: null },
        { code: '000.00.17.H41', agencyId: '00000000-0000-4000-8000-000000000002', validUntil: null },
      ]);
      // And the old columns of Procedure are gone
      const columns = await query<{ column_name: string }>(
        database.url,
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'Procedure' ORDER BY column_name`,
      );
      expect(columns.map((c) => c.column_name)).toEqual(['active', 'agencyId', 'code', 'createdAt', 'id']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
