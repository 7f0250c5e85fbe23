import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESS_KEYS } from '@motcua/common';
import { createEngineClient } from '@motcua/common/engine';
import { createTestDatabase, startTestEngine, type TestDatabase } from '@motcua/common/testing';
import { applyMigrations, createDb, seed, startEmbeddedPostgres } from '@motcua/db';
import { verifyTrail } from '@motcua/db/trail';
import { deployProcesses } from '@motcua/processes';
import { ROOT } from '../scripts/lib/paths.mjs';

/**
 * `npm run backup` and `npm run restore` on the machine's PostgreSQL, for our database and for the
 * engine's (started on PostgreSQL, as in the deployment): what comes back is identical, table by
 * table, and the trail's chains are intact; and of the embedded PGlite folder, copied as files while
 * nothing serves it (scripts/lib/backup.mjs). Elsewhere MOTCUA_DATA_DIR points at an empty folder, so
 * there is no embedded data to copy.
 */
const folders: string[] = [];
const databases: TestDatabase[] = [];
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'motcua-backup-'));
  folders.push(work);
});
afterAll(async () => {
  for (const database of databases) await database.drop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}, 60_000);

async function newDatabase(prefix: string): Promise<TestDatabase> {
  const database = await createTestDatabase(pg, prefix);
  databases.push(database);
  return database;
}

/** Runs `npm run <command> -- <dir>` (its script, as npm does) with the given environment. */
function npmRun(command: 'backup' | 'restore', dir: string, env: Record<string, string>) {
  const clean = { ...process.env };
  for (const name of ['DATABASE_URL', 'ENGINE_DB_URL', 'ENGINE_DB_USER', 'ENGINE_DB_PASSWORD', 'ENGINE_DATA_DIR']) {
    delete clean[name];
  }
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', `${command}.mjs`), dir], {
    cwd: ROOT,
    env: { ...clean, MOTCUA_DATA_DIR: join(work, 'no-embedded-data'), ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every table of the public schema, with its row count and a digest of its rows in a fixed order. */
async function contents(url: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      const { rows } = await client.query<{ n: string; digest: string | null }>(
        `SELECT count(*)::text AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM ${quoted} t`,
      );
      result[name] = `${rows[0]!.n} rows, ${rows[0]!.digest}`;
    }
    const sequences = await client.query<{ name: string; last: string | null }>(
      `SELECT sequencename AS name, last_value::text AS last FROM pg_sequences WHERE schemaname = 'public'`,
    );
    for (const { name, last } of sequences.rows) result[`sequence ${name}`] = last ?? 'unused';
    return result;
  });
}

describe('npm run backup / restore of our database', () => {
  let source: TestDatabase;

  beforeAll(async () => {
    // Given our database with dossier events and audit entries in their chains
    source = await newDatabase('motcua_backup_src');
    await applyMigrations(source.url);
    const db = createDb(source.url, { max: 2 });
    try {
      await seed(db, { demo: true });
      const procedure = await db.procedure.findUniqueOrThrow({
        where: { code: '1.001193' },
        include: { versions: true },
      });
      for (let i = 1; i <= 3; i += 1) {
        const dossier = await db.dossier.create({
          data: {
            code: `000.25.17.H41-261206-000${i}`,
            procedureId: procedure.id,
            procedureVersionId: procedure.versions[0]!.id,
            legalRegime: 'Nghị định 118/2025/NĐ-CP',
            requestSummary: procedure.versions[0]!.name,
            agencyId: procedure.agencyId,
            applicantName: 'Trần Thị Bình',
            applicantIdNumber: `04919000000${i}`,
            applicantPhone: '0905000111',
            applicantAddress: 'Thôn Kiệu, xã Duy Trung',
            receivedAt: new Date('2026-12-06T02:00:00Z'),
            receivedBy: 'xa.receptionist',
          },
        });
        for (const type of ['received', 'task_claimed', 'task_completed']) {
          await db.dossierEvent.create({ data: { dossierId: dossier.id, type, actor: 'xa.specialist', data: { i } } });
        }
        await db.auditLog.create({
          data: { actor: 'admin', action: 'test.backup', entity: 'dossier', entityId: dossier.code },
        });
      }
    } finally {
      await db.$disconnect();
    }
  }, 120_000);

  it('comes back identical into an empty database, with the trail intact and going on', async () => {
    const dir = join(work, 'ours');
    const backedUp = npmRun('backup', dir, { DATABASE_URL: source.url });
    expect(backedUp.output).toContain('Backed up');
    expect(backedUp.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8')).parts).toEqual({
      ours: { kind: 'postgresql', file: 'ours.dump' },
    });
    expect(backedUp.output).toMatch(/engine's H2 file .*nothing there, skipped/);

    const target = await newDatabase('motcua_backup_dst');
    const restored = npmRun('restore', dir, { DATABASE_URL: target.url });
    expect(restored.output).toContain('Trail intact');
    expect(restored.status).toBe(0);
    expect(await contents(target.url)).toEqual(await contents(source.url));

    const db = createDb(target.url, { max: 1 });
    try {
      const last = await db.dossierEvent.findFirstOrThrow({ orderBy: { chainSeq: 'desc' } });
      const next = await db.dossierEvent.create({
        data: { dossierId: last.dossierId, type: 'returned', actor: 'xa.receptionist' },
      });
      expect([next.chainSeq, next.prevHash]).toEqual([last.chainSeq + 1n, last.hash]);
      expect((await verifyTrail(db)).ok).toBe(true);
    } finally {
      await db.$disconnect();
    }
  }, 180_000);

  it('puts back a tampered database as it was', async () => {
    const dir = join(work, 'ours-again');
    expect(npmRun('backup', dir, { DATABASE_URL: source.url }).status).toBe(0);
    const before = await contents(source.url);
    // When someone edits an event behind the triggers
    await withClient(source.url, async (client) => {
      await client.query('SET session_replication_role = replica');
      await client.query(`UPDATE "DossierEvent" SET actor = 'someone' WHERE "chainSeq" = 2`);
    });
    const db = createDb(source.url, { max: 1 });
    try {
      expect((await verifyTrail(db)).tables[0]!.break).toMatchObject({ problem: 'content_changed', chainSeq: '2' });
    } finally {
      await db.$disconnect();
    }
    // Then the restore over it brings back the backup, and the check after it says so
    const restored = npmRun('restore', dir, { DATABASE_URL: source.url });
    expect(restored.output).toContain('Trail intact');
    expect(restored.status).toBe(0);
    expect(await contents(source.url)).toEqual(before);
  }, 180_000);

  it('refuses a folder that holds something, and a backup of another kind of database', async () => {
    const dir = join(work, 'ours');
    expect(npmRun('backup', dir, { DATABASE_URL: source.url })).toMatchObject({
      status: 1,
      output: expect.stringContaining('is not empty'),
    });
    // A PostgreSQL dump cannot go back into the embedded database: nothing is touched.
    const refused = npmRun('restore', dir, {});
    expect(refused).toMatchObject({ status: 1, output: expect.stringContaining('no PostgreSQL URL is configured') });
    expect(existsSync(join(work, 'no-embedded-data'))).toBe(false);
  });
});

describe('npm run backup / restore of the embedded database', () => {
  it('copies PGlite’s folder while nothing serves it, refuses while something does, and puts it back', async () => {
    // Given the embedded database of a stopped `npm start`, migrated, with audit entries in their chain
    const data = join(work, 'embedded-data');
    const dataDir = join(data, 'pglite');
    const auditRows = async (url: string) =>
      withClient(
        url,
        async (client) => (await client.query('SELECT actor, hash FROM "AuditLog" ORDER BY "chainSeq"')).rows,
      );
    let embedded = await startEmbeddedPostgres({ dataDir, port: 0 });
    let before: unknown[];
    try {
      await applyMigrations(embedded.url);
      await withClient(embedded.url, async (client) => {
        for (const actor of ['admin', 'auditor']) {
          await client.query(`INSERT INTO "AuditLog" (actor, action, entity) VALUES ($1, 'test.backup', 'x')`, [actor]);
        }
      });
      before = await auditRows(embedded.url);
      // While it is served, the backup refuses and writes nothing
      const refused = npmRun('backup', join(work, 'embedded-refused'), { MOTCUA_DATA_DIR: data });
      expect(refused).toMatchObject({ status: 1, output: expect.stringContaining('stop npm start first') });
      expect(existsSync(join(work, 'embedded-refused'))).toBe(false);
    } finally {
      await embedded.stop();
    }
    const dir = join(work, 'embedded');
    const backedUp = npmRun('backup', dir, { MOTCUA_DATA_DIR: data });
    expect(backedUp.status, backedUp.output).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8')).parts).toEqual({
      ours: { kind: 'files', file: 'pglite' },
    });

    // When more is written after the backup, and the backup is restored
    embedded = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      await withClient(embedded.url, (client) =>
        client.query(`INSERT INTO "AuditLog" (actor, action, entity) VALUES ('later', 'test.backup', 'x')`),
      );
    } finally {
      await embedded.stop();
    }
    const restored = npmRun('restore', dir, { MOTCUA_DATA_DIR: data });
    expect(restored.output).toContain('Trail intact');
    expect(restored.status).toBe(0);

    // Then the folder is as it was at the backup, and the newer one is kept aside
    expect(readdirSync(data).some((name) => name.startsWith('pglite.before-restore-'))).toBe(true);
    embedded = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await auditRows(embedded.url)).toEqual(before);
    } finally {
      await embedded.stop();
    }
  }, 600_000);
});

describe('npm run backup / restore of the engine on PostgreSQL', () => {
  it('brings back its tables identical, the started process among them', async () => {
    // Given the engine on PostgreSQL with the diagrams deployed and one process started, then stopped
    // (a running engine keeps writing its job tables, which the comparison would see)
    const source = await newDatabase('motcua_backup_engine_src');
    const jdbc = (url: string) => `jdbc:postgresql://${new URL(url).host}${new URL(url).pathname}`;
    const credentials = (url: string) => ({
      ENGINE_DB_USER: decodeURIComponent(new URL(url).username),
      ENGINE_DB_PASSWORD: decodeURIComponent(new URL(url).password),
    });
    const first = await startTestEngine({ env: { ENGINE_DB_URL: jdbc(source.url), ...credentials(source.url) } });
    let processInstanceId: string;
    try {
      const engine = createEngineClient({
        baseUrl: first.url,
        user: first.user,
        password: first.password,
        timeoutMs: 120_000,
      });
      await deployProcesses(engine);
      const instance = await engine.startProcess(PROCESS_KEYS.houseConstructionPermit, {
        businessKey: '000.00.17.H41-261206-0001',
        variables: {
          dossierCode: '000.00.17.H41-261206-0001',
          procedureCode: '1.009994',
          agencyCode: '000.00.17.H41',
          receivedAt: new Date(),
          processingDays: 15,
        },
      });
      processInstanceId = instance.id;
    } finally {
      await first.stop();
    }

    // When it is backed up and restored into another database
    const dir = join(work, 'engine');
    const engineEnv = (url: string) => ({ ENGINE_DB_URL: jdbc(url), ...credentials(url) });
    // our database: the source of the first test is gone from this describe, so any migrated one will do
    const ours = await newDatabase('motcua_backup_ours');
    await applyMigrations(ours.url);
    const backedUp = npmRun('backup', dir, { DATABASE_URL: ours.url, ...engineEnv(source.url) });
    expect(backedUp.status, backedUp.output).toBe(0);
    const target = await newDatabase('motcua_backup_engine_dst');
    const restored = npmRun('restore', dir, { DATABASE_URL: ours.url, ...engineEnv(target.url) });
    expect(restored.status, restored.output).toBe(0);

    // Then its tables are identical, the process's history with them
    expect(await contents(target.url)).toEqual(await contents(source.url));
    // (An engine started on the copy would read the same rows; one engine start is spared on a busy machine.)
    const copied = await withClient(target.url, (client) =>
      client.query('SELECT proc_def_key_ FROM act_hi_procinst WHERE id_ = $1', [processInstanceId]),
    );
    expect(copied.rows).toEqual([{ proc_def_key_: PROCESS_KEYS.houseConstructionPermit }]);
  }, 600_000);
});
