import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the pure rules, and integration tests against a real PostgreSQL database prepared
 * once by test/global-setup.ts (no engine: the engine reads of the current-handler rule are exercised
 * by the server's and the workers' suites).
 */
export default defineConfig({
  // our workspaces from their TypeScript sources, not from their compiled dist/ (see package.json exports)
  ssr: { resolve: { conditions: ['@motcua/source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
