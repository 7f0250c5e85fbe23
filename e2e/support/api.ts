import { expect, type APIRequestContext } from '@playwright/test';

/** Direct API calls, for facts the journeys check behind the UI (what the engine now runs). */
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
  const response = await request.post('/api/processes', { headers: { authorization: `Bearer ${token}` }, data: { xml } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { version: number }).version;
}
