import { expect, type Locator, type Page } from '@playwright/test';

/** An officer's work list: claim, complete (with a decision for the leader), unclaim. */
export class TasksPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Công việc' }).click();
  }

  /** The row of the task for this dossier; the list is reloaded until the task has arrived. */
  async rowFor(dossierCode: string, taskName: string): Promise<Locator> {
    const row = this.page.getByRole('row').filter({ hasText: dossierCode }).filter({ hasText: taskName });
    await expect(async () => {
      await this.page.reload();
      await expect(row).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 60_000 });
    return row;
  }

  async claim(dossierCode: string, taskName: string): Promise<Locator> {
    const row = await this.rowFor(dossierCode, taskName);
    await row.getByRole('button', { name: 'Nhận xử lý' }).click();
    await expect(this.page.getByText('Đã nhận xử lý công việc')).toBeVisible();
    return row;
  }

  async complete(row: Locator, input: { comment: string; decision?: 'Phê duyệt' | 'Chuyển lại thẩm định' }): Promise<void> {
    await row.getByRole('button', { name: 'Hoàn thành' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Hoàn thành công việc' });
    if (input.decision) await dialog.getByRole('radio', { name: input.decision }).check();
    await dialog.getByRole('textbox', { name: 'Ý kiến xử lý' }).fill(input.comment);
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(this.page.getByText('Đã hoàn thành công việc')).toBeVisible();
  }
}
