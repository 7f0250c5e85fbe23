/**
 * The Prisma client for our database. Prisma 7 runs its query engine in JavaScript and talks to
 * PostgreSQL through node-postgres (@prisma/adapter-pg), so no native engine binary is needed.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '#generated/client';

/** Our Prisma client. */
export type Db = PrismaClient;

export interface DbOptions {
  /** Most connections the pool opens (node-postgres default: 10). */
  max?: number;
  /** How long an idle connection stays open, in ms (default 10 000). */
  idleTimeoutMillis?: number;
  /** How long to wait for a connection before failing, in ms (default 10 000; 0 waits for ever). */
  connectionTimeoutMillis?: number;
}

/**
 * A Prisma client with its own connection pool to `databaseUrl`. Call `$disconnect()` on shutdown to
 * close the pool.
 */
export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
  });
  return new PrismaClient({ adapter });
}
