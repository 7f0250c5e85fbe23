import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations, createDb, seed } from '@motcua/db';
import { createEngineClient } from '@motcua/common/engine';
import { deployProcesses } from '@motcua/processes';
import { createTestDatabase, startTestEngine, type TestEngine } from '@motcua/common/testing';

/**
 * Once per test run: a fresh PostgreSQL database (migrated, demo data seeded) and a real engine
 * (ENGINE_URL if set, otherwise the jar on a free port) with the BPMN processes deployed.
 * Both are torn down afterwards. Test files read their URLs with `inject()`.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    engineUrl: string;
    engineUser: string;
    enginePassword: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase(pg, 'motcua_server');
  let engine: TestEngine | undefined;

  async function teardown() {
    await engine?.stop();
    await database.drop();
  }

  try {
    engine = await startTestEngine();
    await applyMigrations(database.url);
    const db = createDb(database.url);
    try {
      await seed(db, { demo: true });
    } finally {
      await db.$disconnect();
    }
    // a fresh engine on a busy machine parses its first deployments slowly
    await deployProcesses(
      createEngineClient({ baseUrl: engine.url, user: engine.user, password: engine.password, timeoutMs: 120_000 }),
    );
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('databaseUrl', database.url);
  project.provide('engineUrl', engine.url);
  project.provide('engineUser', engine.user);
  project.provide('enginePassword', engine.password);
  return teardown;
}
