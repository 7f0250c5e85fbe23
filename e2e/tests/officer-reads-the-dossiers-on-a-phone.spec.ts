import { expect, test } from '@playwright/test';
import type { DossierList } from '@motcua/common';
import { DEMO_USERS, LoginPage } from '../pages/login-page.js';
import { bearer, publicProcedures, receiveComplete, signInOfficer } from '../support/office-api.js';

/** The phone every page is checked at (every-page-is-accessible.spec.ts). */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** The list's page size in the UI (react-admin's default). */
const PER_PAGE = 10;
/** A procedure the district's receptionist receives. */
const PERMIT = '1.009994';

test.beforeAll(async ({ request }) => {
  // the district's officers have at least one dossier to show: a building permit received there
  const receptionist = await signInOfficer(request, 'receptionist');
  const permit = (await publicProcedures(request)).find((procedure) => procedure.code === PERMIT);
  if (!permit) throw new Error(`the catalogue lacks ${PERMIT}`);
  await receiveComplete(request, receptionist, permit, {
    applicant: {
      fullName: 'Võ Thị Thu',
      idNumber: '049190077001',
      phone: '0905123777',
      address: 'Thôn Mỹ Phước, xã Duy Hòa, huyện Duy Xuyên',
    },
  });
});

/**
 * On a phone, the dossier list is a card per dossier, not a table seven columns wide: for every demo
 * officer the API lets read the list, the cards show the API's first page, in its order, and a tap
 * opens the dossier, as a row's click does on a desktop.
 */
test('every officer who reads the dossier list sees it as cards on a phone, and a tap opens the dossier', async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  const checked: string[] = [];
  for (const user of DEMO_USERS) {
    const officer = await signInOfficer(request, user);
    const answer = await request.get(`/api/dossiers?page=1&perPage=${PER_PAGE}`, { headers: bearer(officer) });
    if (answer.status() === 403) continue;
    expect(answer.status(), user).toBe(200);
    const { data } = (await answer.json()) as DossierList;
    if (data.length === 0) continue;

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await new LoginPage(page).loginAs(user);
    await page.goto('/#/dossiers');
    const cards = page.getByRole('main').getByRole('listitem');
    await expect(cards.first()).toBeVisible();
    await expect(page.locator('table')).toHaveCount(0);
    await expect(cards.getByRole('heading')).toHaveText(data.map((dossier) => dossier.code));

    await cards.first().click();
    await expect(page).toHaveURL(
      new RegExp(`#/dossiers/${encodeURIComponent(data[0]!.code).replace(/\./g, '\\.')}/show$`),
    );
    await expect(page.getByText(data[0]!.code).first()).toBeVisible();
    await context.close();
    checked.push(user);
  }
  // the receptionist, specialist and leader of the district at the least
  expect(checked.length, checked.join(', ')).toBeGreaterThanOrEqual(3);
});
