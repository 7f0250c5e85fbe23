import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TrailPage } from '../pages/trail-page.js';
import { SCREENSHOT_DIR, SCREENSHOT_SIZES, shoot, signedInAt, type ScreenshotSize } from '../support/screenshots.js';
import { asTamperer, databaseUrl } from '../support/tamperer.js';

/**
 * "Kiểm tra chuỗi nhật ký" as the auditor sees it in Vietnamese, at a desktop and a phone size, into
 * docs/screenshots/trail-check-*.png: both chains intact, then the first broken link named after the
 * latest dossier event was edited directly in the database (put back right after).
 */

for (const size of Object.keys(SCREENSHOT_SIZES) as ScreenshotSize[]) {
  test(`the trail check, intact and broken, as the auditor (${size})`, async ({ browser }) => {
    const page = await signedInAt(browser, size, 'auditor');
    const trail = new TrailPage(page);
    await trail.openFromMenu();
    await expect(await trail.run()).toContainText('nguyên vẹn');
    await shoot(page, `trail-check-intact-auditor-${size}`);

    test.skip(!databaseUrl(), 'the broken chain needs the database of the stack (E2E_DATABASE_URL)');
    const [row] = await asTamperer<{ id: string; note: string | null }>(
      `SELECT id::text AS id, note FROM "DossierEvent" ORDER BY "chainSeq" DESC LIMIT 1`,
    );
    if (!row) throw new Error('no dossier event to edit');
    await asTamperer(`UPDATE "DossierEvent" SET note = $2 WHERE id = $1::bigint`, [row.id, 'sửa trực tiếp trong CSDL']);
    try {
      await expect(await trail.run()).toContainText('bị phá vỡ');
      if (size === 'phone') {
        // the verdict and the broken link on the phone's screen, below its app bar
        await page.getByRole('status').evaluate((verdict) => {
          verdict.scrollIntoView({ block: 'start' });
          window.scrollBy(0, -72);
        });
        await expect(page.getByRole('banner')).toBeInViewport({ ratio: 1 });
        await shoot(page, `trail-check-broken-auditor-${size}`);
      } else {
        await page.screenshot({ path: join(SCREENSHOT_DIR, `trail-check-broken-auditor-${size}.png`), fullPage: true });
      }
    } finally {
      await asTamperer(`UPDATE "DossierEvent" SET note = $2 WHERE id = $1::bigint`, [row.id, row.note]);
    }
    await expect(await trail.run()).toContainText('nguyên vẹn');
    await page.context().close();
  });
}
