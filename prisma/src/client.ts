/**
 * The Prisma client for our database. Prisma 7 runs its query engine in JavaScript and talks to
 * PostgreSQL through node-postgres (@prisma/adapter-pg), so no native engine binary is needed.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
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

/** The pool under each client createDb made: see `poolOf`. */
const pools = new WeakMap<Db, pg.Pool>();

/**
 * A Prisma client with its own connection pool to `databaseUrl`. Call `$disconnect()` on shutdown to
 * close the pool.
 */
export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    // No JIT compilation: our statements are short OLTP ones that JIT never pays back, and compiling a
    // large plan took PostgreSQL 656 ms once, and over 25 minutes another time (docs/benchmarks.md).
    // The embedded PGlite takes the startup option and has no JIT to turn off (pg_jit_available() is
    // false); an `options` parameter in databaseUrl replaces this one.
    options: '-c jit=off',
  });
  // $disconnect ends the pool, as when the adapter makes its own; a later query makes a new one
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/**
 * The node-postgres pool under a client createDb made, for a hot read where Prisma's runtime costs
 * a large share of the request (server/src/repositories/dossier-read.ts): its connections
 * are Prisma's, so the pool's size still bounds both. Undefined for a transaction's client (its
 * statements must run on the transaction's connection), before the client has connected (Prisma
 * then attaches the pool's error listener) and after it has disconnected: then use Prisma.
 */
export function poolOf(db: Db): pg.Pool | undefined {
  const pool = pools.get(db);
  return pool && !pool.ending && !pool.ended && pool.listenerCount('error') > 0 ? pool : undefined;
}
