import { expect, test } from '../support/fixtures.js';
import { AccountsPage, ChangePasswordPage } from '../pages/accounts-page.js';
import { LoginPage } from '../pages/login-page.js';
import { TasksPage } from '../pages/tasks-page.js';
import { publicProcedures, receiveComplete, signInOfficer } from '../support/office-api.js';

/**
 * The admin creates an officer's account; the officer signs in with the temporary password, is
 * made to choose their own (a common one is refused with the policy's sentence), and claims a task
 * of their agency. The construction permit (1.009994) is the district's; its first step is the
 * specialists'.
 */
const PERMIT = '1.009994';
const DISTRICT = 'UBND huyện Duy Xuyên';

test('the admin creates an officer, who signs in, changes the password and claims a task', async ({ browser, request, signIn }) => {
  // three sign-ins and a dossier carried to its first task by the engine and the workers
  test.slow();
  // Given a dossier waiting for the district's specialists
  const receptionist = await signInOfficer(request, 'receptionist');
  const permit = (await publicProcedures(request)).find((procedure) => procedure.code === PERMIT);
  expect(permit, `${PERMIT} is in the public catalogue`).toBeDefined();
  const code = await receiveComplete(request, receptionist, permit!, {
    applicant: {
      fullName: 'Trương Văn Lộc',
      idNumber: '049190004321',
      phone: '0905111222',
      address: 'Thôn Mỹ Phước, xã Duy Hòa, huyện Duy Xuyên',
    },
  });

  // When the province's admin creates a specialist of the district
  const username = `cv.${Date.now().toString(36)}`;
  const admin = await signIn('admin');
  const accounts = new AccountsPage(admin);
  await accounts.open();
  const temporary = await accounts.create({
    username,
    fullName: 'Đặng Thị Thu',
    agencyName: DISTRICT,
    roles: ['Chuyên viên'],
  });
  // then the list shows the account waiting for its password change
  await accounts.open();
  await expect(admin.getByRole('row').filter({ hasText: username })).toContainText('Chờ đổi mật khẩu tạm');

  // When the officer signs in with the temporary password, they can only change it
  const context = await browser.newContext();
  const officer = await context.newPage();
  await new LoginPage(officer).loginAs(username, temporary);
  const change = new ChangePasswordPage(officer);
  await change.expectForced();
  await officer.goto('/#/tasks');
  await change.expectForced();

  // a common password is refused with the policy's reason, before anything is sent
  await change.change(temporary, 'Password2026!');
  await expect(officer.getByText('là mật khẩu phổ biến')).toBeVisible();
  await change.change(temporary, 'nắng vàng trên sông Thu Bồn');
  await expect(officer.getByText('Đã đổi mật khẩu')).toBeVisible();

  // Then the officer works: the dossier's appraisal is on their list, and they claim it
  const tasks = new TasksPage(officer);
  await tasks.open();
  const row = await tasks.claim(code, 'Thẩm định hồ sơ');
  await expect(row).toContainText(`${username} (bạn)`);

  // and the temporary password no longer opens the account
  const retry = await request.post('/api/auth/login', { data: { username, password: temporary } });
  expect(retry.status()).toBe(401);
  await context.close();
});
