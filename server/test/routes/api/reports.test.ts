import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApologyReport, Register } from '@motcua/common';
import { toVietnamDate } from '@motcua/common/calendar';
import { DEMO_AGENCIES } from '@motcua/db';
import { ensureAccount, ensureOtherDistrict, OTHER_DISTRICT } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { authHeader, DISTRICT_CODE, receiveDossier, type Username } from '../../helpers/requests.js';
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

  it('answers 400 naming the field for an unknown agency or a period that ends before it starts', async () => {
    const unknown = await get(`/api/reports/register?agency=000.99.99.H41&from=${today}&to=${today}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0]).toMatchObject({ path: 'querystring/agency', code: 'unknown_agency' });
    const reversed = await get(`/api/reports/register?from=2026-12-02&to=2026-12-01`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().issues[0].path).toBe('querystring/from');
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
