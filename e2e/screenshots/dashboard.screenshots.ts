import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  bearer,
  claimTask,
  nextOpenTask,
  publicProcedures,
  receiveComplete,
  signInOfficer,
} from '../support/office-api.js';
import { SCREENSHOT_DIR, SCREENSHOT_SIZES, signedInAt, type ScreenshotSize } from '../support/screenshots.js';

/**
 * The leader's dashboard (Bảng điều khiển), the page a leader opens on signing in, as the district's
 * leader sees it in Vietnamese, at a desktop and a phone size, into docs/screenshots/dashboard-*.png.
 * Two dossiers are received first, one entered back forty days after an outage (so it is overdue),
 * and the specialist claims the other's first step, so every part of the page has something to show.
 */

async function leaderOnDashboard(browser: Browser, size: ScreenshotSize): Promise<Page> {
  const page = await signedInAt(browser, size, 'leader');
  // the leader's first menu entry, so the page signing in opens
  await expect(page).toHaveURL(/#\/dashboard/);
  await expect(page.getByRole('heading', { name: 'Bảng điều khiển', level: 1 })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  return page;
}

test.beforeAll(async ({ request }) => {
  const [receptionist, specialist] = await Promise.all([
    signInOfficer(request, 'receptionist'),
    signInOfficer(request, 'specialist'),
  ]);
  const permit = (await publicProcedures(request)).find((procedure) => procedure.code === '1.009994');
  if (!permit) throw new Error('the catalogue lacks the construction permit');
  const documents = permit.requiredDocuments.map(({ name, originals, copies }) => ({ name, originals, copies }));
  const late = await request.post('/api/dossiers', {
    headers: bearer(receptionist),
    data: {
      procedureCode: permit.code,
      outcome: 'complete',
      documents,
      applicant: {
        fullName: 'Trương Thị Mười',
        idNumber: '049190007777',
        phone: '0905777888',
        address: 'Thôn Mỹ Phước, xã Duy Phước, huyện Duy Xuyên',
      },
      backEntry: {
        receivedAt: new Date(Date.now() - 40 * 24 * 3_600_000).toISOString(),
        reason: 'Mất điện toàn huyện, tiếp nhận thủ công',
      },
    },
  });
  expect(late.status(), await late.text()).toBe(201);
  const code = await receiveComplete(request, receptionist, permit, {
    applicant: {
      fullName: 'Nguyễn Văn Hòa',
      idNumber: '049190006666',
      phone: '0905666777',
      address: 'Khối phố Long Xuyên, thị trấn Nam Phước, huyện Duy Xuyên',
    },
  });
  const { task } = await nextOpenTask(request, [specialist], code, new Set());
  await claimTask(request, specialist, task);
});

for (const size of Object.keys(SCREENSHOT_SIZES) as ScreenshotSize[]) {
  test(`the leader's dashboard (${size})`, async ({ browser }) => {
    const page = await leaderOnDashboard(browser, size);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-leader-${size}.png`) });

    await page.locator('#dashboard-nearly-due-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-due-lists-leader-${size}.png`) });

    await page.locator('#dashboard-trend-title').scrollIntoViewIfNeeded();
    await expect(page.getByRole('img', { name: /Biểu đồ số hồ sơ/ })).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-trend-leader-${size}.png`) });

    await page.locator('#dashboard-workload-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-workload-leader-${size}.png`) });

    await page.context().close();
  });
}
