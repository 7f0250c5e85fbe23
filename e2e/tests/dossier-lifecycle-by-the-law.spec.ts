import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { ApologiesPage } from '../pages/apologies-page.js';
import { DossierPages, FORMS } from '../pages/dossier-pages.js';
import { PublicLookupPage } from '../pages/public-lookup-page.js';
import { DECISIONS, TasksPage } from '../pages/tasks-page.js';
import { dossierOf, tokenFor, workingDayAfter } from '../support/api.js';

/**
 * One construction permit dossier carried through the lifecycle the law describes: received complete
 * with a receipt (Mẫu 01), sent back for a supplement while its clock stops, supplemented, late and
 * apologised for with a new date the leader approves (Mẫu 04), transferred to the partner agency for
 * its part and back (liên thông), approved, and returned by post with a tracking reference; the
 * auditor's control sheet (Mẫu 05/06) then lists every handover. The citizen follows it on the
 * public page, and every form is checked by the text extracted from the PDF.
 */
test.describe.serial('a construction permit dossier through supplement, apology, transfer and return by post', () => {
  const PROCEDURE = 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ';
  const PARTNER = 'Phòng Tài nguyên và Môi trường huyện Duy Xuyên';
  const APPLICANT = 'Huỳnh Thị Ngọc Trâm';
  const SUPPLEMENT = [
    'Bản vẽ mặt cắt công trình có chữ ký của đơn vị thiết kế',
    'Bản sao giấy chứng nhận quyền sử dụng đất có chứng thực',
  ];
  const TRACKING_REF = 'EB123456789VN';
  let code = '';
  let citizen: Page;

  test.beforeAll(async ({ browser }) => {
    citizen = await (await browser.newContext()).newPage();
  });

  test.afterAll(async () => {
    await citizen.context().close();
  });

  test('the receptionist receives the complete dossier and prints its receipt with the code and the applicant', async ({
    signIn,
  }) => {
    const page = await signIn('receptionist');
    const dossiers = new DossierPages(page);
    await dossiers.openCreateForm();
    await dossiers.chooseProcedure(PROCEDURE);
    await dossiers.tickDocuments();
    await dossiers.fillApplicant({
      fullName: APPLICANT,
      idNumber: '049190004321',
      phone: '0935111222',
      email: 'ngoctram@example.vn',
      address: 'Thôn Tây Sơn, xã Duy Trung, huyện Duy Xuyên',
    });
    await dossiers.field('Nội dung yêu cầu giải quyết').fill('Cấp giấy phép xây dựng nhà ở riêng lẻ hai tầng');
    await dossiers.deliverByPost('Thôn Tây Sơn, xã Duy Trung, huyện Duy Xuyên, tỉnh Quảng Nam');
    await dossiers.save();
    await expect(page.getByText('Đã tiếp nhận hồ sơ')).toBeVisible();
    code = await dossiers.shownCode();
    await expect(dossiers.appointment()).toHaveText(/\d{2}\/\d{2}\/\d{4}/, { timeout: 30_000 });

    const receipt = await dossiers.downloadForm(FORMS.receipt);
    expect(receipt).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(receipt).toContain(code);
    expect(receipt).toContain(APPLICANT);
  });

  test('the specialist asks for a supplement, and the citizen sees the dossier paused', async ({ signIn }) => {
    const page = await signIn('specialist');
    const tasks = new TasksPage(page);
    await tasks.open();
    const row = await tasks.claim(code, 'Thẩm định hồ sơ');
    await tasks.complete(row, {
      decision: DECISIONS.requestSupplement,
      supplementItems: SUPPLEMENT,
      comment: 'Bản vẽ chưa thể hiện mặt cắt',
    });

    const lookup = new PublicLookupPage(citizen);
    await lookup.openFromQrCode(code);
    await lookup.expectStatus(code, 'Tạm dừng chờ bổ sung hồ sơ');
    await expect(lookup.result(code)).toContainText('Tạm dừng tính thời gian');
    await expect(lookup.result(code)).not.toContainText(APPLICANT);

    const dossiers = new DossierPages(page);
    await dossiers.openDossier(code);
    const request = await dossiers.downloadForm(FORMS.supplementRequest);
    expect(request).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    for (const item of SUPPLEMENT) expect(request).toContain(item);
  });

  test('the receptionist receives the supplement and the clock runs again', async ({ signIn }) => {
    const page = await signIn('receptionist');
    const tasks = new TasksPage(page);
    await tasks.open();
    const row = await tasks.claim(code, 'Nhận hồ sơ bổ sung');
    await tasks.complete(row, { comment: 'Công dân đã nộp đủ bản vẽ và bản sao có chứng thực' });
    await new PublicLookupPage(citizen).expectStatus(code, 'Đang giải quyết');
  });

  let newAppointment: { local: string; iso: string; display: string };

  test('the specialist drafts an apology with a new date', async ({ signIn, request }) => {
    const token = await tokenFor(request, 'specialist');
    let dueAt = '';
    await expect(async () => {
      const dossier = await dossierOf(request, token, code);
      expect(dossier.status).toBe('in_progress');
      dueAt = dossier.dueAt ?? '';
      expect(dueAt).not.toBe('');
    }).toPass({ timeout: 60_000 });
    newAppointment = await workingDayAfter(request, token, dueAt, 3);

    const page = await signIn('specialist');
    const dossiers = new DossierPages(page);
    await dossiers.openDossier(code);
    await dossiers.waitForState('Đang giải quyết');
    await dossiers.draftApology(
      'Cần lấy ý kiến Phòng Tài nguyên và Môi trường về ranh giới thửa đất',
      newAppointment.local,
    );
    await expect(page.getByRole('table', { name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' })).toContainText(
      'Chờ lãnh đạo duyệt',
    );
  });

  test('the leader approves the apology, and the citizen sees the new appointment', async ({ signIn, request }) => {
    const page = await signIn('leader');
    const apologies = new ApologiesPage(page);
    await apologies.open();
    await apologies.approve(code, 'Đồng ý gia hạn, khẩn trương phối hợp');

    const dossier = await dossierOf(request, await tokenFor(request, 'leader'), code);
    expect(dossier.dueAt).toBe(newAppointment.iso);
    expect(dossier.originalDueAt).not.toBe(newAppointment.iso);
    await new PublicLookupPage(citizen).expectStatus(code, newAppointment.display);
  });

  test('the specialist transfers the dossier to the partner agency for its part', async ({ signIn }) => {
    const page = await signIn('specialist');
    const tasks = new TasksPage(page);
    await tasks.open();
    const row = await tasks.claim(code, 'Thẩm định hồ sơ');
    await tasks.complete(row, {
      decision: DECISIONS.transfer,
      partnerAgency: PARTNER,
      comment: 'Đề nghị cho ý kiến về ranh giới thửa đất',
    });
    await new PublicLookupPage(citizen).expectStatus(code, 'Đang xử lý tại cơ quan phối hợp');
  });

  test('the partner agency’s specialist completes its review and hands the dossier back', async ({ signIn }) => {
    const page = await signIn('partner.specialist');
    const tasks = new TasksPage(page);
    await tasks.open();
    const row = await tasks.claim(code, 'Cơ quan phối hợp cho ý kiến');
    await tasks.complete(row, { comment: 'Ranh giới thửa đất phù hợp với bản đồ địa chính' });
    await new PublicLookupPage(citizen).expectStatus(code, 'Đang giải quyết');
  });

  test('the specialist submits the appraised dossier and the leader approves it', async ({ signIn }) => {
    const specialist = await signIn('specialist');
    const specialistTasks = new TasksPage(specialist);
    await specialistTasks.open();
    const appraisal = await specialistTasks.claim(code, 'Thẩm định hồ sơ');
    await specialistTasks.complete(appraisal, { decision: DECISIONS.appraised, comment: 'Đủ điều kiện cấp phép' });

    const leader = await signIn('leader');
    const leaderTasks = new TasksPage(leader);
    await leaderTasks.open();
    const approval = await leaderTasks.claim(code, 'Phê duyệt');
    await leaderTasks.complete(approval, { decision: DECISIONS.approve, comment: 'Đồng ý cấp phép' });
    await new PublicLookupPage(citizen).expectStatus(code, 'Đã có kết quả');
  });

  test('the receptionist returns the permit by post with its tracking reference', async ({ signIn }) => {
    const page = await signIn('receptionist');
    const tasks = new TasksPage(page);
    await tasks.open();
    const row = await tasks.claim(code, 'Trả kết quả');
    await tasks.complete(row, { returnMethod: 'Qua dịch vụ bưu chính', postalTrackingRef: TRACKING_REF });
    await new PublicLookupPage(citizen).expectStatus(code, 'Đã trả kết quả');

    const dossiers = new DossierPages(page);
    await dossiers.openDossier(code);
    await expect(page.getByText(TRACKING_REF)).toBeVisible();
  });

  test('the auditor prints the control sheet, which lists every handover', async ({ signIn }) => {
    const page = await signIn('auditor');
    const dossiers = new DossierPages(page);
    await dossiers.openDossier(code);
    const sheet = await dossiers.downloadForm(FORMS.controlSheet);
    expect(sheet).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(sheet).toContain(code);
    // the reception hands over first; the partner agency receives the dossier and gives it back
    expect(sheet).toMatch(/1\. Giao: Bộ phận TN&TKQ/);
    expect(sheet).toMatch(new RegExp(`2\\. Nhận: ${PARTNER}`));
    expect(sheet).toMatch(new RegExp(`1\\. Giao: ${PARTNER}`));
    // each officer who held the dossier signs a handover
    for (const officer of ['Trần Thị Bình', 'Lê Văn Cường', 'Ngô Thị Mai', 'Phạm Thị Dung']) {
      expect(sheet).toContain(officer);
    }
  });
});
