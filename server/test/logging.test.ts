import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_PARAMETERS, REDACTED, redactUrl } from '../src/logging.js';
import { buildLogged } from './helpers/logged-app.js';
import { authHeader, dossierBody } from './helpers/requests.js';

/**
 * What the request log shows: URLs without the personal data officers and citizens type into them,
 * and never a body. The app logs at info level into a stream the tests read.
 */
const IDENTITY_NUMBER = '049190001234';

let server: FastifyInstance;
let logOf: (act: () => Promise<unknown>) => Promise<string>;

beforeAll(async () => {
  ({ server, logOf } = await buildLogged());
});
afterAll(async () => {
  await server.close();
});

describe('the request log', () => {
  it('shows a dossier search without the identity number searched for', async () => {
    const headers = await authHeader(server, 'receptionist');
    const log = await logOf(async () => {
      const response = await server.inject({
        method: 'GET',
        url: `/api/dossiers?q=${IDENTITY_NUMBER}&page=1`,
        headers,
      });
      expect(response.statusCode).toBe(200);
    });
    // the request is there, with the harmless parameter and without the searched value
    expect(log).toContain(`"url":"/api/dossiers?q=${REDACTED}&page=1"`);
    expect(log).not.toContain(IDENTITY_NUMBER);
  });

  it('has one line per request, with the status and the time it took', async () => {
    const log = await logOf(() => server.inject({ method: 'GET', url: '/api/public/procedures?page=1' }));
    const lines = log
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            msg: string;
            req?: { url: string };
            res?: { statusCode: number };
            responseTime?: number;
          },
      );
    expect(lines.map((line) => line.msg)).toEqual(['request completed']);
    expect(lines[0]).toMatchObject({ req: { url: '/api/public/procedures?page=1' }, res: { statusCode: 200 } });
    expect(lines[0]!.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('shows a citizen lookup without an identity number typed in place of the dossier code', async () => {
    const log = await logOf(() => server.inject({ method: 'GET', url: `/api/public/dossiers/${IDENTITY_NUMBER}` }));
    expect(log).toContain(`"url":"/api/public/dossiers/${REDACTED}"`);
    expect(log).not.toContain(IDENTITY_NUMBER);
  });

  it('never shows a body: neither a refused dossier’s applicant nor a login’s password', async () => {
    const headers = await authHeader(server, 'receptionist');
    const password = 'Mật-khẩu-của-tôi-2026';
    const log = await logOf(async () => {
      // a reception refused for its unknown procedure code, after its body was read
      const refused = await server.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers,
        payload: dossierBody({ procedureCode: '9.999999' }),
      });
      expect(refused.statusCode).toBe(400);
      const login = await server.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'receptionist', password },
      });
      expect(login.statusCode).toBe(401);
    });
    expect(log).toContain('"url":"/api/dossiers"');
    for (const secret of [IDENTITY_NUMBER, dossierBody().applicant.fullName, dossierBody().applicant.phone, password]) {
      expect(log).not.toContain(secret);
    }
  });

  it('lists, for every query parameter of the API, whether its value may be logged', async () => {
    // given every query parameter the OpenAPI document declares
    const document = (await server.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    }>();
    const names = new Set(
      Object.values(document.paths)
        .flatMap((operations) => Object.values(operations))
        .flatMap((operation) => operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name),
    );
    expect(names.size).toBeGreaterThan(0);
    // then each is listed, so a new one is a conscious decision
    expect([...names].filter((name) => !Object.hasOwn(QUERY_PARAMETERS, name))).toEqual([]);
  });
});

describe('redactUrl', () => {
  it.each([
    ['/api/dossiers', '/api/dossiers'],
    ['/api/dossiers?page=2&perPage=25', '/api/dossiers?page=2&perPage=25'],
    [`/api/dossiers?q=${IDENTITY_NUMBER}`, `/api/dossiers?q=${REDACTED}`],
    ['/api/dossiers?q=V%C3%B5+V%C4%83n+T%C3%A1m&status=received', `/api/dossiers?q=${REDACTED}&status=received`],
    // a name spelt with escapes is still the same parameter
    ['/api/dossiers?%71=Tám', `/api/dossiers?%71=${REDACTED}`],
    // an unknown parameter: its name is typed data too
    ['/api/dossiers?hoTen=Tám&page=1', `/api/dossiers?${REDACTED}&page=1`],
    [`/api/dossiers?${IDENTITY_NUMBER}`, `/api/dossiers?${REDACTED}`],
    // a phone number typed into a harmless parameter
    ['/api/dossiers?status=0905123456', `/api/dossiers?status=${REDACTED}`],
    // dossier and agency codes and ids stay
    ['/api/dossiers/000.00.17.H41-261205-0001/forms/receipt', '/api/dossiers/000.00.17.H41-261205-0001/forms/receipt'],
    [
      '/api/reports/register?agency=000.00.17.H41&from=2026-01-01&to=2026-12-31',
      '/api/reports/register?agency=000.00.17.H41&from=2026-01-01&to=2026-12-31',
    ],
  ])('logs %s as %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
