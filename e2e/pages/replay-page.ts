import { expect, type Locator, type Page } from '@playwright/test';

/** The replay of a dossier on its diagram, on the dossier's page: diagram, player, and the step card. */
export class ReplayPanel {
  constructor(private readonly page: Page) {}

  async open(code: string): Promise<void> {
    await this.page.goto(`/#/dossiers/${encodeURIComponent(code)}/show`);
    await expect(this.section()).toBeVisible();
  }

  section(): Locator {
    return this.page.getByRole('region', { name: 'Diễn lại hồ sơ trên sơ đồ quy trình' });
  }

  /** The diagram, named by its process and version. */
  diagram(): Locator {
    return this.section().getByRole('figure', { name: /^Sơ đồ quy trình / });
  }

  slider(): Locator {
    return this.section().getByRole('slider', { name: 'Dòng thời gian xử lý' });
  }

  playButton(): Locator {
    return this.section().getByRole('button', { name: 'Phát' });
  }

  pauseButton(): Locator {
    return this.section().getByRole('button', { name: 'Tạm dừng' });
  }

  async next(): Promise<void> {
    await this.section().getByRole('button', { name: 'Bước sau' }).click();
  }

  /** The card of the step shown: its heading is "Bước n/N: name". */
  cardHeading(): Locator {
    return this.section().getByRole('heading', { level: 4 });
  }

  /** The value of a field of the card, by its label (Người thực hiện, Kết quả…). */
  cardValue(label: string): Locator {
    return this.section().locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
  }

  /** The stop shown and how many there are, read from the card's heading. */
  async position(): Promise<{ number: number; count: number; name: string }> {
    const text = (await this.cardHeading().textContent()) ?? '';
    const match = /^Bước (\d+)\/(\d+): (.*)$/.exec(text.trim());
    if (!match) throw new Error(`the step card reads "${text}"`);
    return { number: Number(match[1]), count: Number(match[2]), name: match[3]! };
  }

  /** Back to the first stop, with the keyboard on the slider. */
  async toStart(): Promise<void> {
    await this.slider().focus();
    await this.page.keyboard.press('Home');
    await expect(this.cardHeading()).toHaveText(/^Bước 1\//);
  }
}
