import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toVietnamDate } from '@motcua/common/calendar';
import { PROVINCE_CODE } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { authHeader, type Username } from '../../helpers/requests.js';
import { QUERIES, type AuthzFixture } from '../../authz/fixture.js';

/**
 * The limit on heavy reports (services/heavy-report-limit.ts), on the real server and database: while
 * the limit's reports are under way and as many wait for a slot as may, every heavy report answers 503 with
 * Retry-After at once, never 500, and one that waited too long does too; those waiting run when a
 * slot comes back; a caller who may not read a report gets 401 or 403 without taking a slot; and the
 * slots come back when the reports end, fail or lose their client.
 *
 * A report is kept under way by a lock on "Dossier" taken from another connection: its statement
 * waits for the lock, as a year's statistics at a province's volume holds its connection for seconds.
 * The heavy reports are the /api/reports operations that document 503 in the OpenAPI document.
 */
const AT_ONCE = 2;
const LEADER: Username = 'leader';
const today = toVietnamDate(new Date());
const STATISTICS = `/api/reports/statistics?${QUERIES['GET /api/reports/statistics']!.valid!({ today } as AuthzFixture)}`;

let app: FastifyInstance;
let heavyReports: { path: string; url: string }[];

beforeAll(async () => {
  app = await build({ HEAVY_REPORTS_AT_ONCE: String(AT_ONCE) });
  const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
  const document = response.json<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>();
  heavyReports = Object.entries(document.paths)
    .filter(([path, operations]) => path.startsWith('/api/reports/') && operations.get?.responses['503'] !== undefined)
    .map(([rawPath]) => {
      const path = rawPath.replace(/\/$/, '');
      const query = QUERIES[`GET ${path}`]?.valid?.({ today } as AuthzFixture);
      return { path, url: query ? `${path}?${query}` : path };
    });
});
afterAll(async () => {
  await app.close();
});

async function get(url: string, username: Username | null = LEADER): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: username ? await authHeader(app, username) : {} });
}

/** Waits, a bounded time, until `condition` holds. */
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A lock on "Dossier" from a connection of its own: the reports' statements wait until it is released (once, however often asked). */
async function lockDossiers(): Promise<{ client: pg.Client; release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE "Dossier" IN ACCESS EXCLUSIVE MODE');
  let released: Promise<void> | undefined;
  return {
    client,
    release: () => (released ??= client.query('ROLLBACK').then(() => client.end())),
  };
}

describe('the limit on heavy reports', () => {
  it('covers every report that documents 503, the statistics, the register and the dossiers at risk among them', () => {
    expect(heavyReports.map((report) => report.path)).toEqual(
      expect.arrayContaining(['/api/reports/statistics', '/api/reports/register', '/api/reports/at-risk']),
    );
    // every heavy report can be asked for: a route reading a required query has a valid one
    for (const report of heavyReports) expect(report.url, report.path).not.toMatch(/undefined/);
  });

  it('answers 503 with Retry-After to every heavy report beyond those running and waiting, none 500; then serves again', async () => {
    expect(app.heavyReports.atOnce).toBe(AT_ONCE);
    const lock = await lockDossiers();
    let served: LightMyRequestResponse[];
    try {
      // given as many statistics under way as the limit allows, and as many waiting for a slot as may
      const holding = Array.from({ length: AT_ONCE }, () => get(STATISTICS));
      await until(() => app.heavyReports.underWay === AT_ONCE, `${AT_ONCE} reports are under way`);
      const waiting = Array.from({ length: app.heavyReports.maxWaiting }, () => get(STATISTICS));
      await until(() => app.heavyReports.waiting === app.heavyReports.maxWaiting, 'the reports wait');

      // when every heavy report is asked for, twice at once
      const refused = await Promise.all(heavyReports.flatMap((report) => [get(report.url), get(report.url)]));

      // then each answers 503 at once, saying when to come back, in Vietnamese and in English
      refused.forEach((response, index) => {
        const { path } = heavyReports[Math.floor(index / 2)]!;
        expect(response.statusCode, `${path}: ${response.body}`).toBe(503);
        expect(Number(response.headers['retry-after']), path).toBeGreaterThanOrEqual(1);
        expect(response.json<{ message: string }>().message, path).toMatch(/thử lại sau \d+ giây.*try again in \d+ s/);
      });
      expect([app.heavyReports.underWay, app.heavyReports.waiting]).toEqual([AT_ONCE, app.heavyReports.maxWaiting]);
      await lock.release();
      served = await Promise.all([...holding, ...waiting]);
    } finally {
      await lock.release();
    }
    // and the reports under way finish, those waiting run in their turn, and a new one is served
    for (const response of served) expect(response.statusCode, response.body).toBe(200);
    expect(app.heavyReports.underWay).toBe(0);
    for (const report of heavyReports) expect((await get(report.url)).statusCode, report.path).toBe(200);
  });

  it('answers 503 to a report that waited for a slot longer than it may', async () => {
    const lock = await lockDossiers();
    try {
      const holding = Array.from({ length: AT_ONCE }, () => get(STATISTICS));
      await until(() => app.heavyReports.underWay === AT_ONCE, `${AT_ONCE} reports are under way`);
      const waited = await get(STATISTICS);
      expect(waited.statusCode, waited.body).toBe(503);
      expect(Number(waited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(app.heavyReports.waiting).toBe(0);
      await lock.release();
      for (const response of await Promise.all(holding)) expect(response.statusCode).toBe(200);
    } finally {
      await lock.release();
    }
  });

  it('serves the reports the reports page asks for at once, under a single slot', async () => {
    const single = await build({ HEAVY_REPORTS_AT_ONCE: '1' });
    try {
      const page = ['/api/reports/statistics', '/api/reports/index-766', '/api/reports/at-risk'].map(
        (path) => heavyReports.find((report) => report.path === path)!.url,
      );
      const headers = await authHeader(single, LEADER);
      const responses = await Promise.all(page.map((url) => single.inject({ method: 'GET', url, headers })));
      for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    } finally {
      await single.close();
    }
  });

  it('tells a caller without the right 401 or 403 even when every slot is taken, and takes no slot for them', async () => {
    const lock = await lockDossiers();
    try {
      const holding = Array.from({ length: AT_ONCE }, () => get(STATISTICS));
      await until(() => app.heavyReports.underWay === AT_ONCE, `${AT_ONCE} reports are under way`);
      // the district's leader asking for the province: the agency check; a receptionist: the role check
      const forbidden = STATISTICS.replace(/agencyCode=[^&]+/, `agencyCode=${PROVINCE_CODE}`);
      expect((await get(forbidden)).statusCode).toBe(403);
      expect((await get(STATISTICS, 'receptionist')).statusCode).toBe(403);
      expect((await get(STATISTICS, null)).statusCode).toBe(401);
      expect(app.heavyReports.underWay).toBe(AT_ONCE);
      await lock.release();
      for (const response of await Promise.all(holding)) expect(response.statusCode).toBe(200);
    } finally {
      await lock.release();
    }
  });

  it('gives the slot back when the statement fails', async () => {
    const lock = await lockDossiers();
    try {
      const failing = get(STATISTICS);
      await until(() => app.heavyReports.underWay === 1, 'the report is under way');
      // given the report's statement cancelled while it waits
      await until(async () => {
        const { rowCount } = await lock.client.query(
          `SELECT pg_cancel_backend(pid) FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        return (rowCount ?? 0) > 0;
      }, 'the statement waits for the lock');
      // then the request fails, and its slot is free again
      expect((await failing).statusCode).toBe(500);
      expect(app.heavyReports.underWay).toBe(0);
    } finally {
      await lock.release();
    }
    expect((await get(STATISTICS)).statusCode).toBe(200);
  });

  it('gives the slot back when the statement of a client that went away ends', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const lock = await lockDossiers();
    try {
      const abort = new AbortController();
      const leaving = fetch(`${address}${STATISTICS}`, {
        headers: await authHeader(app, LEADER),
        signal: abort.signal,
      });
      await until(() => app.heavyReports.underWay === 1, 'the report is under way');
      abort.abort();
      await expect(leaving).rejects.toThrow();
      // the statement still holds its connection, so the slot stays taken until it ends
      expect(app.heavyReports.underWay).toBe(1);
    } finally {
      await lock.release();
    }
    await until(() => app.heavyReports.underWay === 0, 'the abandoned report ends');
    expect((await get(STATISTICS)).statusCode).toBe(200);
  });
});
