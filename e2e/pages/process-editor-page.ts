import { expect, type Page } from '@playwright/test';

/** The admin's bpmn-js editor for a procedure's process. */
export class ProcessEditorPage {
  constructor(private readonly page: Page) {}

  async openFromProcedures(procedureName: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Thủ tục hành chính' }).click();
    const row = this.page.getByRole('row').filter({ hasText: procedureName });
    await row.getByRole('link', { name: 'Sửa quy trình' }).click();
    await expect(this.canvas().locator('svg').first()).toBeVisible();
  }

  canvas() {
    return this.page.getByRole('region', { name: 'Sơ đồ quy trình' });
  }

  /** Adds a task from the palette at a free spot of the canvas (below the drawn flow). */
  async addTask(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create task', exact: true }).click();
    const box = await this.canvas().boundingBox();
    if (!box) throw new Error('the diagram canvas is not visible');
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height - 60);
  }

  /** Saves and deploys; returns the version number the notification announces. */
  async deploy(): Promise<number> {
    await this.page.getByRole('button', { name: 'Lưu và triển khai' }).click();
    const notice = this.page.getByText(/Đã triển khai quy trình .+, phiên bản \d+/);
    await expect(notice).toBeVisible();
    return Number(/phiên bản (\d+)/.exec(await notice.innerText())?.[1]);
  }
}
