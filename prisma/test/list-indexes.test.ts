import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/migrate.js';
import { createTestDatabase, query, type TestDatabase } from './database.js';

/**
 * The indexes of migration 20261206120000_list_and_register_indexes, which the dossier list, the
 * register and the at-risk scan rely on at province scale (bench/sql-plans.ts shows their plans).
 * The embedded database (PGlite, no pg_trgm) takes the same migration without the trigram indexes:
 * test/embedded-postgres.test.ts applies every migration there.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await applyMigrations(database.url);
});
afterAll(async () => {
  await database.drop();
});

async function indexDefinitions(table: string): Promise<Map<string, string>> {
  const rows = await query<{ indexname: string; indexdef: string }>(
    database.url,
    'SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1',
    [table],
  );
  return new Map(rows.map((row) => [row.indexname, row.indexdef]));
}

describe('the list and register indexes', () => {
  it('serve the page newest first, by agency, by procedure, by identity number and the open dossiers by due date', async () => {
    const indexes = await indexDefinitions('Dossier');
    expect(indexes.get('Dossier_receivedAt_code_idx')).toContain('("receivedAt" DESC, code DESC)');
    expect(indexes.get('Dossier_agencyId_receivedAt_code_idx')).toContain('("agencyId", "receivedAt" DESC, code DESC)');
    expect(indexes.get('Dossier_procedureId_receivedAt_code_idx')).toContain(
      '("procedureId", "receivedAt" DESC, code DESC)',
    );
    expect(indexes.get('Dossier_applicantIdNumber_idx')).toContain('("applicantIdNumber")');
    // with the status since 20261207180000, so a count by timeliness reads the index alone
    expect(indexes.get('Dossier_dueAt_open_idx')).toContain('("dueAt") INCLUDE (status) WHERE ("finishedAt" IS NULL)');
    // the new agency index replaces the old one, which it covers
    expect(indexes.has('Dossier_agencyId_receivedAt_idx')).toBe(false);
    expect(
      (await indexDefinitions('InterAgencyTransfer')).get('InterAgencyTransfer_toAgencyId_dossierId_idx'),
    ).toContain('("toAgencyId", "dossierId")');
  });

  it('serve the walks of each branch of the access rule by status and over the open dossiers (20261207010000)', async () => {
    const indexes = await indexDefinitions('Dossier');
    for (const column of ['agencyId', 'procedureId']) {
      expect(indexes.get(`Dossier_${column}_status_receivedAt_code_idx`)).toContain(
        `("${column}", status, "receivedAt" DESC, code DESC)`,
      );
      expect(indexes.get(`Dossier_${column}_open_idx`)).toContain(
        `("${column}", "receivedAt" DESC, code DESC) INCLUDE (status, "dueAt") WHERE ("finishedAt" IS NULL)`,
      );
    }
  });

  it('index the open dossiers’ appointment whole, so ANALYZE keeps its statistics (20261207120000)', async () => {
    const indexes = await indexDefinitions('Dossier');
    // pg_get_indexdef writes the expression over several lines
    const definition = indexes.get('Dossier_openDueAt_idx')?.replace(/\s+/g, ' ');
    expect(definition).toContain(
      'CASE WHEN ("finishedAt" IS NULL) THEN "dueAt" ELSE NULL::timestamp without time zone END',
    );
    // a partial index's statistics are not used for the whole table's estimates
    expect(definition).not.toContain(' WHERE ');
  });

  it('search codes and applicant names by trigrams where PostgreSQL has pg_trgm', async () => {
    const [available] = await query<{ available: boolean }>(
      database.url,
      `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') AS available`,
    );
    const indexes = await indexDefinitions('Dossier');
    if (!available!.available) {
      expect(indexes.has('Dossier_code_trgm_idx')).toBe(false);
      return;
    }
    expect(indexes.get('Dossier_code_trgm_idx')).toContain('USING gin (code gin_trgm_ops)');
    expect(indexes.get('Dossier_applicantName_trgm_idx')).toContain('USING gin ("applicantName" gin_trgm_ops)');
  });
});
