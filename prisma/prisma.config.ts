/**
 * Prisma CLI configuration for @motcua/db (Prisma 7 reads the connection URL here, not from the
 * schema). Paths are relative to this file. `prisma generate` needs no database, so DATABASE_URL
 * may be unset for it; our own runner (src/migrate.ts) applies the migrations at run time.
 */
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
