import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { LoginPage } from '../pages/login-page.js';

/** Where the screenshot scripts write: docs/screenshots/<name>.png. */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** The two sizes every page is shown at: a laptop and a phone. */
export const SCREENSHOT_SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;
export type ScreenshotSize = keyof typeof SCREENSHOT_SIZES;

/** A new page at the size, signed in as the demo account. */
export async function signedInAt(browser: Browser, size: ScreenshotSize, username: string): Promise<Page> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const { viewport, isMobile } = SCREENSHOT_SIZES[size];
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await new LoginPage(page).loginAs(username);
  return page;
}

/** The page as it is once nothing is loading, into SCREENSHOT_DIR/<name>.png. */
export async function shoot(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
