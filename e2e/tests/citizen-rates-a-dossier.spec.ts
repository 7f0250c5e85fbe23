import { expect, test, type Page } from '@playwright/test';
import { SATISFACTION_CRITERIA, type SatisfactionReport } from '@motcua/common';
import { PublicLookupPage } from '../pages/public-lookup-page.js';
import {
  bearer,
  expectPublicStatus,
  publicProcedures,
  receiveComplete,
  signInDemoOfficers,
} from '../support/office-api.js';
import { takeToReturnByPost } from '../support/return-dossier.js';

/**
 * Issue 10 G: a citizen rates a returned dossier from the public page, with the code on the receipt
 * and the last four digits of the phone given at reception; a wrong second factor is told as a wrong
 * code, a second rating is refused, and the leader of the agency reads the rating per agency and per
 * officer. The dossier is taken to its return by the officers of the procedure's agency, over the API.
 */

const PHONE = '0905246810';

/** Answers every criterion and the overall level on the rating form. */
async function fillRating(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Đánh giá mức độ hài lòng' });
  const criteria = form.getByRole('radiogroup');
  // the nine criteria and the overall level
  await expect(criteria).toHaveCount(SATISFACTION_CRITERIA.length + 1);
  for (let index = 0; index < SATISFACTION_CRITERIA.length; index += 1) {
    await criteria.nth(index).getByRole('radio', { name: index === 6 ? 'Đạt' : 'Tốt', exact: true }).check();
  }
  await form.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
}

test('a citizen rates a returned dossier once, with the last digits of the phone', async ({ page, request }) => {
  test.setTimeout(360_000);
  // Given a dossier of the first procedure in the catalogue, received with the applicant's phone and returned
  const [procedure] = await publicProcedures(request);
  const officers = (await signInDemoOfficers(request)).filter((officer) => officer.agency.code === procedure!.agency.code);
  const receptionist = officers.find((officer) => officer.roles.includes('receptionist'))!;
  const code = await receiveComplete(request, receptionist, procedure!, {
    applicant: {
      fullName: 'Phan Văn Hài',
      idNumber: '049190004321',
      phone: PHONE,
      address: 'Thôn Tây Sơn, xã Duy Trung, huyện Duy Xuyên',
    },
    resultDelivery: 'post',
    deliveryAddress: 'Thôn Tây Sơn, xã Duy Trung, huyện Duy Xuyên, tỉnh Quảng Nam',
  });
  await takeToReturnByPost(request, officers, code, 'EB200000001VN');
  await expectPublicStatus(request, code, 'returned');

  // When the citizen opens the page from the QR code on the receipt
  const lookup = new PublicLookupPage(page);
  await lookup.openFromQrCode(code);
  await expect(lookup.result(code)).toContainText('Đã trả kết quả');
  await expect(page.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' })).toBeVisible();

  // and sends the form before answering everything, then with wrong digits
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.getByText('Vui lòng chọn mức đánh giá cho tất cả các tiêu chí')).toBeVisible();
  await fillRating(page);
  await page.getByRole('textbox', { name: '4 số cuối số điện thoại' }).fill('1111');
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  // Then the wrong digits are told as a wrong code or number, without saying which
  await expect(page.getByRole('alert')).toHaveText('Mã hồ sơ hoặc 4 số cuối số điện thoại không đúng.');

  // When the right digits are given
  await page.getByRole('textbox', { name: '4 số cuối số điện thoại' }).fill(PHONE.slice(-4));
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  // Then the rating is thanked for
  await expect(page.getByRole('alert')).toContainText('Cảm ơn Ông/Bà đã đánh giá');

  // And a second rating of the same dossier is refused
  await page.reload();
  await expect(lookup.result(code)).toBeVisible();
  await fillRating(page);
  await page.getByRole('textbox', { name: '4 số cuối số điện thoại' }).fill(PHONE.slice(-4));
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.getByRole('alert')).toContainText('Mỗi hồ sơ chỉ được đánh giá một lần');

  // And the agency's leader finds the rating under the agency and the officer who received the dossier
  const leader = officers.find((officer) => officer.roles.includes('leader'))!;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const response = await request.get(`/api/reports/satisfaction?from=${today}&to=${today}`, { headers: bearer(leader) });
  expect(response.status()).toBe(200);
  const report = (await response.json()) as SatisfactionReport;
  const agencyRow = report.agencies.find((row) => row.agency.code === procedure!.agency.code);
  expect(agencyRow?.ratings).toBeGreaterThanOrEqual(1);
  expect(agencyRow?.levels.satisfied).toBeGreaterThanOrEqual(1);
  const officerRow = report.officers.find((row) => row.officer.username === receptionist.username);
  expect(officerRow?.ratings).toBeGreaterThanOrEqual(1);
});
