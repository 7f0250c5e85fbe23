import { expect, test } from '../support/fixtures.js';
import { CalendarPage } from '../pages/catalogue-pages.js';

test('the admin sees the computed holidays of a year, adds an announced day off and deletes it again', async ({
  signIn,
}) => {
  // Given the 2027 calendar, for which no official schedule was entered
  const page = await signIn('admin');
  const calendar = new CalendarPage(page);
  await calendar.open();
  await calendar.showYear(2027);

  // Then Tết and the Hùng Kings' day are there, computed from the lunar calendar
  await expect(calendar.days()).toContainText('Tết Âm lịch');
  await expect(calendar.days().getByRole('row').filter({ hasText: '16/04/2027' })).toContainText('Giỗ Tổ Hùng Vương');

  // When the admin enters an announced day off with its legal reference
  await calendar.addDayOff('2027-12-31', 'Nghỉ cuối năm theo thông báo', 'Văn bản số 99/VPCP-KGVX (thử nghiệm)');

  // Then the year shows it as a day off, with its source
  await calendar.showYear(2027);
  const row = calendar.days().getByRole('row').filter({ hasText: '31/12/2027' });
  await expect(row).toContainText('Ngày nghỉ theo thông báo');
  await expect(row).toContainText('Văn bản số 99/VPCP-KGVX (thử nghiệm)');

  // When it is deleted, the day follows the general rules again
  await calendar.deleteRow('2027-12-31');
  await expect(calendar.days().getByRole('row').filter({ hasText: '31/12/2027' })).toHaveCount(0);
});
