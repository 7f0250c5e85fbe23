import { expect, type Page } from '@playwright/test';

/**
 * The admin's process designer: a new process from the template, the diagram with its step
 * templates in the properties panel, simulation, drafts, deployment and the version list.
 */
export class ProcessDesignerPage {
  constructor(private readonly page: Page) {}

  /** From the catalogue, a new process from the ISO template; the designer opens on its draft. */
  async startFromTemplate(key: string, name: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Thủ tục hành chính' }).click();
    await this.page.getByRole('link', { name: 'Quy trình mới từ mẫu' }).click();
    await this.page.getByLabel('Mã quy trình').fill(key);
    await this.page.getByLabel('Tên quy trình').fill(name);
    await this.page.getByRole('button', { name: 'Bắt đầu thiết kế' }).click();
    await expect(this.page.getByText(/Đang sửa bản nháp do .+ lưu lúc/)).toBeVisible();
    // the designer's code is a large chunk loaded on demand: give a busy machine time to parse it
    await expect(this.canvas().locator('svg').first()).toBeVisible({ timeout: 90_000 });
  }

  canvas() {
    return this.page.getByRole('region', { name: 'Sơ đồ quy trình' });
  }

  panel() {
    return this.page.getByRole('complementary', { name: 'Thuộc tính' });
  }

  /** Selects a diagram element by its BPMN id (the canvas marks each shape with it). */
  async select(elementId: string): Promise<void> {
    await this.canvas().locator(`[data-element-id="${elementId}"]`).first().click();
    await expect(this.panel().getByLabel('Mã', { exact: true })).toHaveValue(elementId);
  }

  /** Opens a group of the properties panel by its title, unless the field wanted there already shows. */
  async openGroup(title: string, field = 'Thời hạn của bước'): Promise<void> {
    if (!(await this.panel().getByLabel(field, { exact: true }).isVisible())) {
      await this.panel().getByText(title, { exact: true }).first().click();
    }
  }

  /** The live lint's button, which says how many problems the diagram has. */
  lint() {
    return this.canvas().getByRole('button', { name: /lỗi/ });
  }

  /** Adds a task from the palette at a free spot of the canvas (its top right corner); it stays selected. */
  async addTask(): Promise<void> {
    await this.page.getByRole('button', { name: 'Tạo bước xử lý', exact: true }).click();
    const box = await this.canvas().boundingBox();
    if (!box) throw new Error('the diagram canvas is not visible');
    await this.page.mouse.click(box.x + box.width - 90, box.y + 50);
  }

  /** Drops the unsaved edits: the designer opens the saved draft again. */
  async discardEdits(): Promise<void> {
    await this.page.reload();
    await expect(this.canvas().locator('[data-element-id="appraisal"]').first()).toBeVisible({ timeout: 90_000 });
  }

  /** Types a value into a field of the step template, and leaves it so the panel writes it. */
  async fill(label: string, value: string): Promise<void> {
    const field = this.panel().getByLabel(label, { exact: true });
    await field.fill(value);
    await field.press('Tab');
  }

  /** Picks a choice of a dropdown of the step template by its Vietnamese name. */
  async choose(label: string, choice: string): Promise<void> {
    await this.panel().getByLabel(label, { exact: true }).selectOption({ label: choice });
  }

  async simulate(on: boolean): Promise<void> {
    const toggle = this.page
      .getByRole('switch', { name: 'Mô phỏng luồng hồ sơ' })
      .or(this.page.getByRole('checkbox', { name: 'Mô phỏng luồng hồ sơ' }));
    if ((await toggle.isChecked()) !== on) await toggle.click();
    await expect(toggle).toBeChecked({ checked: on });
  }

  async saveDraft(comment: string): Promise<void> {
    await this.page.getByLabel('Ghi chú thay đổi').fill(comment);
    await this.page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(this.page.getByText(/Đã lưu bản nháp quy trình/)).toBeVisible();
  }

  /** Deploys with a comment through the confirmation; returns the version the notification announces. */
  async deploy(comment: string): Promise<number> {
    await this.page.getByLabel('Ghi chú thay đổi').fill(comment);
    await this.page.getByRole('button', { name: 'Lưu và triển khai' }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toContainText('Hồ sơ tiếp nhận từ bây giờ chạy theo phiên bản mới');
    await dialog.getByRole('button', { name: 'Lưu và triển khai' }).click();
    const notice = this.page.getByText(/Đã triển khai quy trình .+, phiên bản \d+/);
    await expect(notice).toBeVisible();
    const version = Number(/phiên bản (\d+)/.exec(await notice.innerText())?.[1]);
    await expect(notice).toBeHidden({ timeout: 20_000 });
    return version;
  }

  async openVersions(): Promise<void> {
    await this.page.getByRole('link', { name: 'Các phiên bản' }).click();
    await expect(this.page.getByRole('table', { name: 'Các phiên bản' })).toBeVisible();
  }
}
