import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from '../pages/login-page.js';
import { ProcessDesignerPage } from '../pages/process-designer-page.js';
import { tokenFor } from '../support/api.js';

/**
 * The process designer's pages (issue 9 part B), in the Vietnamese UI at a desktop and a phone size,
 * into docs/screenshots/designer-<page>-<size>.png: a new process from the template, a step edited
 * through its template, the simulation, and the version list with the comparison of two versions.
 * The process they show is made here over the API from the designer's template.
 */
const OUT_DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const TEMPLATE = readFileSync(
  join(import.meta.dirname, '..', '..', 'admin-ui', 'src', 'processes', 'templates', 'new-procedure.bpmn'),
  'utf8',
);
const KEY = `anh-chup-thiet-ke-${Date.now().toString(36)}`;
const SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;
type Size = keyof typeof SIZES;

async function signedIn(browser: Browser, size: Size): Promise<Page> {
  const { viewport, isMobile } = SIZES[size];
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await new LoginPage(page).loginAs('admin');
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`) });
}

test.beforeAll(async ({ request }) => {
  mkdirSync(OUT_DIR, { recursive: true });
  const token = await tokenFor(request, 'admin');
  const headers = { authorization: `Bearer ${token}` };
  const xml = TEMPLATE.replaceAll('new-procedure', KEY).replace('name="Thủ tục mới"', 'name="Cấp phép biển quảng cáo"');
  for (const [budget, comment] of [
    ['1.5d', 'ban hành lần đầu'],
    ['1d', 'rút ngắn thẩm định còn 1 ngày'],
  ] as const) {
    const response = await request.post('/api/processes', {
      headers,
      data: { xml: xml.replace('name="budget" value="1.5d"', `name="budget" value="${budget}"`), comment },
    });
    expect(response.status(), await response.text()).toBe(201);
  }
});

for (const size of Object.keys(SIZES) as Size[]) {
  test(`the designer's pages (${size})`, async ({ browser }) => {
    const page = await signedIn(browser, size);
    const designer = new ProcessDesignerPage(page);

    await page.goto('/#/processes/new');
    await expect(page.getByLabel('Mã quy trình')).toBeVisible();
    await page.getByLabel('Mã quy trình').fill('cap-phep-bien-quang-cao');
    await page.getByLabel('Tên quy trình').fill('Cấp phép biển quảng cáo');
    await shoot(page, `designer-new-from-template-${size}`);

    await page.goto(`/#/processes/${KEY}/edit`);
    await expect(designer.canvas().locator('[data-element-id="appraisal"]').first()).toBeVisible();
    await designer.select('appraisal');
    await designer.openGroup('Thuộc tính của bước');
    await shoot(page, `designer-step-template-${size}`);

    await designer.simulate(true);
    await designer.canvas().locator('[data-element-id="received"]').first().hover();
    // the start event's own simulation button (its overlays are kept under the element's id)
    await designer
      .canvas()
      .locator('[data-container-id="received"]')
      .getByTitle('Trigger Event')
      .dispatchEvent('click');
    await page.waitForTimeout(1500);
    await shoot(page, `designer-simulation-${size}`);

    await page.goto(`/#/processes/${KEY}/versions`);
    await expect(page.getByRole('status').filter({ hasText: /sửa|giống nhau/ })).toBeVisible();
    await shoot(page, `designer-versions-compare-${size}`);
    await page.screenshot({ path: join(OUT_DIR, `designer-versions-compare-full-${size}.png`), fullPage: true });
  });
}
