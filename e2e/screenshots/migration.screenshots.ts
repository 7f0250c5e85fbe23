import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PROCESS_KEYS, readProcessSteps, type Task } from '@motcua/common';
import {
  bearer,
  claimTask,
  completeTask,
  publicProcedures,
  receiveComplete,
  signInOfficer,
  tasksOf,
  type Officer,
} from '../support/office-api.js';
import { shoot, signedInAt, type ScreenshotSize } from '../support/screenshots.js';

/**
 * Moving running dossiers to a newer process version (issue 9 part D), in the Vietnamese UI at a
 * desktop and a phone size, into docs/screenshots/migration-<step>-<size>.png: the versions page with
 * the preview (which dossiers can move, and why the others cannot), the confirmation, and (at the
 * desktop size, which runs last) the result. Made here over the API: v1 of the shipped diagram of the
 * demo district's procedure under a key of its own, three dossiers at its first step and one waiting
 * for a supplement, then v2, which renames the first step and gives the supplement's step another id.
 */
const SHIPPED_KEY = PROCESS_KEYS.houseConstructionPermit;
/** The demo district's construction permit, which runs SHIPPED_KEY. */
const PERMIT = '1.009994';
const SHIPPED = readFileSync(join(import.meta.dirname, '..', '..', 'processes', `${SHIPPED_KEY}.bpmn`), 'utf8');
const RUN = Date.now().toString(36);
const KEY = `anh-chup-chuyen-phien-ban-${RUN}`;
/** The phone first: the desktop run moves the dossiers, which leaves nothing to preview after it. */
const SIZES: readonly ScreenshotSize[] = ['phone', 'desktop'];
const TASK_WAIT = { timeout: 120_000, intervals: [500, 1000, 2000] };

async function taskAt(request: Parameters<typeof tasksOf>[0], officer: Officer, code: string, activityId: string) {
  let found: Task | undefined;
  await expect
    .poll(async () => {
      found = (await tasksOf(request, officer, code)).find((task) => task.taskDefinitionKey === activityId);
      return found !== undefined;
    }, TASK_WAIT)
    .toBe(true);
  return found as Task;
}

test.beforeAll(async ({ request }) => {
  const [admin, receptionist, specialist] = await Promise.all(
    ['admin', 'receptionist', 'specialist'].map((username) => signInOfficer(request, username)),
  );
  const first = readProcessSteps(SHIPPED, SHIPPED_KEY).find((step) => step.kind === 'userTask')!;
  const v1 = SHIPPED.replaceAll(`"${SHIPPED_KEY}"`, `"${KEY}"`);
  const deploy = async (xml: string, comment: string) => {
    const response = await request.post('/api/processes', { headers: bearer(admin!), data: { xml, comment } });
    expect(response.status(), await response.text()).toBe(201);
  };
  await deploy(v1, 'ban hành lần đầu');

  // a procedure of the district like the shipped one, running the new key
  const shipped = (await publicProcedures(request)).find((procedure) => procedure.code === PERMIT);
  expect(shipped, `the public procedure ${PERMIT}`).toBeDefined();
  const code = `9.${RUN}`;
  const created = await request.post('/api/procedures', {
    headers: bearer(admin!),
    data: {
      code,
      agencyCode: receptionist!.agency.code,
      name: shipped!.name,
      field: shipped!.field,
      level: shipped!.level,
      processingDays: shipped!.processingDays,
      fees: shipped!.fees,
      requiredDocuments: shipped!.requiredDocuments,
      legalBasis: shipped!.legalBasis,
      processKey: KEY,
      effectiveFrom: '2021-03-03T00:00:00+07:00',
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  const applicant = {
    fullName: 'Võ Văn Tám',
    idNumber: '049190001234',
    phone: '0905123456',
    address: '12 Hùng Vương, thị trấn Nam Phước, huyện Duy Xuyên, Quảng Nam',
  };
  const codes: string[] = [];
  for (let index = 0; index < 4; index += 1) {
    codes.push(await receiveComplete(request, receptionist!, { ...shipped!, code }, { applicant }));
  }
  for (const dossierCode of codes) await taskAt(request, specialist!, dossierCode, first.activityId);
  // the last dossier waits for a supplement
  const asked = await taskAt(request, specialist!, codes[3]!, first.activityId);
  await claimTask(request, specialist!, asked);
  await completeTask(request, specialist!, asked, {
    outcome: 'request_supplement',
    supplementItems: ['Bản sao giấy tờ chứng minh quyền sử dụng đất'],
  });
  let supplementActivity = '';
  await expect
    .poll(async () => {
      const [task] = await tasksOf(request, receptionist!, codes[3]!);
      supplementActivity = task?.taskDefinitionKey ?? '';
      return supplementActivity;
    }, TASK_WAIT)
    .not.toBe('');

  const v2 = v1
    .replaceAll(`"${supplementActivity}"`, `"${supplementActivity}-moi"`)
    .replace(`id="${first.activityId}" name="${first.name}"`, `id="${first.activityId}" name="${first.name} và lập tờ trình"`);
  await deploy(v2, 'đổi tên bước thẩm định, tách bước nhận hồ sơ bổ sung');
});

for (const size of SIZES) {
  test(`moving dossiers to the new version (${size})`, async ({ browser }) => {
    const page = await signedInAt(browser, size, 'admin');
    await page.goto(`/#/processes/${KEY}/versions`);
    await page.getByRole('button', { name: /^Chuyển sang phiên bản mới/ }).click();
    const dialog = page.getByRole('dialog', { name: /Chuyển hồ sơ từ phiên bản 1 sang phiên bản 2/ });
    await expect(dialog.getByRole('status')).toContainText('hồ sơ chuyển được');
    await expect(dialog.getByRole('button', { name: 'Tiếp tục' })).toBeEnabled();
    // the button's colour eases in once it is enabled
    await page.waitForTimeout(500);
    await shoot(page, `migration-preview-${size}`);

    await dialog.getByRole('button', { name: 'Tiếp tục' }).click();
    await expect(dialog.getByText('Không thể chuyển hồ sơ trở lại phiên bản cũ.')).toBeVisible();
    await shoot(page, `migration-confirm-${size}`);
    if (size !== 'desktop') return;

    await dialog.getByRole('button', { name: 'Chuyển hồ sơ' }).click();
    await expect(dialog.getByRole('status')).toContainText('Đã chuyển 3 hồ sơ sang phiên bản 2');
    await shoot(page, `migration-result-${size}`);
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await expect(page.getByRole('table', { name: 'Các phiên bản' })).toBeVisible();
    await shoot(page, `migration-versions-after-${size}`);
  });
}
