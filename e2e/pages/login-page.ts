import { expect, type Browser, type Page } from '@playwright/test';

/**
 * The demo accounts (password "demo"), as the README lists them: the province's admin, the district's
 * officers, the commune's, and the partner agency's specialist.
 */
export const DEMO_USERS = [
  'admin',
  'receptionist',
  'specialist',
  'leader',
  'auditor',
  'xa.receptionist',
  'xa.specialist',
  'xa.leader',
  'xa.admin',
  'partner.specialist',
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/** The officers' login page. The token lives in sessionStorage, so every browser context logs in itself. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async loginAs(username: string, password = 'demo'): Promise<void> {
    await this.page.goto('/#/login');
    await this.page.getByLabel('Tên đăng nhập').fill(username);
    await this.page.getByRole('textbox', { name: 'Mật khẩu' }).fill(password);
    await this.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(this.page).not.toHaveURL(/#\/login/);
  }
}

/** A fresh browser context with one demo officer logged in; it accepts downloads (the PDF forms). */
export async function pageFor(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await new LoginPage(page).loginAs(user);
  return page;
}
