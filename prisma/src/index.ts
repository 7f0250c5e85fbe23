/**
 * @motcua/db: our PostgreSQL database — the Prisma client and its generated types, the migration
 * runner, the embedded PostgreSQL, seed data, password hashing, dossier codes, the notification outbox,
 * the holiday calendar rows and agency code history.
 */
export { createDb, poolOf, type Db, type DbOptions } from './client.js';
export {
  applyMigrations,
  migrationChecksum,
  readMigrations,
  MigrationError,
  MIGRATIONS_DIR,
  type MigrationFile,
  type MigrationResult,
} from './migrate.js';
export {
  seed,
  DEMO_ACCOUNTS,
  DEMO_AGENCIES,
  DEMO_PASSWORD,
  DEMO_PROCEDURE,
  DEMO_PROCEDURES,
  type DemoAgency,
  type DemoAgencyKey,
  type DemoProcedure,
  type SeedResult,
} from './seed.js';
export {
  startEmbeddedPostgres,
  EMBEDDED_POSTGRES_PORT,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { nextDossierCode, dossierCodeDay, formatDossierCode, DOSSIER_SEQUENCE_MIN_DIGITS } from './dossier-code.js';
export {
  enqueueNotification,
  claimDueNotifications,
  markSent,
  markFailed,
  releaseClaimsOf,
  retryDelay,
  type NewNotification,
  type ClaimOptions,
  type RetryPolicy,
} from './outbox.js';
export { loadCalendarDays, insertMissingCalendarDays, type CalendarDayRange } from './calendar-days.js';
export { resolveAgency, resolveAgencySuccession, agencyCodeHistory, type AgencySuccession } from './agency-codes.js';
export * from '#generated/client';
