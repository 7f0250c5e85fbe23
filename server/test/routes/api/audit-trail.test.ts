import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { build } from '../../helpers/build.js';
import { authHeader, receiveDossier, type Username } from '../../helpers/requests.js';

/**
 * GET /api/audit/trail/verify: the same check as `npm run verify-trail` (prisma/test/trail.test.ts
 * shows the verifier on every kind of tampering), answered to auditors and admins. The database is
 * shared with the other test files, which keep appending meanwhile: the chain must stay intact under
 * them, and a row edited behind the triggers here is put back before the test ends.
 */
let app: FastifyInstance;

beforeAll(async () => {
  app = await build();
  // A reception writes a dossier event (and the seed audit entries exist): both chains have rows.
  await receiveDossier(app);
});
afterAll(async () => {
  await app.close();
});

async function verify(username: Username) {
  return app.inject({ method: 'GET', url: '/api/audit/trail/verify', headers: await authHeader(app, username) });
}

/** As a superuser editing the database behind the application's back: no trigger fires. */
async function asTamperer(sql: string, values: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

describe('GET /api/audit/trail/verify', () => {
  it('answers auditors and admins that both chains are intact', async () => {
    for (const username of ['auditor', 'admin'] as const) {
      const response = await verify(username);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ ok: true, summary: expect.stringMatching(/^Chuỗi nhật ký nguyên vẹn/) });
      expect(body.tables.map((t: { table: string }) => t.table)).toEqual(['DossierEvent', 'AuditLog']);
      expect(body.tables[0].rowsChecked).toBeGreaterThan(0);
      expect(body.tables[0].head.hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses the other roles before doing anything', async () => {
    for (const username of ['receptionist', 'specialist', 'leader'] as const) {
      expect((await verify(username)).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/audit/trail/verify' })).statusCode).toBe(401);
  });

  it('names a dossier event edited directly in the database', async () => {
    const victim = await app.db.dossierEvent.findFirstOrThrow({ orderBy: { chainSeq: 'asc' } });
    await asTamperer(`UPDATE "DossierEvent" SET note = 'sửa trộm' WHERE id = $1`, [victim.id]);
    try {
      const body = (await verify('auditor')).json();
      expect(body.ok).toBe(false);
      expect(body.tables[0].break).toMatchObject({
        problem: 'content_changed',
        rowId: victim.id.toString(),
        chainSeq: victim.chainSeq.toString(),
        occurredAt: victim.occurredAt.toISOString(),
        found: victim.hash,
      });
      expect(body.summary).toContain(`DossierEvent id ${victim.id}`);
    } finally {
      await asTamperer(`UPDATE "DossierEvent" SET note = $2 WHERE id = $1`, [victim.id, victim.note]);
    }
    expect((await verify('auditor')).json()).toMatchObject({ ok: true });
  });
});
