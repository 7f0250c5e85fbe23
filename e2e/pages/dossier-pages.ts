import { expect, type Locator, type Page } from '@playwright/test';
import { pdfText } from '../support/pdf.js';
import { chooseOption } from '../support/choose-option.js';

export interface ApplicantInput {
  fullName: string;
  idNumber: string;
  phone: string;
  address: string;
  email?: string;
}

/** The outcomes of the reception check, as the form words them. */
export const RECEPTION_OUTCOMES = {
  complete: 'Hồ sơ đầy đủ, hợp lệ: tiếp nhận và hẹn trả kết quả',
  incomplete: 'Hồ sơ chưa đầy đủ: hướng dẫn bổ sung, hoàn thiện',
  refused: 'Từ chối tiếp nhận hồ sơ',
} as const;

/** The standard forms, as their buttons on the dossier page name them. */
export const FORMS = {
  receipt: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)',
  supplementRequest: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)',
  refusal: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)',
  apology: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)',
  controlSheet: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
} as const;

/** Reception: the dossier list, the reception form and the dossier page with its forms and actions. */
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
    await chooseOption(
      this.page.getByRole('combobox', { name: 'Thủ tục hành chính' }),
      this.page.getByRole('option', { name }),
    );
  }

  /** The checklist of the chosen procedure's documents. */
  checklist(): Locator {
    return this.page.getByRole('table', { name: 'Thành phần hồ sơ' });
  }

  /** Ticks the documents handed in, by name; without names, every mandatory one. */
  async tickDocuments(names?: readonly string[]): Promise<void> {
    const checklist = this.checklist();
    await expect(checklist).toBeVisible();
    const rows = names
      ? names.map((name) => checklist.getByRole('row').filter({ hasText: name }))
      : await checklist.getByRole('row').filter({ hasText: 'Bắt buộc' }).all();
    for (const row of rows) await row.getByRole('checkbox').check();
  }

  field(label: string | RegExp): Locator {
    return this.page.getByRole('textbox', { name: label });
  }

  async fillApplicant(applicant: ApplicantInput): Promise<void> {
    await this.field('Họ và tên người nộp').fill(applicant.fullName);
    await this.field('Số CCCD/CMND').fill(applicant.idNumber);
    await this.field('Số điện thoại').fill(applicant.phone);
    if (applicant.email) await this.field('Thư điện tử').fill(applicant.email);
    // "Địa chỉ" alone: not the postal address for the result
    await this.field(/^Địa chỉ\s*\*?$/).fill(applicant.address);
  }

  /** The result sent by post, to this address. */
  async deliverByPost(address: string): Promise<void> {
    await this.page.getByRole('radio', { name: 'Qua dịch vụ bưu chính' }).check();
    await this.field('Địa chỉ nhận kết quả qua bưu chính').fill(address);
  }

  async chooseOutcome(outcome: keyof typeof RECEPTION_OUTCOMES): Promise<void> {
    await this.page.getByRole('radio', { name: RECEPTION_OUTCOMES[outcome] }).check();
  }

  /** The supplement items of an incomplete dossier, in order. */
  missingItems(): Locator {
    return this.page.getByRole('textbox', { name: 'Nội dung cần bổ sung' });
  }

  async addMissingItem(text: string): Promise<void> {
    const before = await this.missingItems().count();
    await this.page.getByRole('button', { name: 'Thêm', exact: true }).click();
    await expect(this.missingItems()).toHaveCount(before + 1);
    await this.missingItems().nth(before).fill(text);
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

  /** Status and timeliness, side by side under the code. */
  state(): Locator {
    return this.page.getByRole('group', { name: 'Trạng thái' });
  }

  async openDossier(code: string): Promise<void> {
    await this.openList();
    await this.page.getByRole('cell', { name: code }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: code })).toBeVisible();
  }

  /** Reloads the dossier page until its state shows the text (the workers move dossiers asynchronously). */
  async waitForState(text: string): Promise<void> {
    await expect(async () => {
      await this.page.reload();
      await expect(this.state()).toContainText(text, { timeout: 3000 });
    }).toPass({ timeout: 60_000 });
  }

  /** Downloads a standard form from the dossier page and returns its extracted text. */
  async downloadForm(name: string): Promise<string> {
    const button = this.page.getByRole('button', { name, exact: true });
    await expect(button).toBeEnabled({ timeout: 30_000 });
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    return pdfText(download);
  }

  historySteps(): Locator {
    return this.page.getByRole('table', { name: 'Các bước xử lý' });
  }

  historyEvents(): Locator {
    return this.page.getByRole('table', { name: 'Nhật ký hồ sơ' });
  }

  /** The handler drafts an apology with the reason and the new appointment (Vietnam time, "YYYY-MM-DDTHH:mm"). */
  async draftApology(reason: string, newDueAt: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Soạn phiếu xin lỗi, hẹn lại ngày trả' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' });
    await dialog.getByRole('textbox', { name: 'Lý do chậm trễ' }).fill(reason);
    await dialog.getByLabel('Ngày hẹn trả mới').fill(newDueAt);
    await dialog.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).click();
    await expect(this.page.getByText('Đã trình lãnh đạo phiếu xin lỗi')).toBeVisible();
  }

  /** The receptionist accepts an incomplete dossier brought back complete, ticking what is now handed in. */
  async acceptCompleted(documents: readonly string[]): Promise<void> {
    await this.page.getByRole('button', { name: 'Tiếp nhận hồ sơ đã bổ sung đầy đủ' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Tiếp nhận hồ sơ đã bổ sung đầy đủ' });
    for (const name of documents) {
      await dialog.getByRole('row').filter({ hasText: name }).getByRole('checkbox').check();
    }
    await dialog.getByRole('button', { name: 'Tiếp nhận và hẹn trả kết quả' }).click();
    await expect(this.page.getByText('Đã tiếp nhận hồ sơ, thời hạn giải quyết bắt đầu tính')).toBeVisible();
  }
}
