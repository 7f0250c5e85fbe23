import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/client.js';
import { nextDossierCode } from '../src/dossier-code.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/embedded-postgres.js';
import { applyMigrations } from '../src/migrate.js';
import { verifyPassword } from '../src/passwords.js';
import { DEMO_ACCOUNTS, seed } from '../src/seed.js';
import { createTestDossier } from './dossier-fixture.js';

let dataDir: string;
let embedded: EmbeddedPostgres;
const clients: pg.Client[] = [];

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: embedded.url });
  await client.connect();
  clients.push(client);
  return client;
}

/** Whether a promise is still pending after `ms` milliseconds. */
async function stillPendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const pending = Symbol('pending');
  const timer = new Promise((resolve) => setTimeout(() => resolve(pending), ms));
  return (
    (await Promise.race([
      promise.then(
        () => 'done',
        () => 'failed',
      ),
      timer,
    ])) === pending
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'motcua-pglite-'));
  embedded = await startEmbeddedPostgres({ dataDir, port: 0 });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await embedded.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('serves PostgreSQL on a local URL', async () => {
    expect(embedded.url).toBe(`postgresql://postgres@127.0.0.1:${embedded.port}/postgres`);
    const client = await connect();
    const { rows } = await client.query<{ answer: number }>('SELECT $1::int + 1 AS answer', [41]);
    expect(rows).toEqual([{ answer: 42 }]);
  });

  it('takes the migrations, and the Prisma client works over it', async () => {
    // When the migrations and the demo seed are applied through the socket
    const result = await applyMigrations(embedded.url);
    expect(result.applied.length).toBeGreaterThan(0);
    expect((await applyMigrations(embedded.url)).applied).toEqual([]);
    const db = createDb(embedded.url, { max: 2 });
    try {
      await seed(db, { demo: true });
      // Then Prisma reads and writes as on a real PostgreSQL, triggers included
      const leader = await db.account.findUniqueOrThrow({ where: { username: 'leader' }, include: { agency: true } });
      expect(leader.agency.code).toBe('000.00.17.H41');
      expect(await verifyPassword('demo', leader.passwordHash)).toBe(true);
      const entry = await db.auditLog.create({
        data: { actor: 'admin', action: 'seed', entity: 'demo', data: { ok: true } },
      });
      expect(entry.data).toEqual({ ok: true });
      await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
      // the work list's copies of a task's dossier: a task projected before its process has a
      // dossier (the advisory lock's path), then the dossier's process and status
      await db.$executeRaw`INSERT INTO "OpenTask" (id, "processInstanceId", "processDefinitionId", "taskDefinitionKey",
                                                   created, "candidateGroups")
                           VALUES ('task-embedded', 'process-embedded', 'def', 'appraise', now(), ARRAY['specialist:000.00.17.H41'])`;
      const dossierId = await createTestDossier(db, '000.00.17.H41-261206-0001');
      await db.$executeRaw`UPDATE "Dossier" SET "processInstanceId" = 'process-embedded' WHERE id = ${dossierId}::uuid`;
      await db.$executeRaw`UPDATE "Dossier" SET status = 'in_progress' WHERE id = ${dossierId}::uuid`;
      const task = await db.openTask.findUniqueOrThrow({ where: { id: 'task-embedded' } });
      expect([task.dossierId, task.dossierStatus]).toEqual([dossierId, 'in_progress']);
    } finally {
      await db.$disconnect();
    }
  });

  it('isolates one client’s transaction from another client’s statements', async () => {
    // Given two clients and a table
    const [a, b] = [await connect(), await connect()];
    await a.query('CREATE TABLE "isolation_probe" ("n" INTEGER)');

    // When A opens a transaction and writes, and B writes meanwhile
    await a.query('BEGIN');
    await a.query('INSERT INTO "isolation_probe" VALUES (1)');
    const bWrites = b.query('INSERT INTO "isolation_probe" VALUES ($1)', [2]);

    // Then B waits for A's transaction instead of running inside it
    expect(await stillPendingAfter(bWrites, 300)).toBe(true);
    // And when A rolls back, A's write is gone while B's write stands
    await a.query('ROLLBACK');
    await bWrites;
    const { rows } = await a.query('SELECT "n" FROM "isolation_probe" ORDER BY "n"');
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('never interleaves one client’s statements into another’s parameterised query', async () => {
    // Given four clients sending large parameterised queries (the Parse/Bind/Execute/Sync batch
    // reaches the server in several TCP chunks) and small ones with a different statement
    const parallel = await Promise.all([1, 2, 3, 4].map(() => connect()));
    const large = 'x'.repeat(300_000);
    const failures: string[] = [];

    // When they all run at once
    await Promise.all(
      parallel.map(async (client, k) => {
        for (let i = 0; i < 25; i++) {
          try {
            if (k % 2 === 0) {
              const { rows } = await client.query('SELECT length($1::text) AS size, $2::int AS i', [large + i, i]);
              if (rows[0].i !== i || rows[0].size !== large.length + String(i).length)
                failures.push(`client ${k} got ${JSON.stringify(rows[0])}`);
            } else {
              const { rows } = await client.query('SELECT $1::int AS i', [i]);
              if (rows[0].i !== i) failures.push(`client ${k} got ${JSON.stringify(rows[0])}`);
            }
          } catch (error) {
            failures.push(`client ${k}: ${(error as Error).message}`);
          }
        }
      }),
    );

    // Then every query got its own statement and its own answer
    expect(failures).toEqual([]);
  });

  it('rolls back the transaction of a client that disconnects in the middle of it', async () => {
    // Given a client that writes in a transaction and then goes away without committing
    const [observer, leaver] = [await connect(), await connect()];
    await observer.query('CREATE TABLE "abandon_probe" ("n" INTEGER)');
    await leaver.query('BEGIN');
    await leaver.query('INSERT INTO "abandon_probe" VALUES (1)');
    await leaver.end();

    // Then the others go on, and the write is gone
    const { rows } = await observer.query('SELECT count(*)::int AS n FROM "abandon_probe"');
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('hands out distinct dossier codes to concurrent transactions from two pools', async () => {
    // Given two Prisma clients, as the server and the workers hold
    const server: Db = createDb(embedded.url, { max: 3 });
    const workers: Db = createDb(embedded.url, { max: 3 });
    try {
      const district = await server.agency.findUniqueOrThrow({ where: { code: '000.00.17.H41' } });
      const receivedAt = new Date('2026-11-27T02:00:00Z');
      // When ten transactions take codes at once, spread over both
      const codes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? server : workers).$transaction((tx) => nextDossierCode(tx, district, receivedAt), {
            maxWait: 20_000,
            timeout: 20_000,
          }),
        ),
      );
      // Then they got 0001..0010
      expect([...codes].sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `000.00.17.H41-261127-${String(i + 1).padStart(4, '0')}`),
      );
    } finally {
      await Promise.all([server.$disconnect(), workers.$disconnect()]);
    }
  });

  it('refuses to serve a data folder another instance is serving', async () => {
    await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toThrow(/is already served by process \d+/);
    // And the running instance is undisturbed
    const { rows } = await (await connect()).query('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('keeps its data across a restart on the same folder', async () => {
    // When the server stops and starts again on the same folder
    await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
    await embedded.stop();
    embedded = await startEmbeddedPostgres({ dataDir, port: 0 });

    // Then the schema, the history and the data are still there
    expect((await applyMigrations(embedded.url)).applied).toEqual([]);
    const client = await connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM "Account"');
    expect(rows).toEqual([{ n: DEMO_ACCOUNTS.length }]);
  });
});
