import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests, and integration tests against a real PostgreSQL database and a real engine prepared
 * once by test/global-setup.ts. The files share the engine (and its job executor), so they run one
 * after another.
 */
export default defineConfig({
  // our workspaces from their TypeScript sources, not from their compiled dist/ (see package.json exports)
  ssr: { resolve: { conditions: ['@motcua/source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
