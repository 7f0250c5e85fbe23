import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The *.integration.test.ts files each start the engine jar: they run one after another so that two
 * engines never share the machine.
 */
export default defineConfig({
  // our workspaces from their TypeScript sources, not from their compiled dist/ (see package.json exports)
  ssr: { resolve: { conditions: ['@motcua/source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
