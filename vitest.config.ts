import { defineConfig } from 'vitest/config';

/** Repository-level checks (deployment files, documentation); each workspace has its own config. */
export default defineConfig({
  test: { include: ['test/**/*.test.ts'] },
});
