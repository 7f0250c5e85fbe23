import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LoginPage } from '../pages/login-page.js';

/**
 * The reconciler's findings for the admins (issue 8 part D) in Vietnamese, at a desktop and a phone
 * size, into docs/screenshots/: the open findings after a pass run from the page, and the resolved ones.
 */
const OUT_DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;

test.beforeAll(() => mkdirSync(OUT_DIR, { recursive: true }));

for (const [size, { viewport, isMobile }] of Object.entries(SIZES)) {
  test(`the reconciliation page as the province's admin (${size})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await new LoginPage(page).loginAs('admin', 'demo');
    if (isMobile) await page.getByRole('button', { name: 'Mở trình đơn' }).click();
    await page.getByRole('menuitem', { name: 'Đối soát tiến trình' }).click();
    await page.getByRole('button', { name: 'Đối soát ngay' }).click();
    await expect(page.getByText(/Đã đối soát/)).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await page.screenshot({ path: join(OUT_DIR, `reconciliation-open-${size}.png`) });
    await page.goto(`/#/reconciliation?filter=${encodeURIComponent('{"state":"resolved"}')}`);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await page.screenshot({ path: join(OUT_DIR, `reconciliation-resolved-${size}.png`) });
    await context.close();
  });
}
