import pg from 'pg';

/**
 * Direct access to the stack's database, as someone with the database's password would edit it behind
 * the application: no trigger fires (session_replication_role = replica), so only the hash chains can
 * tell. global-setup.ts gives the URL of the database it created; against a system started elsewhere
 * (E2E_BASE_URL) set E2E_DATABASE_URL, or the journeys that need it are skipped.
 */
export const databaseUrl = (): string | undefined => process.env.E2E_DATABASE_URL;

/** Runs one statement as the tamperer; returns its rows. */
export async function asTamperer<Row extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<Row[]> {
  const url = databaseUrl();
  if (!url) throw new Error('E2E_DATABASE_URL is not set: the database cannot be reached');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
