import { expect, test } from '@playwright/test';
import { PublicLookupPage } from '../pages/public-lookup-page.js';

test('the public page explains a malformed code and an unknown one in words a citizen understands', async ({ page }) => {
  const lookup = new PublicLookupPage(page);
  await lookup.open();

  await lookup.lookUp('abc');
  await expect(lookup.alert()).toHaveText('Mã hồ sơ không đúng định dạng (ví dụ: 000.00.17.H41-261127-0001)');

  await lookup.lookUp('000.00.17.H41-200101-9999');
  await expect(lookup.alert()).toHaveText('Không tìm thấy hồ sơ');
});
