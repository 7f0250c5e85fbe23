import { expect, test } from '../support/fixtures.js';
import { PublicCataloguePage } from '../pages/catalogue-pages.js';

test('a citizen finds the construction permit in the public catalogue, typed without diacritics, with what to bring', async ({
  page,
}) => {
  // Given the public catalogue, without signing in
  const catalogue = new PublicCataloguePage(page);
  await catalogue.open();
  await expect(catalogue.procedures()).not.toHaveCount(0);

  // When the citizen types the procedure's name as a kiosk keyboard allows
  await catalogue.search('cap giay phep xay dung');

  // Then only that procedure remains, with its legal time, documents and fee
  await expect(catalogue.procedures()).toHaveCount(1);
  const permit = await catalogue.expand('Cấp giấy phép xây dựng đối với nhà ở riêng lẻ');
  await expect(permit).toContainText('15 ngày làm việc');
  await expect(permit).toContainText('UBND huyện Duy Xuyên');
  await expect(permit.getByRole('table', { name: 'Thành phần hồ sơ' })).toContainText(
    'Giấy tờ chứng minh quyền sử dụng đất',
  );
  await expect(permit.getByRole('table', { name: 'Phí, lệ phí' })).toContainText('75.000 đ');

  // And the same-day procedure says so
  await catalogue.search('khai sinh');
  await expect(catalogue.procedures().first()).toContainText('Giải quyết trong ngày');
});
