import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { DossierPages } from '../pages/dossier-pages.js';
import { PublicLookupPage } from '../pages/public-lookup-page.js';
import { DECISIONS, TasksPage } from '../pages/tasks-page.js';

/**
 * One dossier from the counter to the citizen, through every role: received, appraised, approved,
 * returned; the citizen watches the status on the public page, and the auditor replays every step.
 */
test.describe.serial('a construction permit dossier, from reception to return', () => {
  const PROCEDURE = 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ';
  let code = '';
  let citizen: Page;

  test.beforeAll(async ({ browser }) => {
    citizen = await (await browser.newContext()).newPage();
  });

  test.afterAll(async () => {
    await citizen.context().close();
  });

  test('the receptionist receives the dossier and gets its code and appointment date', async ({ signIn }) => {
    const page = await signIn('receptionist');
    const dossiers = new DossierPages(page);
    await dossiers.openCreateForm();
    await dossiers.chooseProcedure(PROCEDURE);
    await dossiers.tickDocuments();
    await dossiers.fillApplicant({
      fullName: 'Nguyễn Thị Hoa',
      idNumber: '123',
      phone: '0905123456',
      address: 'Thôn Mỹ Phước, xã Duy Hòa, huyện Duy Xuyên',
    });
    await dossiers.save();
    // a wrong identity number is named, and nothing is received
    await expect(page.getByText('phải gồm 9 hoặc 12 chữ số')).toBeVisible();

    await dossiers.field('Số CCCD/CMND').fill('049186001234');
    await dossiers.save();
    await expect(page.getByText('Đã tiếp nhận hồ sơ')).toBeVisible();
    code = await dossiers.shownCode();
    expect(code).toMatch(/^000\.00\.17\.H41-\d{6}-\d{4}$/);
    await expect(dossiers.appointment()).toHaveText(/\d{2}\/\d{2}\/\d{4}/, { timeout: 30_000 });
  });

  test('the citizen looks the code up without logging in and sees it in progress', async () => {
    const lookup = new PublicLookupPage(citizen);
    await lookup.open();
    await lookup.expectStatus(code, 'Đang giải quyết');
    await expect(lookup.result(code)).toContainText(PROCEDURE);
    await expect(lookup.result(code)).not.toContainText('Nguyễn Thị Hoa');
  });

  test('the specialist claims and completes the appraisal', async ({ signIn }) => {
    const page = await signIn('specialist');
    const tasks = new TasksPage(page);
    await tasks.open();
    const row = await tasks.claim(code, 'Thẩm định hồ sơ');
    await expect(row).toContainText('specialist (bạn)');
    await tasks.complete(row, { decision: DECISIONS.appraised, comment: 'Hồ sơ đủ điều kiện cấp phép' });
  });

  test('the leader approves', async ({ signIn }) => {
    const page = await signIn('leader');
    const tasks = new TasksPage(page);
    await tasks.open();
    const row = await tasks.claim(code, 'Phê duyệt');
    await tasks.complete(row, { comment: 'Đồng ý cấp phép', decision: DECISIONS.approve });
  });

  test('the citizen sees that the result is ready', async () => {
    await new PublicLookupPage(citizen).expectStatus(code, 'Đã có kết quả');
  });

  test('the receptionist returns the result and the citizen sees it returned', async ({ signIn }) => {
    const page = await signIn('receptionist');
    const tasks = new TasksPage(page);
    await tasks.open();
    const row = await tasks.claim(code, 'Trả kết quả');
    await tasks.complete(row, {
      returnMethod: 'Tại bộ phận một cửa',
      comment: 'Đã trao giấy phép tại bộ phận một cửa',
    });
    await new PublicLookupPage(citizen).expectStatus(code, 'Đã trả kết quả');
  });

  test('the auditor sees every step with who did it and when', async ({ signIn }) => {
    const page = await signIn('auditor');
    const dossiers = new DossierPages(page);
    await dossiers.openDossier(code);
    const steps = dossiers.historySteps();
    // started and ended, each shown as "HH:mm dd/MM/yyyy" in Vietnam time
    const startedAndEnded = /\d{2}:\d{2},? \d{2}\/\d{2}\/\d{4}.*\d{2}:\d{2},? \d{2}\/\d{2}\/\d{4}/;
    const handlers: [step: string, handler: string][] = [
      ['Thẩm định hồ sơ', 'specialist'],
      ['Phê duyệt', 'leader'],
      ['Trả kết quả', 'receptionist'],
    ];
    for (const [step, handler] of handlers) {
      const row = steps.getByRole('row').filter({ has: page.getByRole('cell', { name: step, exact: true }) });
      await expect(row).toContainText(handler);
      await expect(row).toContainText(startedAndEnded);
    }
    const events = dossiers.historyEvents();
    await expect(events.getByRole('row').filter({ hasText: 'Tiếp nhận hồ sơ' })).toContainText('receptionist');
    await expect(events.getByRole('row').filter({ hasText: 'Hoàn thành công việc' })).toHaveCount(3);
  });
});
