import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlSheet, ControlSheetRow, Dossier } from '@motcua/common';
import { dayNumberOf, vietnamInstant } from '@motcua/common/calendar';
import { DEMO_AGENCIES } from '@motcua/db';
import { build } from '../helpers/build.js';
import { testEngine } from '../helpers/engine.js';
import { claimTask, taskAction, waitForDossier, workTask } from '../helpers/dossier-journey.js';
import { authHeader, receiveDossier } from '../helpers/requests.js';
import { startTestWorkers } from '../helpers/workers.js';
import { readPdf } from '../forms/pdf.js';
import { receptionLegResult } from '../helpers/control-sheet.js';

/**
 * The control sheet (Mẫu 05) built from a real run: one construction permit received, appraised,
 * sent back by the leader, transferred to a partner agency for its opinion and back, approved and
 * returned by post, each step claimed and completed by its officer through the API while the real
 * workers run the system steps. Each handover is judged against the deadline its step had: the
 * planned one, or one the test moved into the past beforehand (as a late officer would find it).
 */
let app: FastifyInstance;
let workers: { stop(): Promise<void> };
let dossier: Dossier;
let sheet: ControlSheet;

/** The demo partner agency of the construction permit and its specialist (Ngô Thị Mai). */
const PARTNER = 'partner.specialist';
const PARTNER_AGENCY = DEMO_AGENCIES.partner;
const APPLICANT = 'Trương Thị Mỹ Duyên';
const TRACKING = 'EB123456785VN';

/** Moves an open task's due date, as if its step had been planned to end then. */
async function setDue(taskId: string, due: Date) {
  await testEngine().setTaskDue(taskId, due);
}

beforeAll(async () => {
  app = await build();
  workers = startTestWorkers();

  // Given a dossier received complete
  const { code } = await receiveDossier(app, {
    applicant: {
      fullName: APPLICANT,
      idNumber: '049190007777',
      phone: '0905777888',
      address: 'Thôn Phú Nhuận, xã Duy Phước, huyện Duy Xuyên',
    },
    resultDelivery: 'post',
    deliveryAddress: 'Thôn Phú Nhuận, xã Duy Phước, huyện Duy Xuyên',
  });
  const today = dayNumberOf(new Date());
  // and the first appraisal finished after its deadline (yesterday afternoon): late
  const first = await claimTask(app, 'specialist', code, 'appraisal');
  await setDue(first.id, vietnamInstant(today - 1, 16 * 60));
  await taskAction(app, 'specialist', first.id, 'complete', { outcome: 'approve', comment: 'Đủ điều kiện cấp phép' });
  // and the leader sending it back for re-appraisal within its deadline: early
  await workTask(app, 'leader', code, 'leader-approval', { outcome: 'send_back', comment: 'Kiểm tra lại chỉ giới' });
  // and the second appraisal finished on the day of its deadline, transferring to the partner agency: on time
  const second = await claimTask(app, 'specialist', code, 'appraisal');
  await setDue(second.id, vietnamInstant(today, 23 * 60 + 59));
  await taskAction(app, 'specialist', second.id, 'complete', {
    outcome: 'transfer',
    partnerAgencyCode: PARTNER_AGENCY.code,
  });
  // and the partner's opinion, the last appraisal, the approval and the return by post
  await workTask(app, PARTNER, code, 'partner-review', { comment: 'Thống nhất' });
  await workTask(app, 'specialist', code, 'appraisal', { outcome: 'approve' });
  await workTask(app, 'leader', code, 'leader-approval', { outcome: 'approve' });
  await workTask(app, 'receptionist', code, 'return-result', { returnMethod: 'post', postalTrackingRef: TRACKING });
  dossier = await waitForDossier(app, code, (current) => current.status === 'returned');

  // When the auditor reads the control sheet
  const response = await app.inject({
    method: 'GET',
    url: `/api/dossiers/${code}/control-sheet`,
    headers: await authHeader(app, 'auditor'),
  });
  expect(response.statusCode).toBe(200);
  sheet = response.json<ControlSheet>();
}, 240_000);
afterAll(async () => {
  await workers.stop();
  await app.close();
});

function handover(row: ControlSheetRow) {
  return [row.fromUnit, row.handedOverBy, row.toUnit, row.receivedBy, row.result];
}


describe('the control sheet of a dossier carried through its process', () => {
  it('has one row per handover, named by unit and officer, first from the one-stop unit, last to the applicant', () => {
    expect(sheet.rows.map(handover)).toEqual([
      ['Bộ phận TN&TKQ', 'Trần Thị Bình', 'Bộ phận chuyên môn', 'Lê Văn Cường', receptionLegResult(sheet.rows[0]!)],
      ['Bộ phận chuyên môn', 'Lê Văn Cường', 'Lãnh đạo', 'Phạm Thị Dung', 'late'],
      ['Lãnh đạo', 'Phạm Thị Dung', 'Bộ phận chuyên môn', 'Lê Văn Cường', 'early'],
      ['Bộ phận chuyên môn', 'Lê Văn Cường', PARTNER_AGENCY.name, 'Ngô Thị Mai', 'on_time'],
      [PARTNER_AGENCY.name, 'Ngô Thị Mai', 'Bộ phận chuyên môn', 'Lê Văn Cường', 'early'],
      ['Bộ phận chuyên môn', 'Lê Văn Cường', 'Lãnh đạo', 'Phạm Thị Dung', 'early'],
      ['Lãnh đạo', 'Phạm Thị Dung', 'Bộ phận TN&TKQ', 'Trần Thị Bình', 'early'],
      ['Bộ phận TN&TKQ', 'Trần Thị Bình', 'Tổ chức, cá nhân', APPLICANT, 'early'],
    ]);
  });

  it('times each handover when the step that gave it ended, in order', () => {
    const times = sheet.rows.map((row) => Date.parse(row.handedOverAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeGreaterThanOrEqual(Date.parse(dossier.receivedAt));
    expect(Date.parse(sheet.rows[0]!.plannedDueAt!)).toBeGreaterThan(Date.parse(dossier.receivedAt));
    expect(times.at(-1)).toBeLessThanOrEqual(Date.parse(dossier.finishedAt!));
  });

  it('notes the send-back, the transfer with the partner’s deadline and the return by post', () => {
    expect(sheet.rows[2]!.note).toContain('Trả lại để xử lý lại');
    expect(sheet.rows[2]!.note).toContain('Kiểm tra lại chỉ giới');
    expect(sheet.rows[3]!.note).toContain(`Chuyển liên thông đến ${PARTNER_AGENCY.name}, hạn xử lý`);
    expect(sheet.rows[7]!.note).toContain(`Trả kết quả qua dịch vụ bưu chính, mã bưu gửi ${TRACKING}`);
    expect(sheet).toMatchObject({
      dossierCode: dossier.code,
      resolvingAgencyName: DEMO_AGENCIES.district.name,
      coordinatingAgencyNames: [PARTNER_AGENCY.name],
    });
  });

  it('judges the partner’s leg against the transfer’s deadline', () => {
    const transfer = dossier.transfers[0]!;
    expect(sheet.rows[4]!.plannedDueAt).toBe(transfer.dueAt);
  });

  it('prints the same handovers on the PDF form', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${dossier.code}/forms/control-sheet.pdf`,
      headers: await authHeader(app, 'auditor'),
    });
    expect(response.statusCode).toBe(200);
    const { text } = await readPdf(response.rawPayload);
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(dossier.code);
    expect(text).toContain('1. Giao: Bộ phận TN&TKQ 2. Nhận: Bộ phận chuyên môn');
    expect(text).toContain(`Người giao: Lê Văn Cường Người nhận: Ngô Thị Mai Đúng hạn`);
    expect(text).toContain('Người giao: Lê Văn Cường Người nhận: Phạm Thị Dung Quá hạn');
    expect(text).toContain(`2. Nhận: Tổ chức, cá nhân`);
    expect(text).toContain(APPLICANT);
  });
});
