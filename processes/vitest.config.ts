import { defineConfig } from 'vitest/config';

/**
 * The *.integration.test.ts files each start the engine jar: they run one after another so that two
 * engines never share the machine.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
