/**
 * @motcua/db: our PostgreSQL database — the Prisma client and its generated types, the migration
 * runner, the embedded PostgreSQL, seed data, password hashing and dossier codes.
 */
export { createDb, type Db, type DbOptions } from './client.js';
export {
  applyMigrations,
  migrationChecksum,
  readMigrations,
  MigrationError,
  MIGRATIONS_DIR,
  type MigrationFile,
  type MigrationResult,
} from './migrate.js';
export { seed, DEMO_ACCOUNTS, DEMO_AGENCIES, DEMO_PASSWORD, DEMO_PROCEDURE, type SeedResult } from './seed.js';
export {
  startEmbeddedPostgres,
  EMBEDDED_POSTGRES_PORT,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { nextDossierCode, dossierCodeDay, formatDossierCode } from './dossier-code.js';
export * from '../generated/client/client.js';
