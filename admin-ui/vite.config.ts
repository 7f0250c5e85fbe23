/// <reference types="vitest/config" />
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Builds the officers' UI and the public lookup page into dist/, which the API server serves at /.
 * In development the API runs on its own port; the proxy keeps the browser on one origin, as in production.
 */
export default defineConfig({
  plugins: [react()],
  // @motcua/common from its TypeScript sources, not from its compiled dist/ (see its package.json exports)
  resolve: { conditions: ['@motcua/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@motcua/source', ...defaultServerConditions] } },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
  build: {
    outDir: 'dist',
    // The designer (bpmn-js, its properties panel, element templates, token simulation) is one lazily
    // loaded chunk that only admins fetch; the warning threshold is set just above it.
    chunkSizeWarningLimit: 2400,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
