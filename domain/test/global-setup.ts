import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from '@motcua/common/testing';
import { applyMigrations, createDb, seed } from '@motcua/db';

/**
 * Once per test run: a fresh PostgreSQL database on the machine's server, migrated, with the demo
 * agencies, procedures and officers seeded; dropped afterwards. Test files read its URL with `inject()`.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase(pg, 'motcua_domain');
  try {
    await applyMigrations(database.url);
    const db = createDb(database.url);
    try {
      await seed(db, { demo: true });
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  project.provide('databaseUrl', database.url);
  return () => database.drop();
}
