import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from '../pages/login-page.js';
import { publicProcedures, receiveComplete, signInOfficer } from '../support/office-api.js';

/**
 * The reports page's statistics (Biểu 06), a figure's dossiers and the Decision 766 index, as the
 * district's leader sees them in Vietnamese, at a desktop and a phone size, into
 * docs/screenshots/statistics-*.png. A dossier is received first so the month has figures.
 */

const OUT_DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;

async function leaderOnReports(browser: Browser, size: keyof typeof SIZES): Promise<Page> {
  const { viewport, isMobile } = SIZES[size];
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await new LoginPage(page).loginAs('leader');
  if (size === 'phone') await page.getByRole('button', { name: 'Mở trình đơn' }).click();
  await page.getByRole('menuitem', { name: 'Báo cáo' }).click();
  await expect(page.getByRole('table', { name: /UBND huyện Duy Xuyên, từ/ })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  return page;
}

test.beforeAll(async ({ request }) => {
  mkdirSync(OUT_DIR, { recursive: true });
  const receptionist = await signInOfficer(request, 'receptionist');
  const permit = (await publicProcedures(request)).find((procedure) => procedure.code === '1.009994');
  if (!permit) throw new Error('the catalogue lacks the construction permit');
  await receiveComplete(request, receptionist, permit, {
    applicant: {
      fullName: 'Huỳnh Văn Kê',
      idNumber: '049190008888',
      phone: '0905888999',
      address: 'Thôn Đông, xã Duy Hòa, huyện Duy Xuyên',
    },
  });
});

for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
  test(`the statistics, a figure's dossiers and the 766 index as the leader (${size})`, async ({ browser }) => {
    const page = await leaderOnReports(browser, size);
    const statistics = page.locator('#report-statistics-title').locator('xpath=ancestor::section[1]');
    await statistics.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT_DIR, `statistics-leader-${size}.png`) });

    // a phone's app bar slides in and out while the page scrolls: the click is dispatched, not aimed
    await page.getByRole('button', { name: 'Tổng số nhận giải quyết: Tổng cộng' }).dispatchEvent('click');
    await expect(page.getByRole('dialog').getByRole('link').first()).toBeVisible();
    await page.screenshot({ path: join(OUT_DIR, `statistics-figure-dossiers-leader-${size}.png`) });
    await page.getByRole('button', { name: 'Đóng' }).dispatchEvent('click');

    await page.locator('#report-index-766-title').scrollIntoViewIfNeeded();
    await expect(page.getByRole('table', { name: /Điểm các chỉ tiêu/ })).toBeVisible();
    await page.screenshot({ path: join(OUT_DIR, `index-766-leader-${size}.png`) });
    await page.context().close();
  });
}
