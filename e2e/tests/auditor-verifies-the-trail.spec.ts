import AxeBuilder from '@axe-core/playwright';
import { CHAIN_NAMES, TrailPage } from '../pages/trail-page.js';
import { expect, test } from '../support/fixtures.js';
import { publicProcedures, receiveComplete, signInOfficer } from '../support/office-api.js';
import { asTamperer, databaseUrl } from '../support/tamperer.js';

/**
 * The auditor verifies the trail (issue 10, F and G). A dossier is received, so the chain of dossier
 * events has a row this journey owns. The auditor opens "Kiểm tra chuỗi nhật ký" from the menu, runs
 * the check and reads that both chains are intact and how many links were checked. Then the reception
 * event's note is edited directly in the database, behind the application and its triggers; the
 * auditor runs the check again and the page names the first broken link: that row, when it was
 * written, and that its content no longer matches its hash; that result passes WCAG 2.2 AA. The row is
 * put back afterwards, and the check is intact again, since the journeys share one stack.
 */

const PERMIT = '1.009994';
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface EventRow {
  id: string;
  chainSeq: string;
  note: string | null;
  /** ISO 8601 in UTC: the column is a timestamp without its zone, written in UTC. */
  occurredAt: string;
}

let victim: EventRow;

test.beforeAll(async ({ request }) => {
  test.skip(!databaseUrl(), 'needs the database of the stack (E2E_DATABASE_URL) to edit a row behind the application');
  const receptionist = await signInOfficer(request, 'receptionist');
  const procedure = (await publicProcedures(request)).find((candidate) => candidate.code === PERMIT);
  if (!procedure) throw new Error(`the catalogue lacks ${PERMIT}`);
  const code = await receiveComplete(request, receptionist, procedure, {
    applicant: {
      fullName: 'Phan Thị Kiểm',
      idNumber: '049190007777',
      phone: '0905777888',
      address: '12 Hùng Vương, thị trấn Nam Phước, huyện Duy Xuyên, Quảng Nam',
    },
  });
  const rows = await asTamperer<EventRow>(
    `SELECT e.id::text AS id, e."chainSeq"::text AS "chainSeq", e.note,
            to_char(e."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt"
       FROM "DossierEvent" e JOIN "Dossier" d ON d.id = e."dossierId"
      WHERE d.code = $1 ORDER BY e."chainSeq" LIMIT 1`,
    [code],
  );
  if (!rows[0]) throw new Error(`the reception of ${code} wrote no dossier event`);
  victim = rows[0];
});

/** A moment as the page writes it: "HH:mm dd/MM/yyyy" in Vietnam's time. */
function vietnameseTime(at: string): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('day')}/${part('month')}/${part('year')}`;
}

test('the auditor sees the trail intact, then the first broken link of a row edited in the database', async ({
  signIn,
}) => {
  const page = await signIn('auditor');
  const trail = new TrailPage(page);
  await trail.openFromMenu();

  // given an untouched database, when the auditor runs the check, then both chains are intact
  await expect(await trail.run()).toContainText('Cả hai chuỗi nhật ký nguyên vẹn');
  for (const table of Object.keys(CHAIN_NAMES) as (keyof typeof CHAIN_NAMES)[]) {
    await expect(trail.chain(table)).toContainText('Nguyên vẹn');
    await expect(trail.chain(table)).toContainText(/Đã kiểm tra [\d.]+ mắt xích/);
    await expect(trail.firstBreak(table)).toHaveCount(0);
  }
  const checked = await trail
    .chain('DossierEvent')
    .getByText(/Đã kiểm tra [\d.]+ mắt xích/)
    .textContent();
  expect(Number(checked?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(Number(victim.chainSeq));

  // when someone edits the reception event directly in the database
  await asTamperer(`UPDATE "DossierEvent" SET note = $2 WHERE id = $1::bigint`, [
    victim.id,
    'sửa trực tiếp trong CSDL',
  ]);
  try {
    // then the check names that row as the first broken link: which row, when, what
    await expect(await trail.run()).toContainText('Chuỗi nhật ký đã bị phá vỡ');
    await expect(trail.chain('DossierEvent')).toContainText('Bị phá vỡ');
    await expect(trail.chain('DossierEvent')).toContainText(
      `Đã kiểm tra ${Number(victim.chainSeq).toLocaleString('vi-VN')} mắt xích`,
    );
    await expect(trail.breakDetail('DossierEvent', 'Bản ghi')).toHaveText(
      `số ${victim.id}, vị trí ${victim.chainSeq} trong chuỗi`,
    );
    await expect(trail.breakDetail('DossierEvent', 'Thời điểm ghi')).toHaveText(vietnameseTime(victim.occurredAt));
    await expect(trail.breakDetail('DossierEvent', 'Sai lệch')).toHaveText(
      'Nội dung bản ghi đã bị sửa: không khớp mã băm đã lưu',
    );
    // the audit log was not touched: its chain stays intact
    await expect(trail.chain('AuditLog')).toContainText('Nguyên vẹn');
    // the verdict and the broken link pass WCAG 2.2 AA too (the menu's crawl sees the page before a check)
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  } finally {
    await asTamperer(`UPDATE "DossierEvent" SET note = $2 WHERE id = $1::bigint`, [victim.id, victim.note]);
  }

  // when the row is put back, then the chain is whole again
  await expect(await trail.run()).toContainText('Cả hai chuỗi nhật ký nguyên vẹn');
});
