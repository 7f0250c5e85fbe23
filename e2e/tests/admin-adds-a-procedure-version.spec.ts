import { expect, test } from '../support/fixtures.js';
import { ProcedurePages } from '../pages/catalogue-pages.js';

test('the admin changes a procedure by adding a version, and the earlier version stays', async ({ signIn }) => {
  // Given the birth registration procedure at version 1
  const page = await signIn('admin');
  const procedures = new ProcedurePages(page);
  await procedures.openProcedure('Đăng ký khai sinh');
  await expect(procedures.versions().getByRole('row')).toHaveCount(2);

  // When the admin adds a version with an amended legal basis
  const legalBasis = 'Luật Hộ tịch 2014, Điều 13 và Điều 16; Nghị định 123/2015/NĐ-CP (bản sửa đổi thử nghiệm)';
  await procedures.addVersion(legalBasis);

  // Then the procedure shows the new content, and both versions are listed
  await expect(page.getByText(legalBasis)).toBeVisible();
  await expect(procedures.versions().getByRole('row')).toHaveCount(3);
});
