import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../helpers/accounts.js';
import { build } from '../../helpers/build.js';
import { testEngine } from '../../helpers/engine.js';
import { authHeader, DISTRICT_CODE, receiveDossier, type Username } from '../../helpers/requests.js';

/**
 * What admins read of the reconciliation: the findings about the dossiers they may see, the orphan
 * processes for an admin of a root agency only, and a pass on demand. The findings are those a pass
 * of the reconciler writes (workers/test/scans/reconcile.integration.test.ts shows it writing them).
 */
let app: FastifyInstance;
/** An admin of the demo district, beside `admin` of the province and `xa.admin` of the commune below. */
const DISTRICT_ADMIN = 'reconciliation.district.admin';

let dossier: { id: string; code: string; processInstanceId: string };
const orphanProcess = `orphan-${randomUUID()}`;

beforeAll(async () => {
  app = await build();
  await ensureAccount(app.db, {
    username: DISTRICT_ADMIN,
    fullName: 'Lê Văn Quản',
    roles: ['admin'],
    agencyCode: DISTRICT_CODE,
  });
  // Given a dossier of the district whose process has gone, and an orphan process the reconciler deleted
  dossier = await receiveDossier(app);
  await app.db.reconciliationFinding.createMany({
    data: [
      {
        kind: 'process_gone',
        subject: dossier.id,
        dossierId: dossier.id,
        processInstanceId: dossier.processInstanceId,
        detail: { code: dossier.code, status: 'received', engineState: 'EXTERNALLY_TERMINATED' },
      },
      {
        kind: 'orphan_process',
        subject: orphanProcess,
        processInstanceId: orphanProcess,
        detail: { processDefinitionKey: 'house-construction-permit' },
        repair: 'process deleted',
        resolvedAt: new Date(),
      },
    ],
  });
});
afterAll(async () => {
  await app.close();
});

async function findings(username: Username, query = '') {
  return app.inject({ method: 'GET', url: `/api/reconciliation${query}`, headers: await authHeader(app, username) });
}

describe('GET /api/reconciliation', () => {
  it('shows the district’s admin the open findings about its dossiers, with their codes', async () => {
    const response = await findings(DISTRICT_ADMIN);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toContainEqual(
      expect.objectContaining({
        kind: 'process_gone',
        dossierCode: dossier.code,
        processInstanceId: dossier.processInstanceId,
        repair: null,
        resolvedAt: null,
      }),
    );
  });

  it('shows the orphan processes the reconciler deleted to an admin of the province, a root agency', async () => {
    const response = await findings('admin', '?state=resolved');
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toContainEqual(
      expect.objectContaining({ kind: 'orphan_process', processInstanceId: orphanProcess, repair: 'process deleted' }),
    );
  });

  it('shows neither to the admin of a commune below the district, nor orphans to the district’s admin', async () => {
    const commune = (await findings('xa.admin')).json().data as { dossierCode: string | null }[];
    expect(commune.map((finding) => finding.dossierCode)).not.toContain(dossier.code);
    const resolved = (await findings(DISTRICT_ADMIN, '?state=resolved')).json().data as { kind: string }[];
    expect(resolved.filter((finding) => finding.kind === 'orphan_process')).toEqual([]);
  });

  it('answers 403 to an officer who is not an admin', async () => {
    expect((await findings('leader')).statusCode).toBe(403);
  });

  it('answers 400 naming querystring/state for a state that does not exist', async () => {
    const response = await findings('admin', '?state=forgotten');
    expect(response.statusCode).toBe(400);
    expect(response.json().issues).toMatchObject([{ path: 'querystring/state' }]);
  });
});

describe('POST /api/reconciliation', () => {
  it('runs a pass now: what is still out of step stays open, what is no longer is resolved', async () => {
    // given a second dossier whose process an operator deleted in the engine (the first one's process runs)
    const gone = await receiveDossier(app);
    await testEngine().deleteProcessInstance(gone.processInstanceId);
    // when the district's admin runs a pass
    const response = await app.inject({
      method: 'POST',
      url: '/api/reconciliation',
      headers: await authHeader(app, DISTRICT_ADMIN),
    });
    // then the second dossier is reported, and the finding about the first, whose process runs, is resolved
    expect(response.statusCode).toBe(200);
    const run = response.json<{
      startedAt: string;
      deleted: number;
      data: { kind: string; dossierCode: string | null }[];
    }>();
    expect(run).toMatchObject({ startedAt: expect.any(String), deleted: expect.any(Number) });
    expect(run.data).toContainEqual(expect.objectContaining({ kind: 'process_gone', dossierCode: gone.code }));
    expect(run.data.map((finding) => finding.dossierCode)).not.toContain(dossier.code);
  });
});
