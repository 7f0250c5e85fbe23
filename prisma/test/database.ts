/**
 * Scratch databases for tests: each test file gets its own fresh database on the machine's
 * PostgreSQL (TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres), dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../src/client.js';
import { applyMigrations } from '../src/migrate.js';
import { seed } from '../src/seed.js';

export const ADMIN_URL = process.env.TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `motcua_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Runs one statement on `url` with a short-lived connection and returns its rows. */
export async function query<Row extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A connection of its own to `url`, for a second transaction, with its backend's process id. */
export async function connectWithPid(url: string): Promise<pg.Client & { pid: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return Object.assign(client, { pid: rows[0]!.pid });
}

/** Resolves once the backend `waiting` waits for a lock another transaction holds, as `observer` sees it. */
export async function blockedOnLock(observer: pg.Client, waiting: { pid: number }): Promise<void> {
  for (;;) {
    const state = await observer.query<{ wait: string | null }>(
      'SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1',
      [waiting.pid],
    );
    if (state.rows[0]?.wait === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A test file's scratch database with every migration and the demo seed, read through Prisma and a plain connection. */
export interface DemoDatabase {
  url: string;
  db: Db;
  client: pg.Client;
  /** A second connection, for a second transaction, with its backend's process id. */
  connect(): Promise<pg.Client & { pid: number }>;
  /** Resolves once the backend `waiting` waits for a lock another transaction holds. */
  blockedOnLock(waiting: { pid: number }): Promise<void>;
  close(): Promise<void>;
}

export async function openDemoDatabase(): Promise<DemoDatabase> {
  const database = await createTestDatabase();
  await applyMigrations(database.url);
  const db = createDb(database.url, { max: 2 });
  await seed(db, { demo: true });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    url: database.url,
    db,
    client,
    connect: () => connectWithPid(database.url),
    blockedOnLock: (waiting) => blockedOnLock(client, waiting),
    async close() {
      await client.end();
      await db.$disconnect();
      await database.drop();
    },
  };
}
