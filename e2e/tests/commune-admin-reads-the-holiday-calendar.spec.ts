import { expect, test } from '../support/fixtures.js';
import { CalendarPage } from '../pages/catalogue-pages.js';
import { tokenFor } from '../support/api.js';

test('an admin below the province reads the holiday calendar without edit buttons, and is told who keeps it', async ({
  signIn,
  request,
}) => {
  // Given a day the province's admin entered for 2027
  const provinceToken = await tokenFor(request, 'admin');
  const added = await request.post('/api/calendar/days', {
    headers: { authorization: `Bearer ${provinceToken}` },
    data: { date: '2027-12-30', kind: 'day_off', name: 'Nghỉ theo thông báo (thử nghiệm)', legalRef: 'Văn bản số 98/VPCP-KGVX' },
  });
  expect(added.status(), await added.text()).toBe(201);

  try {
    // When the commune's admin opens the calendar of that year
    const page = await signIn('xa.admin');
    const calendar = new CalendarPage(page);
    await calendar.open();
    await calendar.showYear(2027);

    // Then the year and the entered rows are there to read, with nothing to change them by
    await expect(calendar.days()).toContainText('Giỗ Tổ Hùng Vương');
    await expect(calendar.rows()).toContainText('Nghỉ theo thông báo (thử nghiệm)');
    await expect(calendar.provinceOnlyNotice()).toBeVisible();
    await expect(calendar.addDayLink()).toHaveCount(0);
    await expect(calendar.deleteButtons()).toHaveCount(0);
  } finally {
    const removed = await request.delete('/api/calendar/days/2027-12-30', {
      headers: { authorization: `Bearer ${provinceToken}` },
    });
    expect(removed.status()).toBe(204);
  }
});
