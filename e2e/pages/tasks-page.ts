import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption } from '../support/choose-option.js';

/** What the officer enters when completing a task; each field only where the step asks for it. */
export interface Completion {
  comment?: string;
  /** The decision, as the dialog words it for the step. */
  decision?: string;
  /** request_supplement: every item, all at once. */
  supplementItems?: readonly string[];
  /** transfer: the partner agency's name. */
  partnerAgency?: string;
  /** return-result: how the result is handed over, and the tracking reference when by post. */
  returnMethod?: 'Tại bộ phận một cửa' | 'Qua dịch vụ bưu chính' | 'Trực tuyến';
  postalTrackingRef?: string;
}

/** The decisions of the construction permit's steps, as the completion dialog words them. */
export const DECISIONS = {
  appraised: 'Hồ sơ đạt yêu cầu, trình lãnh đạo phê duyệt',
  requestSupplement: 'Yêu cầu bổ sung hồ sơ',
  transfer: 'Chuyển cơ quan phối hợp (liên thông)',
  refuse: 'Từ chối giải quyết',
  approve: 'Phê duyệt',
  sendBack: 'Chuyển lại thẩm định',
} as const;

/** An officer's work list: claim, complete (with the step's decision and its data), unclaim. */
export class TasksPage {
  constructor(private readonly page: Page) {}

  /** Opens the work list from the menu, and waits for it: the dossier list has a "Mã hồ sơ" filter too. */
  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Công việc' }).click();
    await expect(this.page).toHaveURL(/#\/tasks/);
    await expect(this.page.getByRole('combobox', { name: 'Phân công' })).toBeVisible();
  }

  /** The row of the task for this dossier, filtered by its code (the list is paged); reloaded until the task has arrived. */
  async rowFor(dossierCode: string, taskName: string): Promise<Locator> {
    await this.page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill(dossierCode);
    // the list keeps its filter in the address, which the reloads below keep
    await this.page.waitForURL((url) => url.hash.startsWith('#/tasks') && decodeURIComponent(url.hash).includes(dossierCode));
    const row = this.page.getByRole('row').filter({ hasText: dossierCode }).filter({ hasText: taskName });
    await expect(async () => {
      await this.page.reload();
      await expect(row).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 90_000 });
    return row;
  }

  async claim(dossierCode: string, taskName: string): Promise<Locator> {
    const row = await this.rowFor(dossierCode, taskName);
    await row.getByRole('button', { name: 'Nhận xử lý' }).click();
    await expect(this.page.getByText('Đã nhận xử lý công việc')).toBeVisible();
    return row;
  }

  async complete(row: Locator, input: Completion): Promise<void> {
    await row.getByRole('button', { name: 'Hoàn thành' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Hoàn thành công việc' });
    if (input.decision) await dialog.getByRole('radio', { name: input.decision, exact: true }).check();
    for (const [index, item] of (input.supplementItems ?? []).entries()) {
      if (index > 0) await dialog.getByRole('button', { name: 'Thêm nội dung' }).click();
      await dialog.getByRole('textbox', { name: `Nội dung cần bổ sung ${index + 1}` }).fill(item);
    }
    if (input.partnerAgency) {
      await chooseOption(
        dialog.getByRole('combobox', { name: 'Cơ quan phối hợp' }),
        this.page.getByRole('option', { name: input.partnerAgency }),
      );
    }
    if (input.returnMethod) await dialog.getByRole('radio', { name: input.returnMethod }).check();
    if (input.postalTrackingRef) {
      await dialog.getByRole('textbox', { name: 'Mã vận đơn bưu chính' }).fill(input.postalTrackingRef);
    }
    if (input.comment) await dialog.getByRole('textbox', { name: 'Ý kiến xử lý' }).fill(input.comment);
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(this.page.getByText('Đã hoàn thành công việc')).toBeVisible();
  }
}
