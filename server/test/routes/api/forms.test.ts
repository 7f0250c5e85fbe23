import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMELINESS_LABELS, type Apology, type ControlSheet, type Dossier } from '@motcua/common';
import { dayNumberOf, vietnamInstant } from '@motcua/common/calendar';
import { DEMO_AGENCIES } from '@motcua/db';
import { formEdition, timeAndDateInWords } from '../../../src/forms/index.js';
import { ensureAccount, ensureOtherDistrict, OTHER_DISTRICT } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { receptionLegResult } from '../../helpers/control-sheet.js';
import { claimTask, getDossier, waitForDossier, workTask } from '../../helpers/dossier-journey.js';
import { authHeader, receiveDossier, type Username } from '../../helpers/requests.js';
import { startTestWorkers } from '../../helpers/workers.js';
import { A5, readPdf } from '../../forms/pdf.js';

/**
 * GET /api/dossiers/{code}/forms/{form}.pdf: each standard form of a real dossier, read back as the
 * text a PDF reader extracts; 404 where the form does not apply, and for officers who may not see
 * the dossier. Dossiers are received through the API and carried on by the real workers.
 */
let app: FastifyInstance;
let workers: { stop(): Promise<void> };

const STATUS_PAGE = 'http://127.0.0.1:3000/#/tra-cuu?code=';

beforeAll(async () => {
  app = await build();
  workers = startTestWorkers();
  await ensureOtherDistrict(app.db);
  await ensureAccount(app.db, {
    username: 'forms-specialist-dl',
    fullName: 'Ngô Văn Khoa',
    roles: ['specialist'],
    agencyCode: OTHER_DISTRICT.code,
  });
});
afterAll(async () => {
  await workers.stop();
  await app.close();
});

function applicant(fullName: string, idNumber: string) {
  return { fullName, idNumber, phone: '0905123456', address: 'Thôn Mỹ Phước, xã Duy Thành, huyện Duy Xuyên' };
}

async function form(code: string, name: string, username: Username = 'auditor') {
  return app.inject({
    method: 'GET',
    url: `/api/dossiers/${code}/forms/${name}.pdf`,
    headers: await authHeader(app, username),
  });
}

/** The form as PDF: checks the answer's type and name, returns the extracted text and the first page. */
async function pdfOf(code: string, name: string, username: Username = 'auditor') {
  const response = await form(code, name, username);
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['content-disposition']).toBe(`inline; filename="${name}-${code}.pdf"`);
  const pdf = await readPdf(response.rawPayload);
  return { text: pdf.text, page: pdf.pages[0]! };
}

async function expectNotApplicable(code: string, name: string, reason: string) {
  const response = await form(code, name);
  expect(response.statusCode).toBe(404);
  expect(response.json().message).toBe(`dossier ${code} has no ${name} form: ${reason}`);
}

describe('a dossier received complete', () => {
  let dossier: Dossier;

  beforeAll(async () => {
    const { code } = await receiveDossier(app, { applicant: applicant('Nguyễn Thị Hồng Nhung', '049186001234') });
    dossier = await waitForDossier(app, code, (current) => current.originalDueAt !== null);
  });

  it('has its receipt with the appointment, the receptionist and a QR code to the status page', async () => {
    const { text, page } = await pdfOf(dossier.code, 'receipt');
    expect(page).toMatchObject({ width: A5.width, height: A5.height });
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(`Mã hồ sơ: ${dossier.code}`);
    expect(text).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung');
    expect(text).toContain(
      `5. Thời gian trả kết quả giải quyết hồ sơ: ${timeAndDateInWords(new Date(dossier.originalDueAt!))}`,
    );
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Trần Thị Bình');
    expect(page.links).toEqual([`${STATUS_PAGE}${dossier.code}`]);
  });

  it('has no supplement request, refusal or apology', async () => {
    await expectNotApplicable(dossier.code, 'supplement-request', 'no supplement was requested, at reception or since');
    await expectNotApplicable(dossier.code, 'refusal', 'it was not refused (status in_progress)');
    await expectNotApplicable(dossier.code, 'apology', 'no apology of it was approved');
  });

  it('is not found for an officer of another district', async () => {
    for (const name of ['receipt', 'control-sheet']) {
      const response = await form(dossier.code, name, 'forms-specialist-dl');
      expect(response.statusCode).toBe(404);
      expect(response.json().message).toBe(`dossier ${dossier.code} does not exist`);
    }
  });

  it('answers 400 naming the form for a form that does not exist', async () => {
    const response = await form(dossier.code, 'permit');
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ path: 'params/file', code: 'invalid_option' });
  });
});

describe('a dossier found incomplete at reception', () => {
  const missingItems = [
    'Bản vẽ mặt cắt công trình có chữ ký của chủ đầu tư',
    'Bản sao Giấy chứng nhận quyền sử dụng đất có chứng thực',
  ];
  let code: string;

  beforeAll(async () => {
    ({ code } = await receiveDossier(app, {
      applicant: applicant('Đặng Quốc Việt', '049190004321'),
      outcome: 'incomplete',
      missingItems,
      documents: [],
    }));
  });

  it('has its supplement request listing every missing item at once', async () => {
    const { text } = await pdfOf(code, 'supplement-request');
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain(code);
    expect(text).toContain('Hồ sơ của: Đặng Quốc Việt');
    expect(text).toContain(`1. ${missingItems[0]}`);
    expect(text).toContain(`2. ${missingItems[1]}`);
    expect(text).toContain('NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên) Trần Thị Bình');
  });

  it('has no receipt and no control sheet, its processing not having started', async () => {
    await expectNotApplicable(code, 'receipt', 'it was not received complete (status incomplete)');
    await expectNotApplicable(code, 'control-sheet', 'its processing has not started');
  });
});

describe('a dossier refused at reception', () => {
  const reason = 'Thửa đất nằm trong hành lang bảo vệ đê điều, không đủ điều kiện cấp phép xây dựng';
  let code: string;

  beforeAll(async () => {
    ({ code } = await receiveDossier(app, {
      applicant: applicant('Phan Văn Lộc', '049190005555'),
      outcome: 'refused',
      refusalReason: reason,
      documents: [],
    }));
  });

  it('has its refusal with the reason', async () => {
    const { text } = await pdfOf(code, 'refusal');
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toContain('Tiếp nhận hồ sơ của: Phan Văn Lộc');
    expect(text).toContain(reason);
  });

  it('has no receipt', async () => {
    await expectNotApplicable(code, 'receipt', 'it was not received complete (status refused)');
  });
});

describe('a dossier sent back for supplement during processing', () => {
  it('has the supplement request of the pause, with the specialist as guide', async () => {
    const { code } = await receiveDossier(app, { applicant: applicant('Lê Thị Thu Hà', '049190006666') });
    await workTask(app, 'specialist', code, 'appraisal', {
      outcome: 'request_supplement',
      supplementItems: ['Văn bản thỏa thuận đấu nối hạ tầng kỹ thuật', 'Ảnh chụp hiện trạng khu đất'],
    });
    await waitForDossier(app, code, (current) => current.status === 'awaiting_supplement');
    const { text } = await pdfOf(code, 'supplement-request');
    expect(text).toContain('Hồ sơ của: Lê Thị Thu Hà');
    expect(text).toContain('1. Văn bản thỏa thuận đấu nối hạ tầng kỹ thuật');
    expect(text).toContain('2. Ảnh chụp hiện trạng khu đất');
    expect(text).toContain('NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên) Lê Văn Cường');
  });
});

describe('a dossier whose apology was approved', () => {
  it('has the apology letter with its number, the reason and the new date, signed by the leader', async () => {
    // given an approved apology with a new date on the first working day after the appointment
    const { code } = await receiveDossier(app, { applicant: applicant('Trần Văn Hùng', '049190008888') });
    const dossier = await waitForDossier(app, code, (current) => current.dueAt !== null);
    await claimTask(app, 'specialist', code, 'appraisal');
    const { calendar } = await app.legalClock.setup();
    let day = dayNumberOf(new Date(dossier.dueAt!)) + 1;
    while (!calendar.isWorkingDay(day)) day += 1;
    const newDueAt = vietnamInstant(day, 15 * 60);
    const reason = 'Phải lấy ý kiến của Phòng Tài nguyên và Môi trường về ranh giới thửa đất';
    const drafted = await app.inject({
      method: 'POST',
      url: `/api/dossiers/${code}/apologies`,
      headers: await authHeader(app, 'specialist'),
      payload: { reason, newDueAt: newDueAt.toISOString() },
    });
    await expectNotApplicable(code, 'apology', 'no apology of it was approved');
    const approved = await app.inject({
      method: 'POST',
      url: `/api/apologies/${drafted.json<Apology>().id}/approve`,
      headers: await authHeader(app, 'leader'),
      payload: {},
    });
    const apology = approved.json<Apology>();

    // when the apology form is read
    const { text } = await pdfOf(code, 'apology');

    // then it is the apology of the edition in force, with the number, the old and new dates, and the reason
    expect(text).toContain(formEdition('apology', new Date(apology.decidedAt!)).title);
    expect(text).toContain(`Số: ${apology.letterNumber}`);
    expect(text).toContain('Kính gửi: Ông/Bà Trần Văn Hùng');
    expect(text).toContain(code);
    expect(text).toContain(timeAndDateInWords(new Date(dossier.dueAt!)));
    expect(text).toContain(timeAndDateInWords(newDueAt));
    expect(text).toContain(`Lý do: ${reason}`);
    expect(text).toContain('Phạm Thị Dung');
    expect((await getDossier(app, code)).dueAt).toBe(newDueAt.toISOString());
  });
});

describe('the control sheet form', () => {
  it('lists the handovers so far, from the one-stop unit to the specialist', async () => {
    const { code } = await receiveDossier(app, { applicant: applicant('Võ Thị Kim Oanh', '049190009999') });
    await workTask(app, 'specialist', code, 'appraisal', { outcome: 'approve' });
    await claimTask(app, 'leader', code, 'leader-approval');
    const { text } = await pdfOf(code, 'control-sheet');
    const sheet = await app.inject({
      method: 'GET',
      url: `/api/dossiers/${code}/control-sheet`,
      headers: await authHeader(app, 'auditor'),
    });
    const reception = TIMELINESS_LABELS[receptionLegResult(sheet.json<ControlSheet>().rows[0]!)].vi;
    expect(text).toContain(formEdition('control_sheet', new Date()).title);
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toContain(`Cơ quan (bộ phận) giải quyết hồ sơ: ${DEMO_AGENCIES.district.name}`);
    expect(text).toContain('1. Giao: Bộ phận TN&TKQ 2. Nhận: Bộ phận chuyên môn');
    expect(text).toContain(`Người giao: Trần Thị Bình Người nhận: Lê Văn Cường ${reception}`);
    expect(text).toContain('1. Giao: Bộ phận chuyên môn 2. Nhận: Lãnh đạo');
    expect(text).toContain('Người giao: Lê Văn Cường Người nhận: Phạm Thị Dung Trước hạn');
  });
});
