import { expect, test } from '../support/fixtures.js';
import { pdfText } from '../support/pdf.js';

test('the leader reads the apologies per agency and downloads the tracking register of the month', async ({
  signIn,
}) => {
  // Given the leader of the district
  const page = await signIn('leader');

  // When the reports page opens on the current month
  await page.getByRole('menuitem', { name: 'Báo cáo' }).click();

  // Then the apologies are counted per agency, with a total
  const counts = page.getByRole('table', { name: 'Số phiếu xin lỗi trong kỳ' });
  await expect(counts).toContainText('UBND huyện Duy Xuyên');
  await expect(counts.getByRole('row').filter({ hasText: 'Tổng cộng' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Danh sách hồ sơ' })).toBeVisible();

  // And the register of the period downloads as a PDF with its title
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải sổ theo dõi hồ sơ (PDF)' }).click(),
  ]);
  expect(await pdfText(download)).toContain('SỔ THEO DÕI HỒ SƠ');
});
