import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Integration tests against a real PostgreSQL database and a real engine, both prepared once by
 * test/global-setup.ts. The files share the engine, so they run one after another.
 */
export default defineConfig({
  // our workspaces from their TypeScript sources, not from their compiled dist/ (see package.json exports)
  ssr: { resolve: { conditions: ['@motcua/source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
