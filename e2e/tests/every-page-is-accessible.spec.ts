import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ROLES, type Role } from '@motcua/common';
import { LoginPage } from '../pages/login-page.js';
import { publicProcedures, receiveComplete, signInOfficer } from '../support/office-api.js';

/**
 * Every page passes axe-core's WCAG 2.2 A and AA rules, and fits the width of the screen, at a desktop
 * and a phone size. The pages are
 * found, not listed: the login page and the citizens' pages it links to; for each role, every entry
 * of its menu, the create pages those lists link to, the record a list row opens (a dossier's page
 * among them) and the pages that record links to. A page another change adds to the menu, or links
 * from one of these, is checked without touching this file.
 */

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;
type Size = keyof typeof SIZES;

/** Officers' pages found per role are at most this many: a guard against a crawl that never ends. */
const MAX_PAGES_PER_ROLE = 40;

/** One demo account per role: the README's accounts are named after their role. */
const USER_OF: Record<Role, string> = Object.fromEntries(ROLES.map((role) => [role, role])) as Record<Role, string>;

/** A procedure of the district, whose receptionist receives the dossier. */
const PERMIT = '1.009994';
let dossierCode: string;

test.beforeAll(async ({ request }) => {
  // a dossier of the district, so the lists have a row to open and the lookup has a result
  const receptionist = await signInOfficer(request, 'receptionist');
  const procedure = (await publicProcedures(request)).find((candidate) => candidate.code === PERMIT);
  dossierCode = await receiveComplete(request, receptionist, procedure!, {
    applicant: {
      fullName: 'Lê Thị Khả Dụng',
      idNumber: '049190005678',
      phone: '0905000111',
      address: '3 Trần Phú, thị trấn Nam Phước, huyện Duy Xuyên, Quảng Nam',
    },
  });
});

async function newPage(browser: Browser, size: Size): Promise<Page> {
  const { viewport, isMobile } = SIZES[size];
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile });
  return context.newPage();
}

/**
 * Waits until the page has drawn its data: the network quiet for a moment (bounded: a page that
 * polls is never quiet for long) and nothing loading.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
}

/** The hash route of the page shown, e.g. "#/dossiers/X/show". */
function routeOf(page: Page): string {
  return new URL(page.url()).hash || '#/';
}

/** A route with its record ids left out, so one page is checked once whatever the record. */
function patternOf(route: string): string {
  const [path = ''] = route.split('?');
  const parts = path.replace(/^#\//, '').split('/');
  return parts.length <= 1 ? parts.join('/') : `${parts[0]}/…/${parts.at(-1)}`;
}

/** The axe-core violations on the page, one line per element. */
async function violationsOf(page: Page, label: string): Promise<string[]> {
  await settled(page);
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${label}: ${violation.id} (${violation.impact ?? 'n/a'}) ${violation.help} — ${node.target.join(' ')}` +
        (node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ')}` : ''),
    ),
  );
}

/**
 * Whether the page fits the width of its screen (WCAG 1.4.10, reflow): a page wider than the window
 * makes a phone's reader scroll sideways for every line, and hides what is past the edge. Content
 * that scrolls inside its own box (a wide table in a scroll area) is allowed. On failure, names the
 * elements that reach past the edge outside any such box.
 */
async function overflowOf(page: Page, label: string): Promise<string[]> {
  const { pageWidth, screenWidth, culprits } = await page.evaluate(() => {
    const screenWidth = document.documentElement.clientWidth;
    const scrollsOwnContent = (element: Element) => /(auto|scroll|hidden|clip)/.test(getComputedStyle(element).overflowX);
    // a phone's layout viewport grows with a page too wide for it, and fixed boxes (the app bar's
    // backdrops, a dialog) grow with it: they follow the page's width, they do not make it
    const followsTheWindow = (element: Element) => {
      for (let node: Element | null = element; node && node !== document.body; node = node.parentElement) {
        if (getComputedStyle(node).position === 'fixed') return true;
        if (node !== element && scrollsOwnContent(node)) return true;
      }
      return false;
    };
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${Array.from(element.classList).slice(0, 2).map((name) => `.${name}`).join('')}`;
    const overflowing = Array.from(document.body.querySelectorAll('*')).filter(
      (element) => element.getBoundingClientRect().right > screenWidth + 1 && !followsTheWindow(element),
    );
    // the innermost ones that reach furthest name the cause; their containers only grew around them
    const right = (element: Element) => element.getBoundingClientRect().right;
    const culprits = overflowing
      .filter((element) => !overflowing.some((other) => other !== element && element.contains(other)))
      .sort((a, b) => right(b) - right(a))
      .slice(0, 3)
      .map((element) => `${describe(element)} (right edge at ${Math.round(element.getBoundingClientRect().right)} px)`);
    return { pageWidth: document.documentElement.scrollWidth, screenWidth, culprits };
  });
  return pageWidth <= screenWidth + 1
    ? []
    : [`${label}: the page is ${pageWidth} px wide on a ${screenWidth} px screen — ${culprits.join(', ')}`];
}

/** The in-app links (hash routes) inside `scope` of the page. */
async function hashLinks(page: Page, scope: string): Promise<string[]> {
  const hrefs = await page
    .locator(scope)
    .locator('a[href^="#/"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((href) => href.length > 2))];
}

/**
 * The officer's pages, found from the menu: each entry, the create pages it links to, the page its
 * first row opens, and the pages that one links to.
 */
async function discoverPages(page: Page): Promise<string[]> {
  const found = new Map<string, string>();
  const add = (route: string) => {
    if (found.size < MAX_PAGES_PER_ROLE && !found.has(patternOf(route))) found.set(patternOf(route), route);
  };
  await expect(page.getByRole('menuitem').first()).toBeVisible();
  const menu = await hashLinks(page, '[role="menu"]');
  expect(menu.length, 'the menu lists pages').toBeGreaterThan(0);
  for (const entry of menu) {
    add(entry);
    await page.goto(`/${entry}`);
    await settled(page);
    for (const link of await hashLinks(page, 'main')) if (link.endsWith('/create')) add(link);
    const row = page.locator('tr.RaDatagrid-clickableRow').first();
    if ((await row.count()) === 0) continue;
    await row.locator('td').last().click();
    await expect(page).not.toHaveURL(new RegExp(`${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await settled(page);
    const opened = routeOf(page);
    add(opened);
    for (const link of await hashLinks(page, 'main')) if (!menu.includes(link)) add(link);
  }
  return [...found.values()];
}

for (const size of Object.keys(SIZES) as Size[]) {
  test(`the login page and the citizens' pages pass WCAG 2.2 AA on a ${size}`, async ({ browser }) => {
    const page = await newPage(browser, size);
    await page.goto('/#/login');
    const problems = [...(await violationsOf(page, `#/login (${size})`)), ...(await overflowOf(page, `#/login (${size})`))];
    // the citizens' pages the login page links to, and the lookup showing a dossier
    const pages = [...(await hashLinks(page, 'body')), `#/tra-cuu?code=${encodeURIComponent(dossierCode)}`];
    expect(pages.length).toBeGreaterThan(1);
    for (const route of pages) {
      await page.goto(`/${route}`);
      problems.push(...(await violationsOf(page, `${route} (${size})`)), ...(await overflowOf(page, `${route} (${size})`)));
    }
    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  });
}

for (const role of ROLES) {
  test(`every page of the ${role}'s menu passes WCAG 2.2 AA at a desktop and a phone size`, async ({ browser }) => {
    // a dozen pages, each analysed twice, on a loaded machine
    test.setTimeout(900_000);
    const desktop = await newPage(browser, 'desktop');
    await new LoginPage(desktop).loginAs(USER_OF[role]);
    const pages = await discoverPages(desktop);
    // a dossier's page, whether or not the lists showed one
    if (pages.some((route) => route.startsWith('#/dossiers'))) {
      const show = `#/dossiers/${encodeURIComponent(dossierCode)}/show`;
      if (!pages.some((route) => patternOf(route) === patternOf(show))) pages.push(show);
    }
    const phone = await newPage(browser, 'phone');
    await new LoginPage(phone).loginAs(USER_OF[role]);
    const problems: string[] = [];
    for (const [size, page] of [
      ['desktop', desktop],
      ['phone', phone],
    ] as const) {
      for (const route of pages) {
        await page.goto(`/${route}`);
        const label = `${role} ${route} (${size})`;
        problems.push(...(await violationsOf(page, label)), ...(await overflowOf(page, label)));
      }
    }
    expect(problems, `${problems.length} problems on ${pages.join(', ')}:\n${problems.join('\n')}`).toEqual([]);
    await desktop.context().close();
    await phone.context().close();
  });
}
