import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import app, { serverOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';

/**
 * The app as server.ts builds it, configured for the test database and engine prepared by the
 * global setup. Close it after the tests (`await app.close()`), which also disconnects the database.
 */
export const TEST_JWT_SECRET = 'test-secret-for-the-server-tests-only-0123456789';
/** A folder without a build, so the UI routes answer "not built" unless a test says otherwise. */
export const MISSING_UI_DIST = fileURLToPath(new URL('../fixtures/no-admin-ui-build', import.meta.url));

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    ENGINE_URL: inject('engineUrl'),
    ENGINE_USER: inject('engineUser'),
    ENGINE_PASSWORD: inject('enginePassword'),
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_UI_DIST: MISSING_UI_DIST,
    LOG_LEVEL: 'silent',
    // every answer of every test is checked against its response schema (see src/response-serializer.ts)
    CHECK_RESPONSES: 'true',
    ...overrides,
  });
}

export async function build(overrides: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = testConfig(overrides);
  const server = Fastify(serverOptions(config));
  await server.register(app, { config });
  await server.ready();
  return server;
}
