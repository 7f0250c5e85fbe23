import { defineConfig } from '@playwright/test';
import config from './playwright.config.js';

/**
 * The screenshots of the officers' pages in docs/screenshots/, at a desktop and a phone size, made
 * against the same stack as the journeys (`npx playwright test -c playwright.screenshots.config.ts`).
 * They assert nothing: `npm test` runs ./tests only.
 */
export default defineConfig({
  ...config,
  testDir: './screenshots',
  testMatch: '*.screenshots.ts',
  timeout: 300_000,
  use: { ...config.use, trace: 'off', screenshot: 'off' },
});
