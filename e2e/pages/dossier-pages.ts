import { expect, type Locator, type Page } from '@playwright/test';

export interface ApplicantInput {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
}

/** Reception: the dossier list, the create form and the dossier page. */
export class DossierPages {
  constructor(private readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Hồ sơ' }).click();
  }

  async openCreateForm(): Promise<void> {
    await this.openList();
    await this.page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
  }

  async chooseProcedure(name: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Thủ tục hành chính' }).click();
    await this.page.getByRole('option', { name }).click();
  }

  field(label: string): Locator {
    return this.page.getByRole('textbox', { name: label });
  }

  async fillApplicant(applicant: ApplicantInput): Promise<void> {
    await this.field('Họ và tên người nộp').fill(applicant.fullName);
    await this.field('Số CCCD/CMND').fill(applicant.idNumber);
    await this.field('Số điện thoại').fill(applicant.phone);
    await this.field('Địa chỉ').fill(applicant.address);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lưu' }).click();
  }

  /** On the dossier page: its code, the level-1 heading. */
  async shownCode(): Promise<string> {
    const heading = this.page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(/^[0-9A-Z.]+-\d{6}-\d{4,}$/);
    return (await heading.innerText()).trim();
  }

  appointment(): Locator {
    return this.page.getByRole('status', { name: 'Ngày hẹn trả' });
  }

  async openDossier(code: string): Promise<void> {
    await this.openList();
    await this.page.getByRole('cell', { name: code }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: code })).toBeVisible();
  }

  historySteps(): Locator {
    return this.page.getByRole('table', { name: 'Các bước xử lý' });
  }

  historyEvents(): Locator {
    return this.page.getByRole('table', { name: 'Nhật ký hồ sơ' });
  }
}
