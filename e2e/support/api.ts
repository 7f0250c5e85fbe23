import { expect, type APIRequestContext } from '@playwright/test';

/** Direct API calls, for facts the journeys check behind the UI (what the engine now runs, a dossier's dates). */
export async function tokenFor(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { username, password: 'demo' } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

export async function deployedXml(request: APIRequestContext, token: string, key: string): Promise<string> {
  const response = await request.get(`/api/processes/${key}/xml`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { xml: string }).xml;
}

export async function deployXml(request: APIRequestContext, token: string, xml: string): Promise<number> {
  const response = await request.post('/api/processes', {
    headers: { authorization: `Bearer ${token}` },
    data: { xml },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { version: number }).version;
}

/** The dossier as an officer reads it. */
export async function dossierOf(
  request: APIRequestContext,
  token: string,
  code: string,
): Promise<{ status: string; dueAt: string | null; originalDueAt: string | null }> {
  const response = await request.get(`/api/dossiers/${code}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as { status: string; dueAt: string | null; originalDueAt: string | null };
}

/** The mandatory documents of a procedure's current version, as a complete reception hands them in. */
export async function mandatoryDocumentsOf(
  request: APIRequestContext,
  token: string,
  procedureCode: string,
): Promise<{ name: string; originals: number; copies: number }[]> {
  const response = await request.get(`/api/procedures/${procedureCode}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status()).toBe(200);
  const { requiredDocuments } = (await response.json()) as {
    requiredDocuments: { name: string; originals: number; copies: number; mandatory: boolean }[];
  };
  return requiredDocuments
    .filter((document) => document.mandatory)
    .map(({ name, originals, copies }) => ({ name, originals, copies }));
}

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * A working day at 10:00 in Vietnam, at least `afterDays` calendar days after `instant`, as the legal
 * calendar says (GET /api/calendar/{year}: holidays, days off and worked weekend days). Returned as
 * the datetime-local text an officer types ("2026-12-21T10:00") and its ISO instant.
 */
export async function workingDayAfter(
  request: APIRequestContext,
  token: string,
  instant: string,
  afterDays: number,
): Promise<{ local: string; iso: string; display: string }> {
  const calendars = new Map<number, Map<string, boolean>>();
  const exceptions = async (year: number) => {
    if (!calendars.has(year)) {
      const response = await request.get(`/api/calendar/${year}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status()).toBe(200);
      const { days } = (await response.json()) as { days: { date: string; working: boolean }[] };
      calendars.set(year, new Map(days.map((day) => [day.date, day.working])));
    }
    return calendars.get(year) as Map<string, boolean>;
  };
  let day = new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS + afterDays * DAY_MS);
  for (;;) {
    const date = day.toISOString().slice(0, 10);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    const working = (await exceptions(day.getUTCFullYear())).get(date) ?? !weekend;
    if (working) {
      const [year, month, dayOfMonth] = date.split('-');
      return {
        local: `${date}T10:00`,
        iso: new Date(`${date}T10:00:00+07:00`).toISOString(),
        display: `${dayOfMonth}/${month}/${year}`,
      };
    }
    day = new Date(day.getTime() + DAY_MS);
  }
}
