import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SATISFACTION_CRITERIA } from '@motcua/common';
import { PublicLookupPage } from '../pages/public-lookup-page.js';
import { expectPublicStatus, publicProcedures, receiveComplete, signInDemoOfficers } from '../support/office-api.js';
import { takeToReturnByPost } from '../support/return-dossier.js';
import { SCREENSHOT_SIZES, shoot, signedInAt, type ScreenshotSize } from '../support/screenshots.js';

/**
 * The citizen's rating of a returned dossier on the public lookup page, in Vietnamese, at a desktop
 * and a phone size, into docs/screenshots/satisfaction-*.png: the form filled in, and the thanks; then
 * the results per agency and per officer as the resolving agency's leader reads them on the reports page.
 */

const OUT_DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;
const PHONE = '0905135790';
let code: string;
/** The leader of the agency that resolves the dossier, who reads its rating. */
let leader: string;

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  mkdirSync(OUT_DIR, { recursive: true });
  const [procedure] = await publicProcedures(request);
  const officers = (await signInDemoOfficers(request)).filter(
    (officer) => officer.agency.code === procedure!.agency.code,
  );
  const receptionist = officers.find((officer) => officer.roles.includes('receptionist'))!;
  leader = officers.find((officer) => officer.roles.includes('leader'))!.username;
  code = await receiveComplete(request, receptionist, procedure!, {
    applicant: {
      fullName: 'Trần Văn Ảnh',
      idNumber: '049190006543',
      phone: PHONE,
      address: 'Thôn Tây Sơn, xã Duy Trung',
    },
  });
  await takeToReturnByPost(request, officers, code, 'EB300000001VN');
  await expectPublicStatus(request, code, 'returned');
});

for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
  test(`the rating of a returned dossier (${size})`, async ({ browser }) => {
    const { viewport, isMobile } = SIZES[size];
    const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const lookup = new PublicLookupPage(page);
    await lookup.openFromQrCode(code);
    const form = page.getByRole('form', { name: 'Đánh giá mức độ hài lòng' });
    await expect(form).toBeVisible();
    const groups = form.getByRole('radiogroup');
    for (let index = 0; index < SATISFACTION_CRITERIA.length; index += 1) {
      await groups.nth(index).getByRole('radio', { name: 'Tốt', exact: true }).check();
    }
    await form.getByRole('radio', { name: 'Rất hài lòng', exact: true }).check();
    await page.getByRole('textbox', { name: '4 số cuối số điện thoại' }).fill(PHONE.slice(-4));
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT_DIR, `satisfaction-form-citizen-${size}.png`), fullPage: true });
    if (size === 'phone') {
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await expect(page.getByRole('alert')).toContainText('Cảm ơn');
      await page.screenshot({ path: join(OUT_DIR, `satisfaction-thanks-citizen-${size}.png`) });
    }
    await context.close();
  });
}

// after the phone's rating above: the file's tests run in order
for (const size of Object.keys(SCREENSHOT_SIZES) as ScreenshotSize[]) {
  test(`the satisfaction results per agency and per officer as the leader (${size})`, async ({ browser }) => {
    const page = await signedInAt(browser, size, leader);
    if (size === 'phone') await page.getByRole('button', { name: 'Mở trình đơn' }).click();
    await page.getByRole('menuitem', { name: 'Báo cáo' }).click();
    const officers = page.getByRole('table', { name: 'Theo cán bộ tiếp nhận hồ sơ' });
    await expect(officers).toBeVisible();
    await expect(officers).not.toContainText('Chưa có phiếu đánh giá');
    // the card's heading at the top, below the app bar
    await page.locator('#report-satisfaction-title').evaluate((heading) => {
      heading.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -72);
    });
    // the app bar slides back in after a scroll up: shot once it is whole
    await expect(page.getByRole('banner')).toBeInViewport({ ratio: 1 });
    await shoot(page, `satisfaction-results-leader-${size}`);
    await page.context().close();
  });
}
