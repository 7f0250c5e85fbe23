import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_MAX_DAYS, type ApologyReport, type Register } from '@motcua/common';
import { formatLocalDate, parseLocalDate, toVietnamDate } from '@motcua/common/calendar';
import { DEMO_AGENCIES, DEMO_PROCEDURES } from '@motcua/db';
import {
  ensureAccount,
  ensureOtherDistrict,
  OTHER_DISTRICT,
  ensureProvinceReceptionist,
  PROVINCE_RECEPTIONIST,
} from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { authHeader, DISTRICT_CODE, dossierBody, receiveDossier, type Username } from '../../helpers/requests.js';
import { readPdf } from '../../forms/pdf.js';

/**
 * The register (Mẫu 06) of an agency for a period, as data and as an A4 PDF, and the apology counts
 * per agency: who may read them, and what they list.
 */
let app: FastifyInstance;
const today = toVietnamDate(new Date());
const received: { code: string; name: string }[] = [];

beforeAll(async () => {
  app = await build();
  await ensureOtherDistrict(app.db);
  await ensureAccount(app.db, {
    username: 'reports-leader-dl',
    fullName: 'Võ Thị Hạnh',
    roles: ['leader'],
    agencyCode: OTHER_DISTRICT.code,
  });
  // Given two dossiers received today by the district, one of them incomplete
  for (const [name, outcome] of [
    ['Châu Văn Phúc', 'complete'],
    ['Lâm Thị Ngọc Ánh', 'incomplete'],
  ] as const) {
    const { code } = await receiveDossier(app, {
      applicant: { fullName: name, idNumber: '049190001111', phone: '0905111222', address: 'Thôn Tây Hồ, xã Duy Vinh' },
      outcome,
      ...(outcome === 'incomplete' ? { missingItems: ['Bản vẽ mặt bằng móng'], documents: [] } : {}),
    });
    received.push({ code, name });
  }
});
afterAll(async () => {
  await app.close();
});

async function get(url: string, username: Username = 'auditor') {
  return app.inject({ method: 'GET', url, headers: await authHeader(app, username) });
}

describe('the register (Mẫu 06)', () => {
  it('lists the period’s dossiers of the agency in the order received', async () => {
    const response = await get(`/api/reports/register?agency=${DISTRICT_CODE}&from=${today}&to=${today}`);
    expect(response.statusCode).toBe(200);
    const register = response.json<Register>();
    expect(register.agency).toEqual({ code: DISTRICT_CODE, name: DEMO_AGENCIES.district.name });
    const listed = register.entries.filter((entry) => received.some((dossier) => dossier.code === entry.code));
    expect(listed.map((entry) => [entry.code, entry.applicantName, entry.status])).toEqual([
      [received[0]!.code, received[0]!.name, expect.stringMatching(/^(received|in_progress)$/)],
      [received[1]!.code, received[1]!.name, 'incomplete'],
    ]);
    expect(register.entries.map((entry) => entry.index)).toEqual(register.entries.map((_, index) => index + 1));
  });

  it('prints them on A4 with the title and the period', async () => {
    const response = await get(`/api/reports/register.pdf?from=${today}&to=${today}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `inline; filename="so-theo-doi-${DISTRICT_CODE}-${today}-${today}.pdf"`,
    );
    const pdf = await readPdf(response.rawPayload);
    expect(Math.round(Math.max(pdf.pages[0]!.width, pdf.pages[0]!.height))).toBe(842);
    expect(pdf.text).toContain('SỔ THEO DÕI HỒ SƠ');
    for (const dossier of received) {
      expect(pdf.text).toContain(dossier.code);
      expect(pdf.text).toContain(dossier.name);
    }
  });

  it('leaves out dossiers received outside the period', async () => {
    const response = await get(`/api/reports/register?from=2020-01-01&to=2020-01-31`);
    expect(response.json<Register>().entries).toEqual([]);
  });

  it('is not given to another district', async () => {
    const response = await get(
      `/api/reports/register.pdf?agency=${DISTRICT_CODE}&from=${today}&to=${today}`,
      'reports-leader-dl',
    );
    expect(response.statusCode).toBe(403);
  });

  it('is read by the province’s oversight, not by a receptionist of the province (Art. 4.2d)', async () => {
    // given a receptionist of the province above the district
    await ensureProvinceReceptionist(app.db);
    const url = `/api/reports/register?agency=${DISTRICT_CODE}&from=${today}&to=${today}`;
    // when the province's admin and its receptionist ask for the district's register
    const byAdmin = await get(url, 'admin');
    const byReceptionist = await get(url, PROVINCE_RECEPTIONIST);
    // then the admin gets it with the district's dossiers, and the receptionist is refused
    expect(byAdmin.statusCode).toBe(200);
    const codes = byAdmin.json<Register>().entries.map((entry) => entry.code);
    expect(codes).toEqual(expect.arrayContaining(received.map((dossier) => dossier.code)));
    expect(byReceptionist.statusCode).toBe(403);
  });

  it('lists only the own agency’s dossiers to its receptionist, not those of the agencies below', async () => {
    // given a dossier received today by the commune below the district
    const response = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: await authHeader(app, 'xa.receptionist'),
      payload: dossierBody({
        procedureCode: DEMO_PROCEDURES.birthRegistration.code,
        outcome: 'incomplete',
        missingItems: ['Giấy chứng sinh'],
        documents: [],
      }),
    });
    expect(response.statusCode, response.body).toBe(201);
    const commune = response.json<{ code: string }>();
    // when the district's receptionist and its auditor read the district's register
    const url = `/api/reports/register?agency=${DISTRICT_CODE}&from=${today}&to=${today}`;
    const listed = async (username: Username) =>
      (await get(url, username)).json<Register>().entries.map((entry) => entry.code);
    // then the auditor oversees the commune's dossier as well, the receptionist does not see it
    expect(await listed('auditor')).toContain(commune.code);
    expect(await listed('receptionist')).not.toContain(commune.code);
    expect(await listed('receptionist')).toEqual(expect.arrayContaining(received.map((dossier) => dossier.code)));
  });

  it('answers 400 naming the field for an unknown agency or a period that ends before it starts', async () => {
    const unknown = await get(`/api/reports/register?agency=000.99.99.H41&from=${today}&to=${today}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0]).toMatchObject({ path: 'querystring/agency', code: 'unknown_agency' });
    const reversed = await get(`/api/reports/register?from=2026-12-02&to=2026-12-01`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().issues[0].path).toBe('querystring/from');
  });

  describe.each(['/api/reports/register', '/api/reports/register.pdf'])('%s', (route) => {
    // 2020 is a leap year: its 366 days are the longest period allowed
    const from = '2020-01-01';
    const dayAfter = (first: string, days: number) => formatLocalDate(parseLocalDate(first) + days);

    it(`gives a period of ${REGISTER_MAX_DAYS} days, both included`, async () => {
      const to = dayAfter(from, REGISTER_MAX_DAYS - 1);
      expect(to).toBe('2020-12-31');
      expect((await get(`${route}?from=${from}&to=${to}`)).statusCode).toBe(200);
    });

    it('answers 400 naming `to` for a period one day longer', async () => {
      const response = await get(`${route}?from=${from}&to=${dayAfter(from, REGISTER_MAX_DAYS)}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().issues).toEqual([
        expect.objectContaining({
          path: 'querystring/to',
          message: expect.stringContaining(`${REGISTER_MAX_DAYS} days`),
        }),
      ]);
    });
  });

  it('answers 400 invalid_date for a day of the period not written YYYY-MM-DD', async () => {
    const response = await get(`/api/reports/register?from=27/11/2026&to=${today}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ path: 'querystring/from', code: 'invalid_date' });
  });
});

describe('the apology counts', () => {
  it('has a row for every agency of the caller’s subtree', async () => {
    const response = await get(`/api/reports/apologies?from=${today}&to=${today}`, 'admin');
    expect(response.statusCode).toBe(200);
    const report = response.json<ApologyReport>();
    const codes = report.agencies.map((row) => row.agency.code);
    expect(codes).toEqual(expect.arrayContaining([DEMO_AGENCIES.province.code, DISTRICT_CODE, OTHER_DISTRICT.code]));
    expect(report.total.drafted).toBe(report.agencies.reduce((sum, row) => sum + row.drafted, 0));
  });

  it('is for leaders, auditors and admins', async () => {
    expect((await get(`/api/reports/apologies?from=${today}&to=${today}`, 'specialist')).statusCode).toBe(403);
  });
});
