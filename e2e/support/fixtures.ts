import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { LoginPage, type DemoUser } from '../pages/login-page.js';

/**
 * The journeys' test function: `signIn(user)` opens a browser context of its own for a demo officer
 * (the token lives in sessionStorage) that accepts downloads, and closes it when the test ends.
 */
export const test = base.extend<{ signIn: (user: DemoUser) => Promise<Page> }>({
  signIn: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (user) => {
      const context = await browser.newContext({ acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      await new LoginPage(page).loginAs(user);
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect } from '@playwright/test';
