import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations, createDb, seed } from '@motcua/db';
import { createEngineClient } from '@motcua/common/engine';
import { deployProcesses } from '@motcua/processes';
import { startTestEngine, type TestEngine } from '@motcua/processes/testing';

/**
 * Once per test run: a fresh PostgreSQL database (migrated, demo data seeded) and a real engine
 * (ENGINE_URL if set, otherwise the jar on a free port) with the BPMN processes deployed.
 * Both are torn down afterwards. Test files read their URLs with `inject()`.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    engineUrl: string;
  }
}

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function onAdminDatabase(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const name = `motcua_server_${randomBytes(6).toString('hex')}`;
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${name}`;
  await onAdminDatabase(`CREATE DATABASE "${name}"`);
  let engine: TestEngine | undefined;

  async function teardown() {
    await engine?.stop();
    await onAdminDatabase(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }

  try {
    engine = await startTestEngine();
    await applyMigrations(databaseUrl.href);
    const db = createDb(databaseUrl.href);
    try {
      await seed(db, { demo: true });
    } finally {
      await db.$disconnect();
    }
    await deployProcesses(createEngineClient({ baseUrl: engine.url, user: engine.user, password: engine.password }));
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('databaseUrl', databaseUrl.href);
  project.provide('engineUrl', engine.url);
  return teardown;
}
