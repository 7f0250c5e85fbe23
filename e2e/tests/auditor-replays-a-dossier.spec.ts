import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { USER_TASKS, type CompleteTask, type Task, type TaskOutcome } from '@motcua/common';
import { LoginPage } from '../pages/login-page.js';
import { ReplayPanel } from '../pages/replay-page.js';
import { expect, test } from '../support/fixtures.js';
import {
  claimTask,
  completeTask,
  expectPublicStatus,
  forwardOutcome,
  nextOpenTask,
  publicProcedures,
  receiveComplete,
  signInOfficer,
  type Officer,
} from '../support/office-api.js';

/**
 * The auditor replays a finished dossier on its diagram. A construction permit dossier is walked to
 * its end over the API by the officers whose work lists hold each task: the appraisal first asks the
 * applicant for a supplement, then transfers the dossier to the partner agency, then approves; the
 * leader approves and the result is returned at the counter. The auditor opens the dossier, sees the
 * diagram of the version it ran on with the pause and the transfer marked, goes through the
 * handovers one by one (who, the outcome chosen), then plays the replay to its end. Screenshots of
 * the replay at a desktop and a phone size go to docs/screenshots/.
 */

const PERMIT = '1.009994';
const OUT_DIR = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const SIZES = {
  desktop: { viewport: { width: 1366, height: 768 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
} as const;
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The outcomes shown in the step card, as the officers' UI names them. */
const OUTCOME_LABELS: Partial<Record<TaskOutcome, string>> = {
  approve: 'Phê duyệt',
  request_supplement: 'Yêu cầu bổ sung hồ sơ',
  transfer: 'Chuyển cơ quan phối hợp (liên thông)',
};

/** Each officer's deviation, taken once, in this order; then the dossier goes forward. */
const DETOURS: readonly TaskOutcome[] = ['request_supplement', 'transfer'];

interface Done {
  officer: Officer;
  outcome: TaskOutcome | null;
}

let code = '';
let partner: Officer;
const done: Done[] = [];

async function auditorPage(browser: Browser, size: keyof typeof SIZES): Promise<Page> {
  const { viewport, isMobile } = SIZES[size];
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await new LoginPage(page).loginAs('auditor');
  return page;
}

/** How an officer completes the task: a detour not yet taken, else forward; the result at the counter. */
function completionOf(task: Task, taken: Set<TaskOutcome>): CompleteTask {
  const detour = DETOURS.find((outcome) => !taken.has(outcome) && task.outcomes.includes(outcome));
  if (detour) taken.add(detour);
  const outcome = detour ?? forwardOutcome(task.outcomes);
  return {
    ...(outcome ? { outcome } : {}),
    ...(outcome === 'request_supplement' ? { supplementItems: ['Bản vẽ mặt bằng công trình (bản chính)'] } : {}),
    ...(outcome === 'transfer' ? { partnerAgencyCode: partner.agency.code } : {}),
    ...(task.taskDefinitionKey === USER_TASKS.returnResult ? { returnMethod: 'counter' as const } : {}),
  };
}

test.describe.serial('the auditor replays a finished dossier on its diagram', () => {
  test.beforeAll(async ({ request }) => {
    test.setTimeout(300_000);
    mkdirSync(OUT_DIR, { recursive: true });
    const [receptionist, specialist, leader] = await Promise.all(
      ['receptionist', 'specialist', 'leader'].map((username) => signInOfficer(request, username)),
    );
    partner = await signInOfficer(request, 'partner.specialist');
    const procedure = (await publicProcedures(request)).find((candidate) => candidate.code === PERMIT);
    expect(procedure, `procedure ${PERMIT} in the public catalogue`).toBeDefined();
    code = await receiveComplete(request, receptionist!, procedure!, {
      applicant: {
        fullName: 'Trần Văn Kiểm',
        idNumber: '049190007788',
        phone: '0905222333',
        address: '8 Lê Lợi, thị trấn Nam Phước, huyện Duy Xuyên, Quảng Nam',
      },
    });
    const officers = [receptionist!, specialist!, leader!, partner];
    const completed = new Set<string>();
    const taken = new Set<TaskOutcome>();
    for (let returned = false; !returned;) {
      const { officer, task } = await nextOpenTask(request, officers, code, completed);
      const completion = completionOf(task, taken);
      await claimTask(request, officer, task);
      await completeTask(request, officer, task, completion);
      completed.add(task.id);
      done.push({ officer, outcome: completion.outcome ?? null });
      returned = task.taskDefinitionKey === USER_TASKS.returnResult;
    }
    await expectPublicStatus(request, code, 'returned');
    expect(done.map((step) => step.outcome)).toEqual(expect.arrayContaining([...DETOURS]));
  });

  test('the auditor sees the path on the diagram and goes through each handover', async ({ browser }) => {
    const page = await auditorPage(browser, 'desktop');
    const replay = new ReplayPanel(page);
    await replay.open(code);
    await expect(replay.section()).toContainText(/Quy trình house-construction-permit, phiên bản \d+/);
    await expect(replay.section()).toContainText('quy trình đã kết thúc');
    await expect(replay.diagram()).toBeVisible();
    // the pause and the transfer marked on the diagram
    await expect(replay.diagram().getByText('Tạm dừng').first()).toBeVisible();
    await expect(replay.diagram().getByText(`Liên thông: ${partner.agency.name}`).first()).toBeVisible();

    // the last stop first: the end of the process
    const last = await replay.position();
    expect(last.number).toBe(last.count);
    expect(last.count).toBeGreaterThan(done.length);

    // then step by step from the reception: each officer's step with who did it and the outcome chosen
    await replay.toStart();
    await expect(replay.cardValue('Người thực hiện')).toContainText('(receptionist)');
    const handovers: { actor: string; outcome: string }[] = [];
    for (let number = 2; number <= last.count; number += 1) {
      await replay.next();
      await expect(replay.cardHeading()).toHaveText(new RegExp(`^Bước ${number}/${last.count}:`));
      if ((await replay.section().getByText('Cán bộ xử lý', { exact: true }).count()) > 0) {
        handovers.push({
          actor: (await replay.cardValue('Người thực hiện').textContent()) ?? '',
          outcome: (await replay.cardValue('Kết quả').textContent()) ?? '',
        });
      }
    }
    expect(handovers.map((step) => step.actor.match(/\(([^)]+)\)$/)?.[1])).toEqual(
      done.map((step) => step.officer.username),
    );
    expect(handovers.map((step) => step.outcome)).toEqual(
      done.map((step) => (step.outcome ? (OUTCOME_LABELS[step.outcome] ?? step.outcome) : '—')),
    );

    // and the replay plays from the start to the end by itself, and pauses when asked
    await replay.playButton().click();
    await expect(replay.pauseButton()).toBeVisible();
    await expect(replay.cardHeading()).toHaveText(/^Bước 2\//);
    await replay.pauseButton().click();
    const paused = await replay.position();
    await page.waitForTimeout(2_000);
    expect((await replay.position()).number).toBe(paused.number);
    await replay.playButton().click();
    await expect(replay.cardHeading()).toHaveText(new RegExp(`^Bước ${last.count}/${last.count}:`), {
      timeout: last.count * 2_000,
    });
    await expect(replay.playButton()).toBeVisible();

    // the replay meets WCAG 2.2 AA, its colours included
    const results = await new AxeBuilder({ page })
      .include('[aria-labelledby="dossier-replay-heading"]')
      .withTags(WCAG_22_AA)
      .analyze();
    expect(
      results.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    await page.context().close();
  });

  for (const size of ['desktop', 'phone'] as const) {
    test(`screenshot of the replay at the transfer, ${size}`, async ({ browser }) => {
      const page = await auditorPage(browser, size);
      const replay = new ReplayPanel(page);
      await replay.open(code);
      await expect(replay.diagram()).toBeVisible();
      await replay.toStart();
      // on to the partner agency's step
      for (;;) {
        const { number, count } = await replay.position();
        if ((await replay.cardValue('Liên thông').count()) > 0 || number >= count) break;
        await replay.next();
      }
      await replay.next();
      await expect(page.getByRole('progressbar')).toHaveCount(0);
      // the replay at the top of the screen, below the app bar, as the auditor scrolls to it
      await replay.section().evaluate((section) => {
        section.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -72);
      });
      await page.screenshot({ path: join(OUT_DIR, `dossier-replay-auditor-${size}.png`) });
      await page.context().close();
    });
  }
});
