import { defineConfig } from 'vitest/config';

// Tests run against real databases: the machine's PostgreSQL (a fresh database per file) and PGlite,
// whose first start runs initdb in WebAssembly for several seconds.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
