import { expect, type Locator, type Page } from '@playwright/test';

/** The leader's queue of draft apologies (Mẫu 04): approve, and the appointment moves. */
export class ApologiesPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Phiếu xin lỗi' }).click();
    await expect(this.page).toHaveURL(/#\/apologies/);
  }

  /** The row of the dossier's apology. */
  row(dossierCode: string): Locator {
    return this.page.getByRole('row').filter({ hasText: dossierCode });
  }

  /** The decisions on an apology, as the buttons of its row name them. */
  decisionButtons(dossierCode: string): Locator {
    return this.row(dossierCode).getByRole('button', { name: /^(Duyệt|Không duyệt)$/ });
  }

  /** Approves the dossier's waiting apology, with a note. */
  async approve(dossierCode: string, note: string): Promise<void> {
    const row = this.row(dossierCode);
    await expect(row).toContainText('Chờ lãnh đạo duyệt');
    await row.getByRole('button', { name: 'Duyệt', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Duyệt phiếu xin lỗi và hẹn lại ngày trả' });
    await dialog.getByRole('textbox', { name: 'Ý kiến của lãnh đạo' }).fill(note);
    await dialog.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await expect(this.page.getByText('Đã duyệt: ngày hẹn trả mới đã được thông báo cho công dân')).toBeVisible();
  }
}
