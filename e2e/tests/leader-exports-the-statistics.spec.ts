import { readFile } from 'node:fs/promises';
import type { Statistics } from '@motcua/common';
import { expect, test } from '../support/fixtures.js';
import { bearer, publicProcedures, receiveComplete, signInOfficer } from '../support/office-api.js';
import { pdfText } from '../support/pdf.js';

/** The current month in Vietnam, as the reports page opens on it. */
function currentMonth(): { from: string; to: string } {
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

test('the leader exports the month’s statistics and opens the dossiers a figure counts', async ({
  signIn,
  request,
}) => {
  // Given a dossier received today by the district, at the counter
  const [receptionist, leader] = await Promise.all([
    signInOfficer(request, 'receptionist'),
    signInOfficer(request, 'leader'),
  ]);
  const permit = (await publicProcedures(request)).find((procedure) => procedure.code === '1.009994');
  if (!permit) throw new Error('the catalogue lacks the construction permit');
  const code = await receiveComplete(request, receptionist, permit, {
    applicant: {
      fullName: 'Trương Thị Thống',
      idNumber: '049190007777',
      phone: '0905777888',
      address: 'Thôn Kê, xã Duy Hòa, huyện Duy Xuyên',
    },
  });
  // and the API's count of the month, which the screen and the files must repeat
  const month = currentMonth();
  const answer = await request.get(`/api/reports/statistics?from=${month.from}&to=${month.to}`, {
    headers: bearer(leader),
  });
  expect(answer.status()).toBe(200);
  const api = (await answer.json()) as Statistics;
  expect(api.total.receivedCounter).toBeGreaterThan(0);
  const received = new Intl.NumberFormat('vi-VN').format(api.total.received);

  // When the district's leader opens the reports page
  const page = await signIn('leader');
  await page.getByRole('menuitem', { name: 'Báo cáo' }).click();

  // Then the month's statistics show per agency, the total as the API counts it
  const table = page.getByRole('table', { name: /UBND huyện Duy Xuyên, từ/ });
  // (a loaded machine can take a while for the first report)
  await expect(table).toBeVisible({ timeout: 60_000 });
  const totalRow = table.getByRole('row').filter({ hasText: 'Tổng cộng' });
  await expect(totalRow.getByRole('button', { name: 'Tổng số nhận giải quyết: Tổng cộng' })).toHaveText(received);
  await expect(page.getByText(/Tỷ lệ giải quyết đúng hạn \(Quyết định 766\/QĐ-TTg\)/)).toBeVisible();

  // When they export the spreadsheet and the PDF
  const [workbook] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất Excel' }).click(),
  ]);
  // Then the spreadsheet is an .xlsx (a zip) named after the agency and the period
  expect(workbook.suggestedFilename()).toBe(`thong-ke-${api.agency.code}-${month.from}-${month.to}.xlsx`);
  expect((await readFile(await workbook.path())).subarray(0, 2).toString('latin1')).toBe('PK');
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất PDF (A4)' }).click(),
  ]);
  // and the PDF is the report laid out like Biểu 06, with the same total
  const text = await pdfText(pdf);
  expect(text).toContain('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
  expect(text).toContain('Biểu số 06/VPCP/KSTT');
  expect(text).toContain(`Tổng cộng ${received} `);

  // When they open the dossiers the month's "at the counter" figure counts
  await totalRow.getByRole('button', { name: 'Trực tiếp: Tổng cộng' }).click();

  // Then the dossiers listed are as many as the figure, today's among them, each a link to its page
  const dialog = page.getByRole('dialog', { name: 'Trực tiếp — Tổng cộng' });
  await expect(
    dialog.getByText(`${new Intl.NumberFormat('vi-VN').format(api.total.receivedCounter)} hồ sơ`),
  ).toBeVisible();
  const link = dialog.getByRole('link', { name: code });
  if (api.total.receivedCounter > 10) {
    // the newest is on the last page
    while (!(await link.isVisible())) await dialog.getByRole('button', { name: /trang sau|next page/i }).click();
  }
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/dossiers/${code.replaceAll('.', '\\.')}/show`));
  await expect(page.getByText(code).first()).toBeVisible();
});
