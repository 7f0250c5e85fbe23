import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { mandatoryDocumentsOf, tokenFor } from '../support/api.js';

/**
 * The API contract's refusals, over HTTP against the running system: every 400 names the field,
 * every wrong role gets 403, every unknown code or id gets 404. Kiosks and other systems rely on these.
 */
type Role = 'receptionist' | 'specialist' | 'leader' | 'admin';
const tokens = new Map<Role, string>();
async function as(request: APIRequestContext, role: Role) {
  if (!tokens.has(role)) tokens.set(role, await tokenFor(request, role));
  return { authorization: `Bearer ${tokens.get(role)}` };
}

const applicant = {
  fullName: 'Trần Văn Nam',
  idNumber: '049186009999',
  phone: '0905000111',
  address: 'Thôn 1, xã Duy Sơn',
};
const UNKNOWN_CODE = '000.00.17.H41-200101-9999';
const UNKNOWN_TASK = '00000000-0000-0000-0000-000000000000';

/** Receives a complete construction permit dossier: every mandatory document handed in. */
async function receive(request: APIRequestContext): Promise<string> {
  const headers = await as(request, 'receptionist');
  const documents = await mandatoryDocumentsOf(request, headers.authorization.slice('Bearer '.length), '1.009994');
  const response = await request.post('/api/dossiers', {
    headers,
    data: { procedureCode: '1.009994', applicant, documents },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { code: string }).code;
}

async function taskOf(request: APIRequestContext, role: Role, code: string, key: string): Promise<string> {
  let id: string | undefined;
  await expect(async () => {
    const response = await request.get(`/api/tasks?dossierCode=${code}`, { headers: await as(request, role) });
    const { data } = (await response.json()) as {
      data: { id: string; dossierCode: string; taskDefinitionKey: string }[];
    };
    id = data.find((task) => task.dossierCode === code && task.taskDefinitionKey === key)?.id;
    expect(id).toBeDefined();
  }).toPass({ timeout: 30_000 });
  return id as string;
}

test('answers 401 without a token', async ({ request }) => {
  expect((await request.get('/api/dossiers')).status()).toBe(401);
});

test('answers 400 naming the field for each kind of bad input', async ({ request }) => {
  const headers = await as(request, 'receptionist');
  const cases: { what: string; send: () => Promise<APIResponse>; field: string }[] = [
    {
      what: 'login without a username',
      send: () => request.post('/api/auth/login', { data: { password: 'x' } }),
      field: 'body/username',
    },
    {
      what: 'a missing applicant name',
      send: () =>
        request.post('/api/dossiers', {
          headers,
          data: { procedureCode: '1.009994', applicant: { ...applicant, fullName: undefined } },
        }),
      field: 'body/applicant/fullName',
    },
    {
      what: 'an identity number that is not 9 or 12 digits',
      send: () =>
        request.post('/api/dossiers', {
          headers,
          data: { procedureCode: '1.009994', applicant: { ...applicant, idNumber: '12345' } },
        }),
      field: 'body/applicant/idNumber',
    },
    {
      what: 'a phone number that is not Vietnamese',
      send: () =>
        request.post('/api/dossiers', {
          headers,
          data: { procedureCode: '1.009994', applicant: { ...applicant, phone: '12' } },
        }),
      field: 'body/applicant/phone',
    },
    {
      what: 'an unknown procedure',
      send: () => request.post('/api/dossiers', { headers, data: { procedureCode: '9.999999', applicant } }),
      field: 'body/procedureCode',
    },
    {
      what: 'a malformed dossier code',
      send: () => request.get('/api/public/dossiers/not-a-code'),
      field: 'params/code',
    },
    {
      what: 'a file that is not BPMN',
      send: async () =>
        request.post('/api/processes', { headers: await as(request, 'admin'), data: { xml: 'not xml' } }),
      field: 'body/xml',
    },
  ];
  for (const { what, send, field } of cases) {
    const response = await send();
    expect(response.status(), what).toBe(400);
    expect(((await response.json()) as { message: string }).message, what).toContain(field);
  }
});

test('answers 400 naming body/outcome when the leader completes approval without a decision', async ({ request }) => {
  const code = await receive(request);
  const appraisal = await taskOf(request, 'specialist', code, 'appraisal');
  expect(
    (await request.post(`/api/tasks/${appraisal}/claim`, { headers: await as(request, 'specialist') })).status(),
  ).toBe(204);
  expect(
    (
      await request.post(`/api/tasks/${appraisal}/complete`, {
        headers: await as(request, 'specialist'),
        data: { outcome: 'approve' },
      })
    ).status(),
  ).toBe(204);

  const approval = await taskOf(request, 'leader', code, 'leader-approval');
  expect((await request.post(`/api/tasks/${approval}/claim`, { headers: await as(request, 'leader') })).status()).toBe(
    204,
  );
  const response = await request.post(`/api/tasks/${approval}/complete`, {
    headers: await as(request, 'leader'),
    data: { comment: 'ok' },
  });
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { message: string }).message).toContain('body/outcome');
});

test('answers 403 to the wrong role', async ({ request }) => {
  const code = await receive(request);
  const appraisal = await taskOf(request, 'specialist', code, 'appraisal');
  const cases: [string, () => Promise<APIResponse>][] = [
    [
      'a specialist receiving a dossier',
      async () =>
        request.post('/api/dossiers', {
          headers: await as(request, 'specialist'),
          data: { procedureCode: '1.009994', applicant },
        }),
    ],
    [
      'a receptionist reading the audit history',
      async () => request.get(`/api/dossiers/${code}/history`, { headers: await as(request, 'receptionist') }),
    ],
    [
      'a leader deploying a process',
      async () => request.post('/api/processes', { headers: await as(request, 'leader'), data: { xml: '<x/>' } }),
    ],
    [
      'a specialist reading a process diagram',
      async () =>
        request.get('/api/processes/house-construction-permit/xml', { headers: await as(request, 'specialist') }),
    ],
    [
      'a receptionist claiming the specialists’ task',
      async () => request.post(`/api/tasks/${appraisal}/claim`, { headers: await as(request, 'receptionist') }),
    ],
  ];
  for (const [what, send] of cases) expect((await send()).status(), what).toBe(403);
});

test('answers 404 to an unknown dossier code, task or process', async ({ request }) => {
  const cases: [string, () => Promise<APIResponse>][] = [
    [
      'an officer looking up an unknown dossier',
      async () => request.get(`/api/dossiers/${UNKNOWN_CODE}`, { headers: await as(request, 'receptionist') }),
    ],
    [
      'the history of an unknown dossier',
      async () => request.get(`/api/dossiers/${UNKNOWN_CODE}/history`, { headers: await as(request, 'leader') }),
    ],
    ['a citizen looking up an unknown dossier', () => request.get(`/api/public/dossiers/${UNKNOWN_CODE}`)],
    [
      'claiming an unknown task',
      async () => request.post(`/api/tasks/${UNKNOWN_TASK}/claim`, { headers: await as(request, 'specialist') }),
    ],
    [
      'the diagram of an unknown process',
      async () => request.get('/api/processes/no-such-process/xml', { headers: await as(request, 'admin') }),
    ],
  ];
  for (const [what, send] of cases) expect((await send()).status(), what).toBe(404);
});
