/**
 * Applies prisma/migrations to a PostgreSQL database without Prisma's native schema engine, which
 * cannot be downloaded here (see prisma/README.md). It keeps Prisma's bookkeeping exactly: the same
 * `_prisma_migrations` table, one row per applied migration with the SHA-256 of its migration.sql,
 * so `prisma migrate status` and `prisma migrate deploy` agree with what this runner did.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The folder that holds `<timestamp>_<name>/migration.sql`, next to schema.prisma. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * The advisory-lock key Prisma Migrate itself locks on: using the same one makes this runner and an
 * official `prisma migrate deploy` exclude each other too.
 */
const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's own DDL for its bookkeeping table (PostgreSQL flavour), made idempotent. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** A migration found on disk. */
export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

export interface MigrationResult {
  /** Migrations this call applied, in order. */
  applied: string[];
  /** Migrations that were already applied before this call. */
  alreadyApplied: string[];
}

/** Refusal to migrate a database whose recorded history does not match the files. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Prisma's checksum of a migration script: SHA-256 of the file's bytes, lowercase hex. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * Whether a script still matches a recorded checksum. Like Prisma, line endings do not count, so a
 * checkout with Windows line endings does not look edited.
 */
function matchesChecksum(script: string, checksum: string): boolean {
  const unix = script.replace(/\r\n/g, '\n');
  return [script, unix, unix.replace(/\n/g, '\r\n')].some((variant) => migrationChecksum(variant) === checksum);
}

/** The migrations in a folder, ordered by name (Prisma's names start with a UTC timestamp). */
export async function readMigrations(migrationsDir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const path = join(migrationsDir, name, 'migration.sql');
      const script = await readFile(path, 'utf8').catch((error: unknown) => {
        throw new MigrationError(`Migration folder ${name} has no readable migration.sql (${path}): ${String(error)}`);
      });
      return { name, script, checksum: migrationChecksum(script) };
    }),
  );
}

/** The row that marks a migration as applied: finished and not rolled back. */
function appliedRow(rows: MigrationRow[], name: string): MigrationRow | undefined {
  return rows.find((row) => row.migration_name === name && row.finished_at !== null && row.rolled_back_at === null);
}

/** Refuses when the recorded history cannot be trusted: a failed migration, or an edited file. */
function checkHistory(rows: MigrationRow[], migrations: MigrationFile[]): void {
  for (const migration of migrations) {
    const applied = appliedRow(rows, migration.name);
    if (applied && !matchesChecksum(migration.script, applied.checksum)) {
      throw new MigrationError(
        `Migration ${migration.name} was modified after it was applied: _prisma_migrations records checksum ` +
          `${applied.checksum}, but migration.sql now has ${migration.checksum}. Restore the file and put the ` +
          `change in a new migration (see prisma/README.md).`,
      );
    }
    const failed = rows.find(
      (row) => row.migration_name === migration.name && row.finished_at === null && row.rolled_back_at === null,
    );
    if (!applied && failed) {
      throw new MigrationError(
        `Migration ${migration.name} is recorded as started but never finished (a failed \`prisma migrate deploy\`?). ` +
          `Repair the database, then mark it with \`prisma migrate resolve\` before migrating again.`,
      );
    }
  }
}

async function readHistory(client: pg.ClientBase): Promise<MigrationRow[]> {
  const result = await client.query<MigrationRow>(
    'SELECT "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations" ORDER BY "started_at"',
  );
  return result.rows;
}

/** Runs `work` in a transaction holding Prisma Migrate's advisory lock until it commits. */
async function inLockedTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // The original failure is what the caller needs to see, even if the connection died with it.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Brings the database at `databaseUrl` up to date with the migration folder and returns what it did.
 *
 * Each migration runs in its own transaction together with its `_prisma_migrations` row, so a
 * failing migration leaves neither a half-applied schema nor a row to resolve. Concurrent callers are
 * safe: every transaction takes a transaction-scoped advisory lock and re-reads the history after
 * acquiring it (transaction-scoped rather than session-scoped because the embedded server shares one
 * session between all its clients, where only a transaction is exclusive).
 */
export async function applyMigrations(
  databaseUrl: string,
  options: { migrationsDir?: string } = {},
): Promise<MigrationResult> {
  const migrations = await readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const initialRows = await inLockedTransaction(client, async () => {
      await client.query(CREATE_MIGRATIONS_TABLE);
      return readHistory(client);
    });
    checkHistory(initialRows, migrations);

    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      const appliedNow = await inLockedTransaction(client, async () => {
        const rows = await readHistory(client);
        checkHistory(rows, [migration]);
        if (appliedRow(rows, migration.name)) return false;
        const id = randomUUID();
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count")
           VALUES ($1, $2, $3, now(), 0)`,
          [id, migration.checksum, migration.name],
        );
        try {
          await client.query(migration.script);
        } catch (error) {
          throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${String(error)}`, {
            cause: error,
          });
        }
        // clock_timestamp(), not now(): now() is the transaction's start, which would make the
        // migration look instantaneous.
        await client.query(
          `UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1`,
          [id],
        );
        return true;
      });
      (appliedNow ? result.applied : result.alreadyApplied).push(migration.name);
    }
    return result;
  } finally {
    await client.end();
  }
}
