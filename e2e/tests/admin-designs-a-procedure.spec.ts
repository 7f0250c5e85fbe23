import { expect, test } from '@playwright/test';
import { pageFor } from '../pages/login-page.js';
import { ProcessDesignerPage } from '../pages/process-designer-page.js';
import { tokenFor } from '../support/api.js';

/**
 * The admin designs a new procedure's process without typing XML: from the ISO template, a lint
 * error seen and fixed, steps edited through the step templates, a simulated run, a draft, two
 * deployed versions with their comments, and the comparison of the two.
 */
const KEY = `e2e-thiet-ke-${Date.now().toString(36)}`;

// the designer loads a large chunk twice and deploys twice: more than a journey's usual two minutes
test.setTimeout(300_000);

test('the admin designs a procedure from the template, simulates it, deploys two versions and compares them', async ({
  browser,
  request,
}) => {
  const page = await pageFor(browser, 'admin');
  const designer = new ProcessDesignerPage(page);
  const token = await tokenFor(request, 'admin');
  const draftXml = async () => {
    const response = await request.get(`/api/processes/${KEY}/draft`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { draft: { xml: string } | null }).draft?.xml ?? '';
  };

  // Given a new process started from the template
  await designer.startFromTemplate(KEY, 'Cấp phép biển quảng cáo');

  // Then the template passes our rules, checked live as the deployment checks them
  await expect(designer.lint()).toHaveText('Không có lỗi');

  // When a task that leads nowhere is added, the lint names the problem; going back to the saved draft fixes it
  await designer.addTask();
  await expect(designer.lint()).toHaveText(/[1-9]\d* lỗi/);
  await expect(
    designer
      .canvas()
      .getByText(/không có luồng đi tiếp/)
      .first(),
  ).toBeAttached();
  await designer.discardEdits();
  await expect(designer.lint()).toHaveText('Không có lỗi');

  // When the admin gives the appraisal step one working day and the leader's step to the province's leader
  await designer.select('appraisal');
  await designer.openGroup('Thuộc tính của bước');
  await expect(designer.panel().getByLabel('Thời hạn của bước')).toHaveValue('1.5d');
  await designer.fill('Thời hạn của bước', '1d');
  await designer.choose('Kết quả được chọn', 'Phê duyệt, Yêu cầu bổ sung, Từ chối');
  await designer.select('received');
  await designer.select('leader-approval');
  await designer.openGroup('Thuộc tính của bước');
  await designer.fill('Thời hạn của bước', '1d');
  await designer.saveDraft('thẩm định 1 ngày');

  // Then the draft holds the step properties in the shipped diagrams' form, and nothing else of the templates
  const saved = await draftXml();
  expect(saved).toMatch(/<bpmn:userTask id="appraisal"[^>]*camunda:candidateGroups="specialist:\$\{agencyCode\}"/);
  expect(saved).toContain('<camunda:property name="budget" value="1d" />');
  expect(saved).toContain('<camunda:property name="outcomes" value="approve,request_supplement,refuse" />');
  expect(saved).not.toContain('modelerTemplate');

  // When the admin simulates a dossier through the diagram
  await designer.simulate(true);
  await expect(page.getByText(/Bấm nút chạy ở sự kiện bắt đầu/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lưu và triển khai' })).toBeDisabled();
  await designer.canvas().locator('[data-element-id="received"]').first().hover();
  // the start event's own simulation button (its overlays are kept under the element's id)
  await designer.canvas().locator('[data-container-id="received"]').getByTitle('Kích hoạt sự kiện').dispatchEvent('click');
  // a token leaves the start event: the simulation log names the process start
  await expect(designer.canvas().getByText('Quy trình bắt đầu').first()).toBeVisible();
  await designer.simulate(false);

  // And deploys version 1, renames the return step and shortens it, and deploys version 2
  const first = await designer.deploy('ban hành lần đầu');
  await designer.select('return-result');
  await designer.openGroup('Thông tin chung', 'Tên');
  await designer.fill('Tên', 'Trả kết quả trực tuyến');
  await designer.openGroup('Thuộc tính của bước');
  await designer.fill('Thời hạn của bước', '0.25d');
  const second = await designer.deploy('trả kết quả nhanh hơn');
  expect(second).toBe(first + 1);

  // Then the version list says who deployed each, why, and how many dossiers run on each
  await designer.openVersions();
  const versions = page.getByRole('table', { name: 'Các phiên bản' });
  await expect(versions.getByRole('row').filter({ hasText: 'trả kết quả nhanh hơn' })).toContainText('admin');
  await expect(versions.getByRole('row').filter({ hasText: 'ban hành lần đầu' })).toContainText('admin');
  await expect(page.getByText('Không còn hồ sơ nào đang giải quyết theo phiên bản cũ.')).toBeVisible();

  // And the comparison of v1 with v2 marks the changed step, with the running dossiers on each side
  await expect(page.getByText(`Phiên bản ${first}: 0 hồ sơ đang giải quyết`).first()).toBeVisible();
  await expect(page.getByText(`Phiên bản ${second}: 0 hồ sơ đang giải quyết`).first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /sửa [1-9]/ })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'So sánh' }).getByRole('row').filter({ hasText: 'Trả kết quả' }),
  ).toContainText('Sửa thuộc tính');
});
