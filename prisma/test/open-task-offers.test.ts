import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/client.js';
import { openDemoDatabase, type DemoDatabase } from './database.js';
import { createTestDossier } from './dossier-fixture.js';
import { offerDifferences } from './open-task-offers-check.js';

/**
 * The offers of the open tasks (migration 20261207000000_open_task_offers), one row per task and
 * candidate group, which the work list pages through: whatever is written to the tasks or to their
 * dossiers, in any order, also by two transactions at once, the offers are what the tasks' rows say.
 */
let database: DemoDatabase;
let db: Db;
let client: pg.Client;
/** The dossiers the writes below change: each runs its own process, and a third process has none. */
const PROCESSES = ['process-a', 'process-b', 'process-without-dossier'] as const;
const dossierIds: string[] = [];
let statuses: string[] = [];

beforeAll(async () => {
  database = await openDemoDatabase();
  ({ db, client } = database);
  for (const [index, process] of PROCESSES.slice(0, 2).entries()) {
    const id = await createTestDossier(db, `000.00.17.H41-261207-000${index + 1}`);
    await client.query('UPDATE "Dossier" SET "processInstanceId" = $2 WHERE id = $1', [id, process]);
    dossierIds.push(id);
  }
  statuses = (
    await client.query<{ status: string }>(`SELECT unnest(enum_range(NULL::"DossierStatus"))::text AS status`)
  ).rows.map((row) => row.status);
});
afterAll(() => database.close());
beforeEach(async () => {
  await client.query('DELETE FROM "OpenTask"');
});

// few tasks, so that the writes of a sequence often meet the same one
const TASK_IDS = ['task-1', 'task-2'];
const GROUPS = [
  'specialist:000.00.17.H41',
  'leader:000.00.17.H41',
  'specialist:000.25.17.H41',
  'receptionist:000.00.17.H41',
];
const INSTANTS = [null, '2026-12-01T02:00:00Z', '2026-12-08T09:30:00Z', '2026-12-20T10:00:00Z'];

/** Groups as the engine may give them: any of them, repeated, or none. */
const groups = fc.array(fc.constantFrom(...GROUPS), { maxLength: 5 });

/** One write of the projection (domain/src/open-tasks.ts) or of the application to a dossier. */
const write = fc.oneof(
  fc.record({
    kind: fc.constant('upsert' as const),
    id: fc.constantFrom(...TASK_IDS),
    process: fc.constantFrom(...PROCESSES),
    groups,
    assignee: fc.constantFrom(null, 'specialist', 'specialist-2'),
    due: fc.constantFrom(...INSTANTS),
  }),
  fc.record({ kind: fc.constant('touch' as const), id: fc.constantFrom(...TASK_IDS) }),
  fc.record({
    kind: fc.constant('claim' as const),
    id: fc.constantFrom(...TASK_IDS),
    assignee: fc.constantFrom(null, 'specialist'),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    id: fc.constantFrom(...TASK_IDS),
    process: fc.constantFrom(...PROCESSES),
  }),
  fc.record({ kind: fc.constant('end' as const), id: fc.constantFrom(...TASK_IDS) }),
  fc.record({
    kind: fc.constant('dossier' as const),
    dossier: fc.constantFrom(0, 1),
    status: fc.nat(),
    dueAt: fc.constantFrom(...INSTANTS),
    finishedAt: fc.constantFrom(...INSTANTS),
  }),
  fc.record({ kind: fc.constant('detach' as const), dossier: fc.constantFrom(0, 1), attached: fc.boolean() }),
);
type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

async function apply(on: pg.Client, step: Write): Promise<void> {
  switch (step.kind) {
    case 'upsert':
      // as upsertOpenTasks writes a task: new, or every column it reads from the engine again
      await on.query(
        `INSERT INTO "OpenTask" (id, "processInstanceId", "processDefinitionId", "taskDefinitionKey", name, assignee,
                                 created, due, "candidateGroups", "syncedAt")
         VALUES ($1, $2, 'permit:1:def', 'appraise', 'Thẩm định', $3, '2026-12-01T01:00:00Z', $4, $5, now())
         ON CONFLICT (id) DO UPDATE SET assignee = EXCLUDED.assignee, due = EXCLUDED.due, name = EXCLUDED.name,
           "candidateGroups" = EXCLUDED."candidateGroups", "syncedAt" = EXCLUDED."syncedAt"`,
        [step.id, step.process, step.assignee, step.due, step.groups],
      );
      return;
    case 'touch':
      await on.query('UPDATE "OpenTask" SET "syncedAt" = now() WHERE id = $1', [step.id]);
      return;
    case 'claim':
      await on.query('UPDATE "OpenTask" SET assignee = $2 WHERE id = $1', [step.id, step.assignee]);
      return;
    case 'move':
      await on.query('UPDATE "OpenTask" SET "processInstanceId" = $2 WHERE id = $1', [step.id, step.process]);
      return;
    case 'end':
      await on.query('DELETE FROM "OpenTask" WHERE id = $1', [step.id]);
      return;
    case 'dossier':
      await on.query(
        `UPDATE "Dossier" SET status = $2::"DossierStatus", "dueAt" = $3, "finishedAt" = $4 WHERE id = $1`,
        [dossierIds[step.dossier], statuses[step.status % statuses.length], step.dueAt, step.finishedAt],
      );
      return;
    case 'detach':
      await on.query('UPDATE "Dossier" SET "processInstanceId" = $2 WHERE id = $1', [
        dossierIds[step.dossier],
        step.attached ? PROCESSES[step.dossier] : null,
      ]);
      return;
  }
}

describe('the offers of the open tasks', () => {
  it('are what the tasks say after any sequence of writes to the tasks and their dossiers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), async (steps) => {
        await client.query('DELETE FROM "OpenTask"');
        for (const step of steps) {
          await apply(client, step);
          expect(await offerDifferences(client), JSON.stringify(step)).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('are not written again when the sweep finds a task unchanged', async () => {
    // given a task offered to two groups
    const task = {
      kind: 'upsert',
      id: 'task-1',
      process: 'process-a',
      groups: GROUPS.slice(0, 2),
      assignee: null,
      due: INSTANTS[1]!,
    } as const;
    await apply(client, task);
    const versions = async () =>
      (await client.query<{ v: string }>(`SELECT xmin::text AS v FROM "OpenTaskOffer" ORDER BY "group"`)).rows;
    const before = await versions();
    expect(before).toHaveLength(2);
    // when the sweep upserts it with the same columns (and a new syncedAt)
    await apply(client, task);
    await apply(client, { kind: 'touch', id: 'task-1' });
    // then its offers are the same row versions
    expect(await versions()).toEqual(before);
  });

  it('end with the task, and a task without groups is offered to nobody', async () => {
    await apply(client, { kind: 'upsert', id: 'task-2', process: 'process-b', groups: [], assignee: null, due: null });
    expect((await client.query('SELECT 1 FROM "OpenTaskOffer"')).rowCount).toBe(0);
    await apply(client, {
      kind: 'upsert',
      id: 'task-2',
      process: 'process-b',
      groups: [GROUPS[0]!, GROUPS[0]!],
      assignee: null,
      due: null,
    });
    expect((await client.query('SELECT "group" FROM "OpenTaskOffer"')).rows).toEqual([{ group: GROUPS[0] }]);
    await apply(client, { kind: 'end', id: 'task-2' });
    expect((await client.query('SELECT 1 FROM "OpenTaskOffer"')).rowCount).toBe(0);
  });
});

const connect = () => database.connect();
const blockedOnLock = (waiting: { pid: number }) => database.blockedOnLock(waiting);

describe('two transactions at once', () => {
  it('writing one task, the offers are the last writer’s', async () => {
    // given a task, and a transaction that changed its groups and has not committed
    const task = { kind: 'upsert', id: 'task-3', process: 'process-a', assignee: null, due: null } as const;
    await apply(client, { ...task, groups: [GROUPS[0]!] });
    const first = await connect();
    const second = await connect();
    try {
      await first.query('BEGIN');
      await apply(first, { ...task, groups: [GROUPS[1]!] });
      // when a second one claims it and changes its groups again meanwhile, and the first commits
      await second.query('BEGIN');
      const claimed = apply(second, { ...task, groups: [GROUPS[2]!, GROUPS[3]!], assignee: 'specialist' });
      await blockedOnLock(second);
      await first.query('COMMIT');
      await claimed;
      await second.query('COMMIT');
      // then the offers are the second writer's, and nothing else
      expect(await offerDifferences(client)).toEqual([]);
      const offered = await client.query<{ group: string; assignee: string }>(
        `SELECT "group", assignee FROM "OpenTaskOffer"`,
      );
      expect(new Set(offered.rows.map((row) => `${row.group} ${row.assignee}`))).toEqual(
        new Set([`${GROUPS[2]} specialist`, `${GROUPS[3]} specialist`]),
      );
    } finally {
      await first.end();
      await second.end();
    }
  });
});
