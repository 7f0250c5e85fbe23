import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { TaskList } from '@motcua/common';
import { ApologiesPage } from '../pages/apologies-page.js';
import { CalendarPage } from '../pages/catalogue-pages.js';
import { LoginPage, type DemoUser } from '../pages/login-page.js';
import { ProcessEditorPage } from '../pages/process-editor-page.js';
import { TasksPage } from '../pages/tasks-page.js';
import {
  bearer,
  dossierWithLeader,
  draftApology,
  publicProcedures,
  receiveComplete,
  signInOfficer,
} from '../support/office-api.js';
import { chooseOption } from '../support/choose-option.js';

/**
 * The pages changed in December 2026, in the Vietnamese UI, at a desktop and a phone size, into
 * docs/screenshots/<page>-<who>-<size>.png. Each page is shown with data the stack makes here (over
 * the API, as the journeys do); two states that need a broken diagram or another agency's process
 * are shown by rewriting one API answer in the browser, and their file names say so.
 */

const OUT_DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;
type Size = keyof typeof SIZES;

/** More tasks than one page of the work list shows (10 a page by default). */
const WANTED_TASKS = 12;
const PERMIT = '1.009994';

async function signedIn(browser: Browser, user: DemoUser, size: Size): Promise<Page> {
  const { viewport, isMobile } = SIZES[size];
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await new LoginPage(page).loginAs(user);
  return page;
}

/** Opens a page from the main menu, which a phone keeps behind the menu button. */
async function fromMenu(page: Page, size: Size, open: () => Promise<void>): Promise<void> {
  if (size === 'phone') await page.getByRole('button', { name: 'Mở trình đơn' }).click();
  await open();
}

async function shoot(page: Page, name: string): Promise<void> {
  // nothing still loading, no notification fading out
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`) });
}

test.beforeAll(async ({ request }) => {
  mkdirSync(OUT_DIR, { recursive: true });
  const [receptionist, specialist, leader] = await Promise.all([
    signInOfficer(request, 'receptionist'),
    signInOfficer(request, 'specialist'),
    signInOfficer(request, 'leader'),
  ]);
  const permit = (await publicProcedures(request)).find((procedure) => procedure.code === PERMIT);
  if (!permit) throw new Error(`the catalogue lacks ${PERMIT}`);

  // a work list longer than a page
  const listed = await request.get('/api/tasks?perPage=1', { headers: bearer(specialist) });
  const { total } = (await listed.json()) as TaskList;
  for (let index = total; index < WANTED_TASKS; index += 1) {
    await receiveComplete(request, receptionist, permit, {
      applicant: {
        fullName: ['Nguyễn Văn Bình', 'Trần Thị Lan', 'Phạm Minh Tuấn', 'Lê Thị Hồng'][index % 4] as string,
        idNumber: `04919001${String(index).padStart(4, '0')}`,
        phone: '0905123123',
        address: 'Thôn Mỹ Phước, xã Duy Hòa, huyện Duy Xuyên',
      },
    });
  }

  // an apology the leader drafted, waiting for another leader
  const apologies = await request.get('/api/apologies?status=draft', { headers: bearer(leader) });
  const drafts = ((await apologies.json()) as { data: { draftedBy: { username: string } }[] }).data;
  if (!drafts.some((apology) => apology.draftedBy.username === leader.username)) {
    const { code } = await dossierWithLeader(request, { receptionist, specialist, leader }, permit, {
      fullName: 'Lê Thị Kim Oanh',
      idNumber: '049190005556',
      phone: '0905333444',
      address: 'Thôn Mỹ Phước, xã Duy Hòa, huyện Duy Xuyên',
    });
    await draftApology(request, leader, code, 'Cần xác minh thêm ranh giới thửa đất với địa phương');
  }
});

for (const size of Object.keys(SIZES) as Size[]) {
  test(`the dossiers' list, a card per dossier on a phone, and the procedures' table scrolling inside the page (${size})`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, 'receptionist', size);
    await page.goto('/#/dossiers');
    await expect(
      size === 'phone' ? page.getByRole('listitem').first() : page.locator('tr.RaDatagrid-clickableRow').first(),
    ).toBeVisible();
    await shoot(page, `dossier-list-receptionist-${size}`);
    await page.goto('/#/procedures');
    await expect(page.locator('tr.RaDatagrid-clickableRow').first()).toBeVisible();
    await shoot(page, `procedure-list-receptionist-${size}`);
    await page.context().close();
  });

  test(`the work list of a specialist, paged and filtered (${size})`, async ({ browser }) => {
    const page = await signedIn(browser, 'specialist', size);
    const tasks = new TasksPage(page);
    await fromMenu(page, size, () => tasks.open());
    // a table on a desktop, a card per task on a phone
    await expect(size === 'phone' ? page.getByRole('listitem').first() : page.getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByText(/\d+-\d+ trên \d+/)).toBeVisible();
    await shoot(page, `tasks-specialist-${size}`);

    await chooseOption(
      page.getByRole('combobox', { name: 'Phân công' }),
      page.getByRole('option', { name: 'Việc chờ nhận' }),
    );
    await expect(page).toHaveURL(/claimable/);
    await shoot(page, `tasks-specialist-filtered-claimable-${size}`);
    await page.context().close();
  });

  test(`the work list's notice of a process whose steps cannot be read, answer rewritten (${size})`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, 'specialist', size);
    await page.route('**/api/tasks?*', async (route) => {
      const response = await route.fetch();
      const list = (await response.json()) as TaskList;
      const broken = list.data.slice(0, 2).map((task) => task.id);
      list.problems = [
        { processDefinitionId: 'house-construction-permit:7:0c1d', message: 'cannot read the steps', taskIds: broken },
      ];
      await route.fulfill({ response, json: list });
    });
    const tasks = new TasksPage(page);
    await fromMenu(page, size, () => tasks.open());
    await expect(page.getByRole('alert')).toContainText('không đọc được các bước');
    await shoot(page, `tasks-unreadable-process-notice-rewritten-${size}`);
    await page.context().close();
  });

  for (const [user, who] of [
    ['admin', 'province-admin'],
    ['xa.admin', 'commune-admin'],
  ] as const) {
    test(`the holiday calendar as the ${who} (${size})`, async ({ browser }) => {
      const page = await signedIn(browser, user, size);
      const calendar = new CalendarPage(page);
      await fromMenu(page, size, () => calendar.open());
      await expect(calendar.days()).toBeVisible();
      if (user === 'admin') await expect(calendar.addDayLink()).toBeVisible();
      else await expect(calendar.provinceOnlyNotice()).toBeVisible();
      await shoot(page, `calendar-${who}-${size}`);
      await page.context().close();
    });
  }

  test(`the apologies as the leader who drafted one (${size})`, async ({ browser }) => {
    const page = await signedIn(browser, 'leader', size);
    const apologies = new ApologiesPage(page);
    await fromMenu(page, size, () => apologies.open());
    await expect(page.getByText('Phiếu do bạn soạn: một lãnh đạo khác của cơ quan sẽ duyệt.').first()).toBeVisible();
    await shoot(page, `apologies-drafting-leader-${size}`);
    await page.context().close();
  });

  test(`the process editor refusing another agency's process, answer rewritten (${size})`, async ({ browser }) => {
    const page = await signedIn(browser, 'admin', size);
    await page.route('**/api/processes', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fulfill({
        status: 403,
        json: {
          statusCode: 403,
          error: 'Forbidden',
          message: 'process house-construction-permit belongs to an agency outside yours',
        },
      });
    });
    const editor = new ProcessEditorPage(page);
    await fromMenu(page, size, () => editor.openFromProcedures('Cấp giấy phép xây dựng đối với nhà ở riêng lẻ'));
    await page.getByRole('button', { name: 'Lưu và triển khai' }).click();
    await expect(page.getByText('Quy trình này thuộc một cơ quan khác')).toBeVisible();
    await page.screenshot({ path: join(OUT_DIR, `process-deploy-refused-rewritten-${size}.png`) });
    await page.context().close();
  });
}
