import { expect, type Locator, type Page } from '@playwright/test';

/** The chained tables as the page names them. */
export const CHAIN_NAMES = { DossierEvent: 'Nhật ký sự kiện hồ sơ', AuditLog: 'Nhật ký hệ thống' } as const;

/** "Kiểm tra chuỗi nhật ký": the auditor's check of the tamper-evident trail. */
export class TrailPage {
  constructor(private readonly page: Page) {}

  /** Opens the page from the menu, as the auditor finds it (on a phone, the menu is opened first). */
  async openFromMenu(): Promise<void> {
    const toggle = this.page.getByRole('button', { name: /^(Mở|Đóng) trình đơn$/ });
    await expect(toggle).toBeVisible();
    const open = this.page.getByRole('button', { name: 'Mở trình đơn', exact: true });
    if (await open.isVisible()) await open.click();
    await this.page.getByRole('menuitem', { name: 'Kiểm tra chuỗi nhật ký' }).click();
    await expect(this.page.getByRole('heading', { name: 'Kiểm tra chuỗi nhật ký', level: 2 })).toBeVisible();
  }

  /** Runs the check and waits for its verdict. */
  async run(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Kiểm tra ngay' }).click();
    const verdict = this.page.getByRole('status').filter({ hasText: /Kiểm tra lúc/ });
    await expect(verdict).toBeVisible();
    return verdict;
  }

  /** One chain's result, by the name the page gives its table. */
  chain(table: keyof typeof CHAIN_NAMES): Locator {
    return this.page.getByRole('region', { name: CHAIN_NAMES[table], exact: true });
  }

  /** The first broken link's details of a chain: a table of label → value. */
  firstBreak(table: keyof typeof CHAIN_NAMES): Locator {
    return this.chain(table).getByRole('table', { name: 'Mắt xích hỏng đầu tiên' });
  }

  /** The value beside a label of the first broken link. */
  breakDetail(table: keyof typeof CHAIN_NAMES, label: string): Locator {
    return this.firstBreak(table)
      .getByRole('row', { name: new RegExp(`^${label}`) })
      .getByRole('cell');
  }
}
