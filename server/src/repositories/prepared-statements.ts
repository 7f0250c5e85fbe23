import { poolOf, type Prisma, type Db } from '@motcua/db';

/**
 * The hot reads' statements, prepared once per connection. Prisma sends every raw statement unnamed,
 * so PostgreSQL parses and plans it again on each request: for the work list's page that planning
 * was most of its database time (2.6 ms of 3.2 at a province's scale, bench/work-list-api.ts), and
 * for the officer's point read it made the CPU per read twice the bare read's (docs/benchmarks.md).
 *
 * Each text of a statement (a caller's conditions, with the access rule's variants, make one text;
 * the values are parameters) gets a name, so that node-postgres prepares it once on each connection
 * of the pool. The texts beyond the first few hundred are sent unnamed rather than kept prepared on
 * every connection for ever.
 */
const MOST_NAMED = 300;
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MOST_NAMED) {
    name = `motcua-${names.size}`;
    names.set(text, name);
  }
  return name;
}

/**
 * The rows of `statement`, sent on the client's node-postgres pool as a prepared statement when it
 * has one (not inside a transaction, whose statements must run on its own connection: see `poolOf`),
 * through Prisma otherwise. Both must read and write instants alike, wherever the server runs:
 * - a Date value is sent as its UTC ISO text, as Prisma sends it: node-postgres would write it in the
 *   process's time zone with an offset, which a comparison with a `timestamp` column (stored in UTC,
 *   without zone) drops, shifting the instant by the zone (7 hours in Việt Nam);
 * - callers select instants as `timestamptz`: node-postgres reads a `timestamp` without zone in the
 *   process's time zone.
 */
export async function queryPrepared<Row>(db: Db, statement: Prisma.Sql): Promise<Row[]> {
  const pool = poolOf(db);
  if (!pool) return db.$queryRaw<Row[]>(statement);
  const result = await pool.query({ name: nameOf(statement.text), text: statement.text, values: utcValues(statement) });
  return result.rows as Row[];
}

/** The statement's values for node-postgres, each Date as its UTC ISO text (see `queryPrepared`). */
export function utcValues(statement: Prisma.Sql): unknown[] {
  return statement.values.map((value) => (value instanceof Date ? value.toISOString() : value));
}
