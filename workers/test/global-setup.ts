import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createEngineClient } from '@motcua/common/engine';
import { createTestDatabase, startTestEngine, type TestEngine } from '@motcua/common/testing';
import { applyMigrations, createDb, seed } from '@motcua/db';
import { deployProcesses } from '@motcua/processes';

/**
 * Once per test run: a fresh PostgreSQL database (migrated, demo data and official holiday schedules
 * seeded) and a real engine (ENGINE_URL if set, otherwise the jar on a free port) with the
 * procedures' BPMN processes deployed. Both are torn down afterwards. Test files read them with
 * `inject()` (see support/environment.ts).
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
  const [databaseStart, engineStart] = await Promise.allSettled([
    createTestDatabase(pg, 'motcua_workers'),
    startTestEngine(),
  ]);
  const database = databaseStart.status === 'fulfilled' ? databaseStart.value : undefined;
  const engine: TestEngine | undefined = engineStart.status === 'fulfilled' ? engineStart.value : undefined;
  async function teardown() {
    await engine?.stop();
    await database?.drop();
  }
  try {
    if (databaseStart.status === 'rejected') throw databaseStart.reason;
    if (engineStart.status === 'rejected') throw engineStart.reason;
    await applyMigrations(database!.url);
    const db = createDb(database!.url);
    try {
      await seed(db, { demo: true });
    } finally {
      await db.$disconnect();
    }
    // a first deployment to a cold engine on a busy machine can take long
    await deployProcesses(
      createEngineClient({ baseUrl: engine!.url, user: engine!.user, password: engine!.password, timeoutMs: 120_000 }),
    );
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('databaseUrl', database!.url);
  project.provide('engineUrl', engine!.url);
  project.provide('engineUser', engine!.user);
  project.provide('enginePassword', engine!.password);
  return teardown;
}
