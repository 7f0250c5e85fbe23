/**
 * A database a benchmark keeps between runs on the machine's PostgreSQL: seeding a province takes
 * minutes, so a second run of the same sizes reuses it. A marker table records what it was seeded
 * with; a run of other sizes, or with `reseed`, drops it and seeds it again.
 */
import pg from 'pg';
import { applyMigrations } from '../prisma/src/migrate.js';

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrlOf(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A connection to `url`, or null when the database is not there (a benchmark then seeds it). */
export async function connectIfPresent(url: string): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return client;
  } catch {
    return null;
  }
}

/** What the kept database was seeded with, or null when it has no marker (or does not exist). */
async function seededWith(url: string): Promise<string | null> {
  const client = await connectIfPresent(url);
  if (!client) return null;
  try {
    const marker = await client.query<{ sizes: string }>(
      `SELECT sizes FROM bench_seed WHERE to_regclass('bench_seed') IS NOT NULL`,
    );
    return marker.rows[0]?.sizes ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/**
 * Database `name` with every migration, seeded by `seed` unless it already was with `sizes` (and
 * `reseed` is false); vacuumed and analysed after a seed, as autovacuum leaves tables between bursts
 * of writes. Answers its URL.
 */
export async function keptDatabase(options: {
  adminUrl: string;
  name: string;
  sizes: string;
  reseed: boolean;
  seed: (client: pg.Client) => Promise<void>;
}): Promise<string> {
  const url = databaseUrlOf(options.adminUrl, options.name);
  if (!options.reseed && (await seededWith(url)) === options.sizes) {
    console.log(`reusing ${options.name} (${options.sizes})`);
    await applyMigrations(url);
    return url;
  }
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${options.name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${options.name}"`);
  } finally {
    await admin.end();
  }
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const seeding = Date.now();
    await options.seed(client);
    await client.query('VACUUM ANALYZE');
    await client.query(`CREATE TABLE bench_seed (sizes text NOT NULL)`);
    await client.query(`INSERT INTO bench_seed VALUES ($1)`, [options.sizes]);
    console.log(`seeded ${options.name} (${options.sizes}) in ${((Date.now() - seeding) / 1000).toFixed(0)} s`);
  } finally {
    await client.end();
  }
  return url;
}
