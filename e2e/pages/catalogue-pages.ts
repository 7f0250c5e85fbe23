import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption } from '../support/choose-option.js';

/** The public catalogue of procedures for citizens and kiosks, at /#/thu-tuc (no sign-in). */
export class PublicCataloguePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/thu-tuc');
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Tìm thủ tục theo tên, mã, lĩnh vực hoặc cơ quan' }).fill(text);
  }

  procedures(): Locator {
    return this.page.getByRole('list', { name: 'Thủ tục hành chính' }).getByRole('listitem');
  }

  /** Opens a procedure's details: documents, fees, legal basis. */
  async expand(name: string): Promise<Locator> {
    const item = this.procedures().filter({ hasText: name });
    await item.getByRole('button', { name: new RegExp(name) }).click();
    return item;
  }
}

/** The admin's catalogue: a procedure's page and its new version form. */
export class ProcedurePages {
  constructor(private readonly page: Page) {}

  async openProcedure(name: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Thủ tục hành chính' }).click();
    await this.page.getByRole('row').filter({ hasText: name }).getByRole('cell', { name, exact: true }).click();
    await expect(this.page.getByText(name).first()).toBeVisible();
  }

  versions(): Locator {
    return this.page.getByRole('table', { name: 'Các phiên bản' });
  }

  /** Adds a version whose legal basis reads `legalBasis`; the rest starts from the current version. */
  async addVersion(legalBasis: string): Promise<void> {
    await this.page.getByRole('link', { name: 'Thêm phiên bản mới' }).click();
    await this.page.getByRole('textbox', { name: 'Căn cứ pháp lý' }).fill(legalBasis);
    await this.page.getByRole('button', { name: 'Lưu' }).click();
  }
}

/** The holiday calendar: a year's days off with their reasons; the admin adds and deletes rows. */
export class CalendarPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Lịch nghỉ lễ' }).click();
  }

  async showYear(year: number): Promise<void> {
    const heading = this.page.getByRole('heading', { level: 1 });
    for (;;) {
      const shown = Number(/\d{4}/.exec(await heading.innerText())?.[0]);
      if (shown === year) return;
      await this.page.getByRole('button', { name: shown < year ? 'Năm sau' : 'Năm trước' }).click();
      await expect(heading).not.toHaveText(`Năm ${shown}`);
    }
  }

  days(): Locator {
    return this.page.getByRole('table', { name: 'Ngày nghỉ và ngày làm bù trong năm' });
  }

  rows(): Locator {
    return this.page.getByRole('table', { name: 'Ngày do quản trị viên nhập theo thông báo chính thức' });
  }

  addDayLink(): Locator {
    return this.page.getByRole('link', { name: 'Thêm ngày' });
  }

  /** The delete buttons of the admin's rows, one a row ("Xóa ngày <date>"). */
  deleteButtons(): Locator {
    return this.rows().getByRole('button', { name: /^Xóa ngày / });
  }

  /** What an admin below the province reads in place of the edit buttons. */
  provinceOnlyNotice(): Locator {
    return this.page.getByText('Lịch nghỉ lễ áp dụng chung cho toàn tỉnh: chỉ quản trị viên cấp tỉnh được thêm hoặc xóa ngày.', {
      exact: false,
    });
  }

  async addDayOff(date: string, name: string, legalRef: string): Promise<void> {
    await this.addDayLink().click();
    await expect(this.page).toHaveURL(/#\/calendar\/create/);
    // the date field alone, not the tables named "Ngày …" of the page left behind
    await this.page.getByLabel(/^Ngày\s*\*?$/).fill(date);
    await chooseOption(
      this.page.getByRole('combobox', { name: 'Loại ngày' }),
      this.page.getByRole('option', { name: 'Ngày nghỉ', exact: true }),
    );
    await this.page.getByRole('textbox', { name: 'Tên ngày nghỉ, ngày làm bù' }).fill(name);
    await this.page.getByRole('textbox', { name: 'Văn bản thông báo' }).fill(legalRef);
    await this.page.getByRole('button', { name: 'Lưu' }).click();
  }

  async deleteRow(date: string): Promise<void> {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.rows()
      .getByRole('button', { name: `Xóa ngày ${date}` })
      .click();
    await expect(this.page.getByText('Đã xóa ngày khỏi lịch')).toBeVisible();
  }
}
