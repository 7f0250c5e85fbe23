import { expect, type Locator, type Page } from '@playwright/test';

/** The citizen's status page: no login, one field for the code printed on the receipt. */
export class PublicLookupPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/#/tra-cuu');
  }

  /** As the QR code on every form opens it: the code in the link, looked up at once. */
  async openFromQrCode(code: string): Promise<void> {
    await this.page.goto(`/#/tra-cuu?code=${encodeURIComponent(code)}`);
  }

  async lookUp(code: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill(code);
    await this.page.getByRole('button', { name: 'Tra cứu' }).click();
  }

  result(code: string): Locator {
    return this.page.getByRole('region', { name: code });
  }

  /** Looks the code up again until the page shows the text (workers move dossiers asynchronously). */
  async expectStatus(code: string, status: string | RegExp): Promise<void> {
    await expect(async () => {
      await this.lookUp(code);
      await expect(this.result(code)).toContainText(status, { timeout: 2000 });
    }).toPass({ timeout: 60_000 });
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }
}
