import type pg from 'pg';

/** One row too many or missing in "OpenTaskOffer", against what the tasks' rows say it must hold. */
export interface OfferDifference {
  side: 'extra' | 'missing';
  taskId: string;
  group: string;
}

/**
 * The differences between the offers (prisma/migrations/20261207000000_open_task_offers) and the
 * tasks' rows: one offer per task and distinct group of its `candidateGroups`, whose every other
 * column (read from information_schema, so a column added later is checked too) is the task's column
 * of that name. Empty when the triggers kept them.
 */
export async function offerDifferences(client: pg.Client): Promise<OfferDifference[]> {
  const { rows: columns } = await client.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'OpenTaskOffer' AND column_name NOT IN ('taskId', 'group')
     ORDER BY ordinal_position`,
  );
  const copied = columns.map((column) => `"${column.name}"`);
  const expected = `SELECT DISTINCT t.id AS "taskId", g AS "group", ${copied.map((column) => `t.${column}`).join(', ')}
                    FROM "OpenTask" t, unnest(t."candidateGroups") AS g WHERE g IS NOT NULL`;
  const actual = `SELECT "taskId", "group", ${copied.join(', ')} FROM "OpenTaskOffer"`;
  const result = await client.query<OfferDifference>(`
    SELECT 'extra' AS side, "taskId", "group" FROM (${actual} EXCEPT ALL ${expected}) a
    UNION ALL
    SELECT 'missing' AS side, "taskId", "group" FROM (${expected} EXCEPT ALL ${actual}) m
    ORDER BY 2, 3, 1`);
  return result.rows;
}
