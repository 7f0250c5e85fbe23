import { describe, expect, it } from 'vitest';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { HttpError } from 'react-admin';
import { DOSSIER_LIST_TOTAL_CAP, TASK_LIST_TOTAL_CAP } from '@motcua/common';
import { createDataProvider } from '../src/providers/dataProvider.js';
import { createApiClient } from '../src/providers/http.js';
import { vi } from '../src/i18n/vi.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fake API: records each call and answers with the next canned response. */
function fakeApi(
  responses: { status: number; body?: unknown; raw?: string; headers?: Record<string, string> }[],
  token: string | null = 'token-1',
) {
  const calls: Call[] = [];
  /** The waits the client asked for before asking again, in milliseconds (none really taken). */
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    const next = responses.shift() ?? { status: 500 };
    if (next.raw !== undefined) return new Response(next.raw, { status: next.status, headers: next.headers });
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), {
      status: next.status,
      headers: next.headers,
    });
  };
  const translate = polyglotI18nProvider(() => vi, 'vi').translate;
  const provider = createDataProvider(
    createApiClient({ baseUrl: '/api', getToken: () => token, translate, fetch, sleep }),
  );
  return { provider, calls, waits };
}

const dossier = {
  id: '6f1c0e7e-0000-4000-8000-000000000001',
  code: '000.00.17.H41-261127-0001',
  status: 'received',
  channel: 'counter',
  receivedAt: '2026-11-27T02:00:00.000Z',
  dueAt: null,
  finishedAt: null,
  processInstanceId: null,
  applicant: {
    fullName: 'Lê Văn Cường',
    idNumber: '049090000001',
    phone: '0912345678',
    address: 'Duy Xuyên, Quảng Nam',
  },
  procedure: { code: '1.009994', name: 'Cấp giấy phép xây dựng', processingDays: 15 },
  agency: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
};

describe('dataProvider', () => {
  it('lists dossiers with status, search and paging in the query and the code as record id', async () => {
    // given an API returning one dossier
    const { provider, calls } = fakeApi([{ status: 200, body: { data: [dossier], total: 31 } }]);
    // when react-admin asks for page 2 of received dossiers matching "Cường"
    const result = await provider.getList('dossiers', {
      pagination: { page: 2, perPage: 10 },
      sort: { field: 'receivedAt', order: 'DESC' },
      filter: { status: 'received', q: ' Cường ' },
    });
    // then the query carries the filters and the record is addressed by its code
    expect(calls[0]?.url).toBe('/api/dossiers?status=received&q=C%C6%B0%E1%BB%9Dng&page=2&perPage=10');
    expect(calls[0]?.headers.Authorization).toBe('Bearer token-1');
    expect(result).toMatchObject({ total: 31, data: [{ id: dossier.code, code: dossier.code }] });
  });

  it('pages a list the API counts as more than its maximum without showing a made-up total', async () => {
    // given an API that counted more dossiers than DOSSIER_LIST_TOTAL_CAP
    const { provider } = fakeApi([{ status: 200, body: { data: [dossier], total: DOSSIER_LIST_TOTAL_CAP + 1 } }]);
    // when react-admin asks for the second page
    const params = {
      pagination: { page: 2, perPage: 25 },
      sort: { field: 'receivedAt', order: 'DESC' as const },
      filter: {},
    };
    const result = await provider.getList('dossiers', params);
    // then the pager is told there are pages before and after, and no total
    expect(result.total).toBeUndefined();
    expect(result.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true });
  });

  it('receives a dossier with only the fields the API accepts', async () => {
    const { provider, calls } = fakeApi([{ status: 201, body: dossier }]);
    const result = await provider.create('dossiers', {
      data: { procedureCode: '1.009994', applicant: dossier.applicant, channel: 'counter', extra: 'ignored' },
    });
    expect(calls[0]).toMatchObject({
      url: '/api/dossiers',
      method: 'POST',
      body: { procedureCode: '1.009994', applicant: dossier.applicant, channel: 'counter' },
    });
    expect(result.data.id).toBe(dossier.code);
  });

  it('rejects a refused dossier with the translated message and per-field errors for the form', async () => {
    const { provider } = fakeApi([
      {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'body/applicant/phone must be a Vietnamese phone number, e.g. 0912345678',
          issues: [
            {
              path: 'body/applicant/phone',
              message: 'must be a Vietnamese phone number, e.g. 0912345678',
              code: 'invalid_phone',
            },
          ],
        },
      },
    ]);
    const error = await provider
      .create('dossiers', { data: { procedureCode: '1.009994' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as HttpError).message).toBe('Số điện thoại: phải là số điện thoại Việt Nam, ví dụ 0912345678');
    expect((error as HttpError).body.errors).toEqual({
      applicant: { phone: 'phải là số điện thoại Việt Nam, ví dụ 0912345678' },
      root: { serverError: 'Số điện thoại: phải là số điện thoại Việt Nam, ví dụ 0912345678' },
    });
  });

  it('claims, releases and completes tasks by posting to the task', async () => {
    const { provider, calls } = fakeApi([{ status: 204 }, { status: 204 }, { status: 204 }]);
    await provider.claimTask('task/1');
    await provider.unclaimTask('task/1');
    await provider.completeTask('task/1', { outcome: 'send_back', comment: 'Thiếu bản vẽ' });
    expect(calls.map(({ url, method, body }) => ({ url, method, body }))).toEqual([
      { url: '/api/tasks/task%2F1/claim', method: 'POST', body: undefined },
      { url: '/api/tasks/task%2F1/unclaim', method: 'POST', body: undefined },
      { url: '/api/tasks/task%2F1/complete', method: 'POST', body: { outcome: 'send_back', comment: 'Thiếu bản vẽ' } },
    ]);
  });

  it('reports a task claimed by someone else', async () => {
    const { provider } = fakeApi([{ status: 409, body: { message: 'Conflict' } }]);
    await expect(provider.claimTask('t1')).rejects.toThrow('Công việc đã được người khác nhận xử lý');
  });

  it('says when to try again when the server is busy with reports', async () => {
    const { provider } = fakeApi([
      {
        status: 503,
        body: { statusCode: 503, error: 'Service Unavailable', message: 'busy' },
        headers: { 'Retry-After': '7' },
      },
    ]);
    await expect(provider.claimTask('t1')).rejects.toThrow('Hệ thống đang bận, vui lòng thử lại sau 7 giây');
  });

  const busy = (retryAfter: string) => ({
    status: 503,
    body: { statusCode: 503, error: 'Service Unavailable', message: 'busy' },
    headers: { 'Retry-After': retryAfter },
  });

  it('asks a busy read again after the wait the server gives, as the reports page asks for several at once', async () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const { provider, calls, waits } = fakeApi([
      busy('3'),
      busy('4'),
      { status: 200, body: { ...period, agencies: [], total: {} } },
      busy('2'),
      { status: 200, raw: '%PDF register' },
    ]);
    expect(await provider.getApologyReport(period)).toMatchObject(period);
    expect(await (await provider.getRegisterPdf(period)).text()).toBe('%PDF register');
    expect(waits).toEqual([3000, 4000, 2000]);
    expect(calls.map(({ method, url }) => `${method} ${url}`)).toEqual([
      ...Array(3).fill('GET /api/reports/apologies?from=2026-11-01&to=2026-11-30'),
      ...Array(2).fill('GET /api/reports/register.pdf?from=2026-11-01&to=2026-11-30'),
    ]);
    expect(calls.every(({ headers }) => headers.Authorization === 'Bearer token-1')).toBe(true);
  });

  it('stops asking a busy read again after two waits, or when the wait is long, and then says when to try', async () => {
    const period = { from: '2026-11-01', to: '2026-11-30' };
    const stillBusy = fakeApi([busy('3'), busy('3'), busy('9')]);
    await expect(stillBusy.provider.getApologyReport(period)).rejects.toThrow(
      'Hệ thống đang bận, vui lòng thử lại sau 9 giây',
    );
    expect(stillBusy.waits).toEqual([3000, 3000]);
    expect(stillBusy.calls).toHaveLength(3);

    const longWait = fakeApi([busy('16'), { status: 200, body: {} }]);
    await expect(longWait.provider.getApologyReport(period)).rejects.toThrow(
      'Hệ thống đang bận, vui lòng thử lại sau 16 giây',
    );
    expect(longWait.waits).toEqual([]);
    expect(longWait.calls).toHaveLength(1);
  });

  it('never sends a write again by itself when the server is busy', async () => {
    const { provider, calls, waits } = fakeApi([busy('1'), { status: 204 }]);
    await expect(provider.claimTask('t1')).rejects.toThrow('Hệ thống đang bận, vui lòng thử lại sau 1 giây');
    expect(waits).toEqual([]);
    expect(calls.map(({ method }) => method)).toEqual(['POST']);
  });

  it('looks up a public dossier without the officer token', async () => {
    const { provider, calls } = fakeApi([{ status: 404, body: { message: 'Not Found' } }]);
    await expect(provider.lookupPublicDossier(' 000.00.17.H41-261127-9999 ')).rejects.toThrow('Không tìm thấy hồ sơ');
    expect(calls[0]?.url).toBe('/api/public/dossiers/000.00.17.H41-261127-9999');
    expect(calls[0]?.headers.Authorization).toBeUndefined();
  });

  it('loads and deploys process XML', async () => {
    const { provider, calls } = fakeApi([
      { status: 200, body: { key: 'house-construction-permit', xml: '<definitions/>' } },
      { status: 201, body: { id: 'd1', key: 'house-construction-permit', version: 2 } },
    ]);
    expect(await provider.getProcessXml('house-construction-permit')).toBe('<definitions/>');
    expect(await provider.deployProcess('<definitions/>')).toEqual({
      id: 'd1',
      key: 'house-construction-permit',
      version: 2,
    });
    expect(calls.map(({ url, method }) => `${method} ${url}`)).toEqual([
      'GET /api/processes/house-construction-permit/xml',
      'POST /api/processes',
    ]);
  });

  it('gives procedures their code as record id and resolves them by id', async () => {
    const procedure = {
      code: '1.009994',
      name: 'Cấp giấy phép xây dựng',
      processingDays: 15,
      processKey: 'house-construction-permit',
      agency: { code: '000.00.17.H41', name: 'UBND huyện Duy Xuyên' },
    };
    const { provider } = fakeApi([
      { status: 200, body: { data: [procedure] } },
      { status: 200, body: { data: [procedure] } },
    ]);
    expect((await provider.getList('procedures', { filter: {} })).data).toEqual([{ ...procedure, id: '1.009994' }]);
    expect((await provider.getMany('procedures', { ids: ['1.009994'] })).data).toHaveLength(1);
  });

  it('lists one page of tasks with the definitions it could not read as the list meta', async () => {
    // given a page of the work list with one unreadable definition
    const problems = [{ processDefinitionId: 'birth-registration:2:abc', message: 'cannot parse', taskIds: ['t1'] }];
    const { provider, calls } = fakeApi([
      { status: 200, body: { data: [], total: 41, page: 2, perPage: 20, problems } },
    ]);
    // when react-admin asks for page 2 of the claimable overdue tasks
    const result = await provider.getList('tasks', {
      pagination: { page: 2, perPage: 20 },
      sort: { field: 'due', order: 'ASC' },
      filter: { timeliness: 'overdue', assignment: 'claimable' },
    });
    // then the API pages and filters, and the problems travel with the page
    expect(calls[0]?.url).toBe(
      '/api/tasks?timeliness=overdue&assignment=claimable&page=2&perPage=20&sort=due&order=asc',
    );
    expect(result).toEqual({ data: [], total: 41, meta: { problems } });
  });

  it('pages a work list the API counts as more than its maximum, on while the pages are full', async () => {
    // given an API that counted more tasks than TASK_LIST_TOTAL_CAP, a full page of two, then a last page of one
    const task = (id: string) => ({ id, name: 'Thẩm định hồ sơ' });
    const { provider } = fakeApi([
      {
        status: 200,
        body: { data: [task('t1'), task('t2')], total: TASK_LIST_TOTAL_CAP + 1, page: 600, perPage: 2, problems: [] },
      },
      {
        status: 200,
        body: { data: [task('t3')], total: TASK_LIST_TOTAL_CAP + 1, page: 601, perPage: 2, problems: [] },
      },
    ]);
    const ask = (page: number) =>
      provider.getList('tasks', { pagination: { page, perPage: 2 }, sort: { field: 'due', order: 'ASC' }, filter: {} });
    // when react-admin asks for a page past the counted maximum, then the next one
    const full = await ask(600);
    const last = await ask(601);
    // then the pager is told of pages before and, while a page is full, after, with no made-up total
    expect(full).toEqual({
      data: [task('t1'), task('t2')],
      pageInfo: { hasPreviousPage: true, hasNextPage: true },
      meta: { problems: [] },
    });
    expect(last.total).toBeUndefined();
    expect(last.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: false });
  });

  it('turns a failed connection into an HttpError with status 0', async () => {
    const translate = polyglotI18nProvider(() => vi, 'vi').translate;
    const provider = createDataProvider(
      createApiClient({
        baseUrl: '/api',
        getToken: () => null,
        translate,
        fetch: () => Promise.reject(new TypeError('fetch failed')),
      }),
    );
    await expect(provider.getList('tasks', { filter: {} })).rejects.toMatchObject({
      status: 0,
      message: 'Không kết nối được máy chủ',
    });
  });

  it('filters dossiers by timeliness as well', async () => {
    const { provider, calls } = fakeApi([{ status: 200, body: { data: [], total: 0 } }]);
    await provider.getList('dossiers', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'receivedAt', order: 'DESC' },
      filter: { timeliness: 'overdue', status: '' },
    });
    expect(calls[0]?.url).toBe('/api/dossiers?timeliness=overdue&page=1&perPage=25');
  });

  it('receives an incomplete dossier with its outcome, documents and every missing item', async () => {
    const { provider, calls } = fakeApi([{ status: 201, body: { ...dossier, status: 'incomplete' } }]);
    const reception = {
      procedureCode: '1.009994',
      applicant: dossier.applicant,
      channel: 'counter',
      outcome: 'incomplete',
      documents: [{ name: 'Đơn đề nghị', originals: 1, copies: 0 }],
      setCount: 1,
      resultDelivery: 'post',
      deliveryAddress: '12 Trần Phú, Hội An',
      missingItems: ['Bản vẽ thiết kế', 'Sổ đỏ'],
      refusalReason: undefined,
      checklist: [{ name: 'form state', mandatory: true, handedIn: true, originals: 1, copies: 0 }],
    };
    await provider.create('dossiers', { data: reception });
    // the form's own checklist and the blank refusal reason stay behind
    expect(calls[0]?.body).toEqual({
      procedureCode: '1.009994',
      applicant: dossier.applicant,
      channel: 'counter',
      outcome: 'incomplete',
      documents: [{ name: 'Đơn đề nghị', originals: 1, copies: 0 }],
      setCount: 1,
      resultDelivery: 'post',
      deliveryAddress: '12 Trần Phú, Hội An',
      missingItems: ['Bản vẽ thiết kế', 'Sổ đỏ'],
    });
  });

  it('accepts a completed dossier, overrides a status and drafts, approves and rejects apologies', async () => {
    const apology = { id: 'a/1', dossierCode: dossier.code };
    const { provider, calls } = fakeApi([
      { status: 200, body: dossier },
      { status: 200, body: dossier },
      { status: 201, body: apology },
      { status: 200, body: apology },
      { status: 200, body: apology },
    ]);
    const accepted = await provider.acceptDossier(dossier.code, {
      documents: [{ name: 'Đơn', originals: 1, copies: 0 }],
    });
    expect(accepted.id).toBe(dossier.code);
    await provider.overrideDossierStatus(dossier.code, {
      status: 'withdrawn',
      authorisingDocument: 'Công văn 12/UBND',
      reason: 'Công dân xin rút hồ sơ',
    });
    await provider.draftApology(dossier.code, {
      reason: 'Chờ ý kiến cơ quan phối hợp',
      newDueAt: '2026-12-21T03:00:00.000Z',
    });
    await provider.approveApology('a/1', {});
    await provider.rejectApology('a/1', { note: 'Chưa đủ lý do' });
    expect(calls.map(({ url, method }) => `${method} ${url}`)).toEqual([
      `POST /api/dossiers/${dossier.code}/accept`,
      `POST /api/dossiers/${dossier.code}/status-override`,
      `POST /api/dossiers/${dossier.code}/apologies`,
      'POST /api/apologies/a%2F1/approve',
      'POST /api/apologies/a%2F1/reject',
    ]);
    expect(calls[4]?.body).toEqual({ note: 'Chưa đủ lý do' });
  });

  it('fetches a form as a PDF file with the officer token, and says so when it does not apply', async () => {
    const { provider, calls } = fakeApi([
      { status: 200, raw: '%PDF-1.7 receipt' },
      { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'no refusal form' } },
    ]);
    const file = await provider.getDossierForm(dossier.code, 'receipt');
    expect(await file.text()).toBe('%PDF-1.7 receipt');
    expect(calls[0]?.url).toBe(`/api/dossiers/${dossier.code}/forms/receipt.pdf`);
    expect(calls[0]?.headers.Authorization).toBe('Bearer token-1');
    await expect(provider.getDossierForm(dossier.code, 'refusal')).rejects.toThrow(
      'Biểu mẫu này không áp dụng cho hồ sơ ở tình trạng hiện tại',
    );
  });

  it('asks for the register of a period and the apology counts of the same period', async () => {
    const { provider, calls } = fakeApi([
      { status: 200, raw: '%PDF register' },
      { status: 200, body: { from: '2026-11-01', to: '2026-11-30', agencies: [], total: {} } },
    ]);
    await provider.getRegisterPdf({ from: '2026-11-01', to: '2026-11-30' });
    await provider.getApologyReport({ from: '2026-11-01', to: '2026-11-30' });
    expect(calls.map(({ url }) => url)).toEqual([
      '/api/reports/register.pdf?from=2026-11-01&to=2026-11-30',
      '/api/reports/apologies?from=2026-11-01&to=2026-11-30',
    ]);
  });

  it('adds a procedure version on save of the edit form, and adds or deletes calendar rows by date', async () => {
    const detail = { code: '1.009994', versions: [] };
    const row = { date: '2027-02-05', kind: 'day_off', occasion: null, name: 'Nghỉ Tết', legalRef: 'VB 1/VPCP' };
    const { provider, calls } = fakeApi([{ status: 201, body: detail }, { status: 201, body: row }, { status: 204 }]);
    const updated = await provider.update('procedures', {
      id: '1.009994',
      data: { name: 'Cấp phép', processingDays: 15, id: '1.009994', versions: [] },
      previousData: { id: '1.009994' },
    });
    expect(updated.data.id).toBe('1.009994');
    const created = await provider.create('calendar', { data: { ...row, id: 'ignored' } });
    expect(created.data.id).toBe('2027-02-05');
    await provider.delete('calendar', { id: '2027-02-05' });
    expect(calls.map(({ url, method, body }) => ({ url, method, body }))).toEqual([
      { url: '/api/procedures/1.009994/versions', method: 'POST', body: { name: 'Cấp phép', processingDays: 15 } },
      { url: '/api/calendar/days', method: 'POST', body: row },
      { url: '/api/calendar/days/2027-02-05', method: 'DELETE', body: undefined },
    ]);
  });

  it('lists the public catalogue without the officer token', async () => {
    const { provider, calls } = fakeApi([{ status: 200, body: { data: [{ code: '1.001193' }] } }]);
    expect(await provider.listPublicProcedures()).toEqual([{ code: '1.001193' }]);
    expect(calls[0]).toMatchObject({ url: '/api/public/procedures' });
    expect(calls[0]?.headers.Authorization).toBeUndefined();
  });
});
