import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/client.js';
import { openDemoDatabase, type DemoDatabase } from './database.js';
import { createTestDossier } from './dossier-fixture.js';
import { offerDifferences } from './open-task-offers-check.js';

/**
 * The copies each open task keeps of its dossier (migration 20261206203000_open_task_dossier_copies),
 * which the work list filters by instead of joining the dossier: whatever column of the dossier
 * changes, and in whichever order the task and the dossier are written, also by two transactions at
 * once, every task's copies are its dossier's columns (or nothing while it has no dossier).
 */
let database: DemoDatabase;
let db: Db;
let client: pg.Client;
/** Codes of the dossiers the tests make: the demo's district resolves the construction permit. */
let codes = 0;
const nextCode = () => `000.00.17.H41-261206-${String(++codes).padStart(4, '0')}`;

beforeAll(async () => {
  database = await openDemoDatabase();
  ({ db, client } = database);
});
afterAll(() => database.close());
beforeEach(async () => {
  await client.query('DELETE FROM "OpenTask"');
});
// the offers of each task (20261207000000_open_task_offers) copy its copies: they follow too
afterEach(async () => {
  expect(await offerDifferences(client)).toEqual([]);
});

/** The tasks whose copies are not their dossier's columns (nulls when no dossier has their process). */
async function staleCopies(): Promise<{ id: string }[]> {
  const result = await client.query<{ id: string }>(`
    SELECT t.id FROM "OpenTask" t LEFT JOIN "Dossier" d ON d."processInstanceId" = t."processInstanceId"
    WHERE (t."dossierId", t."dossierCode", t."dossierAgencyId", t."dossierProcedureId", t."dossierStatus",
           t."dossierDueAt", t."dossierFinishedAt")
          IS DISTINCT FROM (d.id, d.code, d."agencyId", d."procedureId", d.status, d."dueAt", d."finishedAt")`);
  return result.rows;
}

/** What the tasks of a process copied of their dossier: its id, or null. */
async function copiedDossierIds(processInstanceId: string): Promise<(string | null)[]> {
  const result = await client.query<{ dossierId: string | null }>(
    'SELECT "dossierId" FROM "OpenTask" WHERE "processInstanceId" = $1 ORDER BY id',
    [processInstanceId],
  );
  return result.rows.map((row) => row.dossierId);
}

const INSERT_TASK = `
  INSERT INTO "OpenTask" (id, "processInstanceId", "processDefinitionId", "taskDefinitionKey", created, "candidateGroups")
  VALUES ($1, $2, 'permit:1:def', 'appraise', now(), ARRAY['specialist:000.00.17.H41'])`;

/** Projects an open task of the process, as upsertOpenTasks does (the copies are the database's part). */
async function projectTask(id: string, processInstanceId: string, on: pg.Client = client): Promise<void> {
  await on.query(INSERT_TASK, [id, processInstanceId]);
}

/** A dossier of the construction permit running process `processInstanceId` (none: incomplete). */
async function dossierWithProcess(processInstanceId: string | null): Promise<string> {
  const id = await createTestDossier(db, nextCode());
  await client.query('UPDATE "Dossier" SET "processInstanceId" = $2 WHERE id = $1', [id, processInstanceId]);
  return id;
}

const connect = () => database.connect();
const blockedOnLock = (waiting: { pid: number }) => database.blockedOnLock(waiting);

describe('the copies an open task keeps of its dossier', () => {
  it('follow a change of any column of the dossier', async () => {
    // given a dossier with two open tasks, and another dossier that differs from it in every column
    // (another procedure of another agency, and every other column set otherwise)
    const changed = await dossierWithProcess('process-changed');
    await projectTask('task-changed-1', 'process-changed');
    await projectTask('task-changed-2', 'process-changed');
    const commune = await db.procedure.findUniqueOrThrow({ where: { code: '1.001193' }, include: { versions: true } });
    const other = await dossierWithProcess('process-other');
    await client.query(
      `UPDATE "Dossier" SET "procedureId" = $2, "procedureVersionId" = $3, "agencyId" = $4,
         "processDefinitionId" = 'birth:1:def', "legalRegime" = 'Nghị định 61/2018/NĐ-CP', "applicantName" = 'Trần Văn Bình',
         "applicantIdNumber" = '049190000002', "applicantPhone" = '0987654321', "applicantAddress" = 'Thôn Phú Nhuận',
         "applicantEmail" = 'binh@example.vn', "requestSummary" = 'Đăng ký khai sinh', documents = '[{"name": "Tờ khai"}]',
         "setCount" = 2, channel = 'online', "resultDelivery" = 'post', "deliveryAddress" = 'Thôn Phú Nhuận',
         status = 'returned', "receivedAt" = '2026-10-01T02:00:00Z', "dueAt" = '2026-10-15T10:00:00Z',
         "originalDueAt" = '2026-10-14T10:00:00Z', "clockPausedAt" = '2026-10-05T02:00:00Z',
         "finishedAt" = '2026-10-16T03:00:00Z', "returnedVia" = 'post', "postalTrackingRef" = 'EMS123',
         "refusalReason" = 'Không đủ điều kiện', "backEntry" = TRUE, "backEntryReason" = 'Mất điện',
         "receivedBy" = 'receptionist-2', "createdAt" = '2026-10-01T02:00:00Z', "updatedAt" = '2026-10-16T03:00:00Z'
       WHERE id = $1`,
      [other, commune.id, commune.versions[0]!.id, commune.agencyId],
    );
    const columns = (
      await client.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'Dossier' ORDER BY ordinal_position`,
      )
    ).rows.map((row) => row.name);
    // the unique columns take new values of their own; the process last, as it moves the tasks away
    const fresh: Record<string, string> = {
      id: 'gen_random_uuid()',
      code: `d.code || '-B'`,
      processInstanceId: `'process-changed-again'`,
    };
    const ordered = [...columns.filter((name) => name !== 'processInstanceId'), 'processInstanceId'];
    const alike = await client.query<{ name: string }>(
      `SELECT name FROM unnest($1::text[]) AS name
       WHERE NOT (SELECT (to_jsonb(a) -> name) IS DISTINCT FROM (to_jsonb(b) -> name)
                  FROM "Dossier" a, "Dossier" b WHERE a.id = $2 AND b.id = $3)`,
      [columns.filter((name) => !(name in fresh)), changed, other],
    );
    expect(alike.rows.map((row) => row.name)).toEqual([]);

    let id = changed;
    for (const column of ordered) {
      // when that one column of the dossier changes
      const value = fresh[column] ?? `(SELECT o."${column}" FROM "Dossier" o WHERE o.id = '${other}')`;
      const updated = await client.query<{ id: string }>(
        `UPDATE "Dossier" d SET "${column}" = ${value} WHERE d.id = $1 RETURNING d.id`,
        [id],
      );
      expect(updated.rowCount, column).toBe(1);
      id = updated.rows[0]!.id;
      // then every task's copies are still its dossier's columns
      expect(await staleCopies(), column).toEqual([]);
    }
    // the process moved on: its tasks lost the copies, and a task of the new process has them
    expect(await copiedDossierIds('process-changed')).toEqual([null, null]);
    await projectTask('task-changed-3', 'process-changed-again');
    expect(await copiedDossierIds('process-changed-again')).toEqual([id]);
    expect(await staleCopies()).toEqual([]);
  });

  it('follow the changes the application makes while a dossier has open tasks', async () => {
    // given a received dossier with an open task, and a partner agency
    const id = await dossierWithProcess('process-lifecycle');
    await projectTask('task-lifecycle', 'process-lifecycle');
    const partner = await db.agency.findUniqueOrThrow({ where: { code: '000.25.17.H41' } });
    const steps: [string, string][] = [
      [
        'appointment computed',
        `UPDATE "Dossier" SET status = 'in_progress', "dueAt" = '2026-12-20T10:00:00Z', "originalDueAt" = '2026-12-20T10:00:00Z' WHERE id = $1`,
      ],
      [
        'paused for a supplement',
        `UPDATE "Dossier" SET status = 'awaiting_supplement', "clockPausedAt" = now() WHERE id = $1`,
      ],
      [
        'resumed with a new appointment',
        `UPDATE "Dossier" SET status = 'in_progress', "clockPausedAt" = NULL, "dueAt" = '2026-12-24T10:00:00Z' WHERE id = $1`,
      ],
      ['transferred to a partner', `UPDATE "Dossier" SET status = 'at_other_agency' WHERE id = $1`],
      ['back from the partner', `UPDATE "Dossier" SET status = 'in_progress' WHERE id = $1`],
      ['apology approved', `UPDATE "Dossier" SET "dueAt" = '2026-12-30T10:00:00Z' WHERE id = $1`],
      ['result ready', `UPDATE "Dossier" SET status = 'result_ready' WHERE id = $1`],
      [
        'overridden to withdrawn',
        `UPDATE "Dossier" SET status = 'withdrawn', "finishedAt" = now(), "clockPausedAt" = NULL WHERE id = $1`,
      ],
      [
        'returned',
        `UPDATE "Dossier" SET status = 'returned', "finishedAt" = now(), "returnedVia" = 'counter' WHERE id = $1`,
      ],
    ];
    await client.query(
      `INSERT INTO "InterAgencyTransfer" (id, "dossierId", "toAgencyId", "sentBy", "sentAt", "dueAt")
       VALUES (gen_random_uuid(), $1, $2, 'specialist', now(), now() + interval '5 days')`,
      [id, partner.id],
    );
    for (const [step, statement] of steps) {
      // when the application changes the dossier so
      await client.query(statement, [id]);
      // then the task's copies are the dossier's columns
      expect(await staleCopies(), step).toEqual([]);
    }
    const copied = await client.query<{ status: string; finished: boolean }>(
      `SELECT "dossierStatus"::text AS status, "dossierFinishedAt" IS NOT NULL AS finished FROM "OpenTask" WHERE id = 'task-lifecycle'`,
    );
    expect(copied.rows).toEqual([{ status: 'returned', finished: true }]);
  });

  it('reach a task projected before its dossier is stored, or before an incomplete dossier is accepted', async () => {
    // given tasks of processes no dossier runs yet
    await projectTask('task-early', 'process-early');
    const incomplete = await dossierWithProcess(null);
    await projectTask('task-accepted', 'process-accepted');
    expect(await copiedDossierIds('process-early')).toEqual([null]);

    // when the reception stores its dossier, and the incomplete dossier is accepted with the other process
    const received = await dossierWithProcess('process-early');
    await client.query(
      `UPDATE "Dossier" SET status = 'received', "processInstanceId" = 'process-accepted' WHERE id = $1`,
      [incomplete],
    );

    // then both tasks copied their dossier
    expect(await copiedDossierIds('process-early')).toEqual([received]);
    expect(await copiedDossierIds('process-accepted')).toEqual([incomplete]);
    expect(await staleCopies()).toEqual([]);
  });

  it('go when the dossier goes', async () => {
    // given a dossier with an open task
    const id = await dossierWithProcess('process-deleted');
    await projectTask('task-deleted', 'process-deleted');
    // when the dossier is deleted
    await client.query('DELETE FROM "Dossier" WHERE id = $1', [id]);
    // then its task keeps no copy of it, as a join would find none
    expect(await copiedDossierIds('process-deleted')).toEqual([null]);
  });
});

describe('two transactions at once', () => {
  it('a task projected while a change of its dossier is not committed takes the committed change', async () => {
    // given a dossier whose status a transaction changed and has not committed
    const id = await dossierWithProcess('process-race-1');
    const changing = await connect();
    const projecting = await connect();
    try {
      await changing.query('BEGIN');
      await changing.query(`UPDATE "Dossier" SET status = 'in_progress', "dueAt" = now() WHERE id = $1`, [id]);
      // when another transaction projects a task of its process, and the change commits
      await projecting.query('BEGIN');
      const projected = projectTask('task-race-1', 'process-race-1', projecting);
      await blockedOnLock(projecting);
      await changing.query('COMMIT');
      await projected;
      await projecting.query('COMMIT');
      // then the task copied the changed dossier
      expect(await staleCopies()).toEqual([]);
      const copied = await client.query(
        `SELECT "dossierStatus"::text AS status FROM "OpenTask" WHERE id = 'task-race-1'`,
      );
      expect(copied.rows).toEqual([{ status: 'in_progress' }]);
    } finally {
      await changing.end();
      await projecting.end();
    }
  });

  it('a change of a dossier while a task of it is projected and not committed reaches the task', async () => {
    // given a task of a dossier projected by a transaction that has not committed
    const id = await dossierWithProcess('process-race-2');
    const changing = await connect();
    const projecting = await connect();
    try {
      await projecting.query('BEGIN');
      await projectTask('task-race-2', 'process-race-2', projecting);
      // when another transaction changes the dossier, and the projection commits
      const changed = changing.query(`UPDATE "Dossier" SET status = 'result_ready' WHERE id = $1`, [id]);
      await blockedOnLock(changing);
      await projecting.query('COMMIT');
      await changed;
      // then the task has the change
      expect(await staleCopies()).toEqual([]);
      const copied = await client.query(
        `SELECT "dossierStatus"::text AS status FROM "OpenTask" WHERE id = 'task-race-2'`,
      );
      expect(copied.rows).toEqual([{ status: 'result_ready' }]);
    } finally {
      await changing.end();
      await projecting.end();
    }
  });

  it('a dossier stored while a task of its process is projected and not committed reaches the task', async () => {
    // given a task of a process projected by a transaction that has not committed, and no dossier yet
    const storing = await connect();
    const projecting = await connect();
    try {
      await projecting.query('BEGIN');
      await projectTask('task-race-3', 'process-race-3', projecting);
      // when the reception stores the dossier of that process meanwhile, and the projection commits
      const id = await createTestDossier(db, nextCode());
      const stored = storing.query('UPDATE "Dossier" SET "processInstanceId" = $2 WHERE id = $1', [
        id,
        'process-race-3',
      ]);
      await blockedOnLock(storing);
      await projecting.query('COMMIT');
      await stored;
      // then the task copied the dossier
      expect(await copiedDossierIds('process-race-3')).toEqual([id]);
      expect(await staleCopies()).toEqual([]);
    } finally {
      await storing.end();
      await projecting.end();
    }
  });

  it('a task projected while its dossier is being stored and not committed copies it once it commits', async () => {
    // given a reception storing the dossier of a process, not committed
    const storing = await connect();
    const projecting = await connect();
    try {
      const id = await createTestDossier(db, nextCode());
      await storing.query('BEGIN');
      await storing.query('UPDATE "Dossier" SET "processInstanceId" = $2 WHERE id = $1', [id, 'process-race-4']);
      // when a task of that process is projected meanwhile, and the reception commits
      const projected = projectTask('task-race-4', 'process-race-4', projecting);
      await blockedOnLock(projecting);
      await storing.query('COMMIT');
      await projected;
      // then the task copied the dossier
      expect(await copiedDossierIds('process-race-4')).toEqual([id]);
      expect(await staleCopies()).toEqual([]);
    } finally {
      await storing.end();
      await projecting.end();
    }
  });
});
