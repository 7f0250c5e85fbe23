import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES } from '../../../../src/plugins/auth.js';
import { build } from '../../../helpers/build.js';

/**
 * Every public route but login (which has its own limits) takes its rate limit from
 * RATE_LIMIT_PUBLIC_PER_MINUTE, so a benchmark can lift it: here it is lowered to a few requests.
 */
const LIMIT = 3;
const publicReads = [...PUBLIC_ROUTES]
  .filter(([, methods]) => methods.includes('GET'))
  .map(([route]) => route)
  .filter((route) => route.startsWith('/api/public/'));

let app: FastifyInstance;
beforeAll(async () => {
  app = await build({ RATE_LIMIT_PUBLIC_PER_MINUTE: String(LIMIT) });
});
afterAll(async () => {
  await app.close();
});

describe('the public rate limit', () => {
  it('covers the public lookup and the catalogue', () => {
    expect(publicReads).toEqual(
      expect.arrayContaining(['/api/public/dossiers/:code', '/api/public/procedures', '/api/public/procedures/:code']),
    );
  });

  it.each(publicReads)(
    'refuses %s beyond the configured requests per minute of one client, with Retry-After',
    async (route) => {
      // given one client address per route, and the route with made-up parameters (a 404 counts as much as a 200)
      const client = { remoteAddress: `198.51.100.${publicReads.indexOf(route) + 1}` };
      const url = route.replace(/:\w+/g, 'X1');
      // when it asks once more than the limit
      const responses = [];
      for (let request = 0; request <= LIMIT; request += 1) {
        responses.push(await app.inject({ method: 'GET', url, ...client }));
      }
      // then only the last one is refused
      expect(responses.slice(0, LIMIT).map((response) => response.statusCode)).not.toContain(429);
      expect(responses[LIMIT]!.statusCode).toBe(429);
      expect(Number(responses[LIMIT]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    },
  );
});
