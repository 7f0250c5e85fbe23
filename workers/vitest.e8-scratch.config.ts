import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
export default defineConfig({
  ssr: { resolve: { conditions: ['@motcua/source', ...defaultServerConditions] } },
  test: { include: ['test/cluster/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 900_000 },
});
