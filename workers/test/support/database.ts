/**
 * A fresh PostgreSQL database of its own for a test file that must see only its own rows (e.g. the
 * notification outbox), migrated and demo-seeded, dropped afterwards.
 */
import pg from 'pg';
import { createTestDatabase } from '@motcua/common/testing';
import { applyMigrations, createDb, seed, type Db } from '@motcua/db';

export interface SeededDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createSeededDatabase(): Promise<SeededDatabase> {
  const database = await createTestDatabase(pg, 'motcua_workers');
  await applyMigrations(database.url);
  const db = createDb(database.url, { max: 5 });
  await seed(db, { demo: true });
  return {
    url: database.url,
    db,
    async drop() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
