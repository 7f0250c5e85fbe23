import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run against real databases: the machine's PostgreSQL (a fresh database per file) and PGlite,
// whose first start runs initdb in WebAssembly for several seconds.
export default defineConfig({
  // our workspaces from their TypeScript sources, not from their compiled dist/ (see package.json exports)
  ssr: { resolve: { conditions: ['@motcua/source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
