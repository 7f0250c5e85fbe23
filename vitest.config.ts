import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Repository-level checks (deployment files, documentation, the production build, the stack as
 * `npm start` runs it); each workspace has its own config. The files run one after another: several
 * start JVMs or install packages, and the machine's cores are shared.
 */
export default defineConfig({
  // our workspaces from their TypeScript sources, not from their compiled dist/ (see package.json exports)
  ssr: { resolve: { conditions: ['@motcua/source', ...defaultServerConditions] } },
  test: { include: ['test/**/*.test.ts'], fileParallelism: false },
});
