import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '@motcua/common';
import { build } from '../../helpers/build.js';
import { authHeader, dossierBody, receiveDossier } from '../../helpers/requests.js';

/**
 * GET /api/dossiers/{code}/replay beyond the walks of test/journeys/replay-journeys.test.ts: a dossier
 * whose process never started has no path to replay, and the answer says so with the dossier's status
 * (who may call the route is the authorization matrix's, test/authz).
 */
let app: FastifyInstance;

beforeAll(async () => {
  app = await build();
});
afterAll(async () => {
  await app.close();
});

async function replayOf(code: string) {
  return app.inject({ method: 'GET', url: `/api/dossiers/${code}/replay`, headers: await authHeader(app, 'auditor') });
}

describe('GET /api/dossiers/:code/replay', () => {
  it('answers 409 wrong_status, naming the status, for a dossier received incomplete (no process)', async () => {
    // given a dossier the receptionist found incomplete: no process started
    const incomplete = await app.inject({
      method: 'POST',
      url: '/api/dossiers',
      headers: await authHeader(app, 'receptionist'),
      payload: dossierBody({ outcome: 'incomplete', missingItems: ['Bản vẽ thiết kế xây dựng (2 bản chính)'] }),
    });
    expect(incomplete.statusCode, incomplete.body).toBe(201);
    const { code } = incomplete.json<Dossier>();

    // when the auditor asks for its replay
    const response = await replayOf(code);

    // then there is nothing to replay yet
    expect(response.statusCode).toBe(409);
    expect(response.json().issues).toMatchObject([
      { path: 'params/code', code: 'wrong_status', params: { status: 'incomplete' } },
    ]);
  });

  it('replays a dossier just received up to the step it waits at, on the version it started', async () => {
    // given a dossier received complete
    const dossier = await receiveDossier(app);
    const { processDefinitionId } = await app.db.dossier.findUniqueOrThrow({ where: { code: dossier.code } });

    // when the auditor asks for its replay
    const response = await replayOf(dossier.code);

    // then it is on the definition the dossier is pinned to, starting with the reception
    expect(response.statusCode, response.body).toBe(200);
    const replay = response.json();
    expect(replay).toMatchObject({
      dossierCode: dossier.code,
      processDefinitionId,
      version: expect.any(Number),
      ended: false,
    });
    expect(replay.xml).toContain(`id="${replay.processDefinitionKey}"`);
    expect(replay.steps[0]).toMatchObject({ type: 'startEvent', actor: 'receptionist', endedAt: expect.any(String) });
  });
});
