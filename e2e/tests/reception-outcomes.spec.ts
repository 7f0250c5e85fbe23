import { expect, test } from '../support/fixtures.js';
import { DossierPages, FORMS } from '../pages/dossier-pages.js';
import { PublicLookupPage } from '../pages/public-lookup-page.js';

/**
 * The two other outcomes of the reception check: an incomplete dossier gets a code and a supplement
 * request (Mẫu 02) listing every missing item at once, and is accepted later once complete; a refused
 * one gets a code and a refusal (Mẫu 03) with the reasons. Each form is checked by its extracted text.
 */
const PROCEDURE = 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ';
const APPLICATION = 'Đơn đề nghị cấp giấy phép xây dựng';
const LAND_USE = 'Giấy tờ chứng minh quyền sử dụng đất';
const DRAWINGS = 'Bản vẽ thiết kế xây dựng';

test('an incomplete dossier gets a supplement request listing every missing item, and is accepted once complete', async ({
  signIn,
}) => {
  // Given a receptionist checking a dossier that lacks the land-use proof and the drawings
  const page = await signIn('receptionist');
  const dossiers = new DossierPages(page);
  await dossiers.openCreateForm();
  await dossiers.chooseProcedure(PROCEDURE);
  await dossiers.tickDocuments([APPLICATION]);
  await dossiers.fillApplicant({
    fullName: 'Đoàn Văn Lữ',
    idNumber: '049088007777',
    phone: '0914222333',
    address: 'Thôn Mỹ Hòa, xã Duy Trung, huyện Duy Xuyên',
  });

  // When complete is chosen, the form names the missing mandatory documents and refuses to save
  await dossiers.save();
  await expect(page.getByText(/Hồ sơ còn thiếu giấy tờ bắt buộc:.*Giấy tờ chứng minh quyền sử dụng đất/)).toBeVisible();

  // When the outcome is incomplete: the missing documents are listed, plus one more item
  await dossiers.chooseOutcome('incomplete');
  await expect(dossiers.missingItems()).toHaveCount(2);
  await expect(dossiers.missingItems().nth(0)).toHaveValue(new RegExp(`^${LAND_USE}`));
  await expect(dossiers.missingItems().nth(1)).toHaveValue(new RegExp(`^${DRAWINGS}`));
  const extra = 'Ảnh chụp hiện trạng khu đất xây dựng';
  await dossiers.addMissingItem(extra);
  await dossiers.save();

  // Then the dossier has a code, waits on the applicant, and its supplement request lists every item
  await expect(page.getByText('Đã cấp mã hồ sơ và lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ')).toBeVisible();
  const code = await dossiers.shownCode();
  await expect(dossiers.state()).toContainText('Yêu cầu bổ sung khi tiếp nhận');
  const request = await dossiers.downloadForm(FORMS.supplementRequest);
  expect(request).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
  expect(request).toContain('Đoàn Văn Lữ');
  for (const item of [LAND_USE, DRAWINGS, extra]) expect(request).toContain(item);
  await expect(page.getByRole('button', { name: FORMS.receipt })).toHaveCount(0);

  // When the applicant comes back with everything, the receptionist accepts the dossier
  await dossiers.acceptCompleted([LAND_USE, DRAWINGS]);

  // Then its clock starts: an appointment, a receipt, and the citizen sees it received
  await expect(dossiers.appointment()).toHaveText(/\d{2}\/\d{2}\/\d{4}/, { timeout: 30_000 });
  const receipt = await dossiers.downloadForm(FORMS.receipt);
  expect(receipt).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
  expect(receipt).toContain(code);
  // a tab of its own holds no officer's token: the citizen's view
  const lookup = new PublicLookupPage(await page.context().newPage());
  await lookup.openFromQrCode(code);
  await lookup.expectStatus(code, /Đã tiếp nhận|Đang giải quyết/);
});

test('a refused dossier gets a code and a refusal with its reasons', async ({ signIn }) => {
  // Given a receptionist checking a dossier the agency cannot take
  const page = await signIn('receptionist');
  const dossiers = new DossierPages(page);
  await dossiers.openCreateForm();
  await dossiers.chooseProcedure(PROCEDURE);
  await dossiers.tickDocuments();
  await dossiers.fillApplicant({
    fullName: 'Trương Thị Ánh Nguyệt',
    idNumber: '049192005555',
    phone: '0905777888',
    address: 'Thôn Đông Yên, xã Duy Trung, huyện Duy Xuyên',
  });

  // When the receptionist refuses it with reasons
  await dossiers.chooseOutcome('refused');
  const reason = 'Công trình nằm trong hành lang bảo vệ đê điều, không thuộc trường hợp được cấp phép xây dựng';
  await dossiers.field('Lý do từ chối tiếp nhận').fill(reason);
  await dossiers.save();

  // Then the dossier has a code, is refused, and its refusal gives the reasons
  await expect(page.getByText('Đã cấp mã hồ sơ và lập phiếu từ chối tiếp nhận')).toBeVisible();
  const code = await dossiers.shownCode();
  await expect(dossiers.state()).toContainText('Từ chối giải quyết');
  const refusal = await dossiers.downloadForm(FORMS.refusal);
  expect(refusal).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
  expect(refusal).toContain('Trương Thị Ánh Nguyệt');
  expect(refusal).toContain(reason);
  expect(refusal).toContain(code);
});
