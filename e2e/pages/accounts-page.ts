import { expect, type Page } from '@playwright/test';
import { chooseOption } from '../support/choose-option.js';

/** What the admin enters for a new officer. */
export interface NewOfficer {
  username: string;
  fullName: string;
  /** The agency as the select offers it (its name). */
  agencyName: string;
  /** The roles as the form labels them, e.g. "Chuyên viên". */
  roles: readonly string[];
}

/** The admin's accounts pages: the list, the creation form and the temporary password shown once. */
export class AccountsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Tài khoản' }).click();
    await expect(this.page).toHaveURL(/#\/accounts/);
  }

  /** Creates the account and returns the temporary password the dialog shows once. */
  async create(officer: NewOfficer): Promise<string> {
    await this.page.getByRole('link', { name: 'Thêm mới' }).click();
    await this.page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(officer.username);
    await this.page.getByRole('textbox', { name: 'Họ và tên' }).fill(officer.fullName);
    await chooseOption(
      this.page.getByRole('combobox', { name: 'Cơ quan' }),
      this.page.getByRole('option', { name: officer.agencyName }),
    );
    for (const role of officer.roles) await this.page.getByRole('checkbox', { name: role, exact: true }).check();
    await this.page.getByRole('button', { name: 'Lưu' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Mật khẩu tạm' });
    const password = (await dialog.getByRole('status', { name: 'Mật khẩu tạm' }).innerText()).trim();
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await dialog.getByRole('button', { name: 'Tôi đã ghi lại' }).click();
    await expect(dialog).toBeHidden();
    return password;
  }
}

/** The page where an officer changes their password; forced while the password is temporary. */
export class ChangePasswordPage {
  constructor(private readonly page: Page) {}

  async expectForced(): Promise<void> {
    await expect(this.page).toHaveURL(/#\/doi-mat-khau/);
    await expect(this.page.getByText('Bạn đang dùng mật khẩu tạm')).toBeVisible();
  }

  async change(current: string, next: string, confirmation = next): Promise<void> {
    await this.page.getByLabel('Mật khẩu hiện tại (hoặc mật khẩu tạm)').fill(current);
    await this.page.getByLabel('Mật khẩu mới', { exact: true }).fill(next);
    await this.page.getByLabel('Nhập lại mật khẩu mới').fill(confirmation);
    await this.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  }
}
