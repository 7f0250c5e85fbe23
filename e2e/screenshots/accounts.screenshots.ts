import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from '../pages/login-page.js';
import { bearer, signInOfficer } from '../support/office-api.js';
import { chooseOption } from '../support/choose-option.js';

/**
 * The account and agency administration (issue 10 part A) in Vietnamese, at a desktop and a phone
 * size, into docs/screenshots/: the accounts list, the new account form and its temporary password,
 * an account, the agency tree with its code history, an agency's form, and the forced password change.
 */

const OUT_DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;
type Size = keyof typeof SIZES;

async function signedIn(browser: Browser, size: Size, username = 'admin', password = 'demo'): Promise<Page> {
  const { viewport, isMobile } = SIZES[size];
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await new LoginPage(page).loginAs(username, password);
  return page;
}

async function fromMenu(page: Page, size: Size, item: string): Promise<void> {
  if (size === 'phone') await page.getByRole('button', { name: 'Mở trình đơn' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function shoot(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`) });
}

test.beforeAll(async ({ request }) => {
  mkdirSync(OUT_DIR, { recursive: true });
  // a merged commune, so the tree shows a code history and a successor
  const admin = await signInOfficer(request, 'admin');
  const created = await request.post('/api/agencies', {
    headers: bearer(admin),
    data: { code: 'H41.17.901', name: 'UBND xã Duy Sơn (cũ)', parentCode: '000.00.17.H41', legalRef: 'Quyết định 15/QĐ-UBND' },
  });
  if (created.status() === 201) {
    await request.patch('/api/agencies/H41.17.901', {
      headers: bearer(admin),
      data: { code: 'H41.17.902', legalRef: 'Quyết định 88/QĐ-UBND' },
    });
    await request.patch('/api/agencies/H41.17.902', {
      headers: bearer(admin),
      data: { successorCode: '000.25.17.H41', legalRef: 'Nghị quyết 1/NQ-UBTVQH' },
    });
  }
});

for (const size of Object.keys(SIZES) as Size[]) {
  test(`the account and agency administration as the province's admin (${size})`, async ({ browser }) => {
    const page = await signedIn(browser, size);
    await fromMenu(page, size, 'Tài khoản');
    await expect(page.getByRole('row').filter({ hasText: 'auditor' }).first()).toBeVisible();
    await shoot(page, `accounts-list-admin-${size}`);

    const username = `cv.anh.${size}.${Date.now().toString(36)}`;
    // a phone shows the create button floating over the list: the form is opened by its address there
    await page.goto('/#/accounts/create');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(username);
    await page.getByRole('textbox', { name: 'Họ và tên' }).fill('Nguyễn Thị Ánh');
    await chooseOption(
      page.getByRole('combobox', { name: 'Cơ quan' }),
      page.getByRole('option', { name: /UBND huyện Duy Xuyên/ }),
    );
    await page.getByRole('checkbox', { name: 'Chuyên viên', exact: true }).check();
    await shoot(page, `account-create-admin-${size}`);
    // a phone keeps the save button in a bar at the bottom of the screen: the form is sent with Enter
    await page.getByRole('textbox', { name: 'Họ và tên' }).press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Mật khẩu tạm' });
    await expect(dialog).toBeVisible();
    const temporary = (await dialog.getByRole('status', { name: 'Mật khẩu tạm' }).innerText()).trim();
    await shoot(page, `account-temporary-password-admin-${size}`);
    await dialog.getByRole('button', { name: 'Tôi đã ghi lại' }).click();
    await expect(page.getByRole('textbox', { name: 'Họ và tên' })).toHaveValue('Nguyễn Thị Ánh');
    await shoot(page, `account-edit-admin-${size}`);

    await fromMenu(page, size, 'Cơ quan');
    await expect(page.getByRole('treeitem', { name: 'UBND xã Duy Sơn (cũ)' })).toBeVisible();
    await shoot(page, `agencies-tree-admin-${size}`);
    await page.getByRole('link', { name: 'Sửa UBND huyện Duy Xuyên' }).click();
    await expect(page.getByRole('textbox', { name: 'Tên cơ quan' })).toHaveValue('UBND huyện Duy Xuyên');
    await shoot(page, `agency-edit-admin-${size}`);

    // the new officer's first sign-in: only the password change is open
    const officer = await signedIn(browser, size, username, temporary);
    await expect(officer).toHaveURL(/#\/doi-mat-khau/);
    await officer.getByLabel('Mật khẩu hiện tại (hoặc mật khẩu tạm)').fill(temporary);
    await officer.getByLabel('Mật khẩu mới', { exact: true }).fill('Password2026!');
    await officer.getByLabel('Nhập lại mật khẩu mới').fill('Password2026!');
    await officer.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(officer.getByText('là mật khẩu phổ biến')).toBeVisible();
    await shoot(officer, `password-change-forced-${size}`);
  });
}
