import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '@motcua/common/testing';
// The same orchestration as `npm start`, so the journeys exercise exactly what people run.
import { startStack } from '../scripts/lib/stack.mjs';

/**
 * Starts the whole system for the journeys: a fresh database on the machine's PostgreSQL, a fresh
 * engine, demo data, workers and the server on the test ports. Returns the teardown that stops it all.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.E2E_BASE_URL) return undefined;
  const database = await createTestDatabase(pg, 'motcua_e2e');
  // the journeys that play a tamperer editing rows behind the application reach the database directly
  process.env.E2E_DATABASE_URL = database.url;
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-e2e-'));
  const logDir = join(import.meta.dirname, 'test-results', 'stack-logs');
  const stack = await startStack({
    dataDir,
    logDir,
    databaseUrl: database.url,
    jwtSecret: randomBytes(32).toString('hex'),
    // as `npm start` does: an engine account made up for this run, never a known one
    engine: { user: `e2e${randomBytes(4).toString('hex')}`, password: randomBytes(24).toString('base64url') },
    ports: { engine: 18080, server: 13000, embeddedDb: 0 },
    demo: true,
    log: (line) => console.log(line),
  }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  return async () => {
    await stack.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`stack logs: ${logDir}`);
  };
}
