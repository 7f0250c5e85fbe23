import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ProcessDesignerPage } from '../pages/process-designer-page.js';
import { tokenFor } from '../support/api.js';
import { SCREENSHOT_DIR, SCREENSHOT_SIZES, shoot, signedInAt, type ScreenshotSize } from '../support/screenshots.js';

/**
 * The process designer's pages (issue 9 part B), in the Vietnamese UI at a desktop and a phone size,
 * into docs/screenshots/designer-<page>-<size>.png: a new process from the template, a step edited
 * through its template, the simulation, and the version list with the comparison of two versions.
 * The process they show is made here over the API from the designer's template.
 */
const TEMPLATE = readFileSync(
  join(import.meta.dirname, '..', '..', 'admin-ui', 'src', 'processes', 'templates', 'new-procedure.bpmn'),
  'utf8',
);
const KEY = `anh-chup-thiet-ke-${Date.now().toString(36)}`;
test.beforeAll(async ({ request }) => {
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

for (const size of Object.keys(SCREENSHOT_SIZES) as ScreenshotSize[]) {
  test(`the designer's pages (${size})`, async ({ browser }) => {
    const page = await signedInAt(browser, size, 'admin');
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
      .getByTitle('Kích hoạt sự kiện')
      .dispatchEvent('click');
    await page.waitForTimeout(1500);
    await shoot(page, `designer-simulation-${size}`);

    await page.goto(`/#/processes/${KEY}/versions`);
    await expect(page.getByRole('status').filter({ hasText: /sửa|giống nhau/ })).toBeVisible();
    await shoot(page, `designer-versions-compare-${size}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `designer-versions-compare-full-${size}.png`), fullPage: true });
  });
}
