/**
 * Which database a maintenance command (verify-trail) works on, the way `npm start` chooses it:
 * DATABASE_URL when set; otherwise the embedded PostgreSQL in `<MOTCUA_DATA_DIR or data>/pglite`,
 * reached over TCP when `npm start` is serving it (its lock file names a live process), or opened by
 * this process for the length of the command when nothing is (PGlite serves one process at a time).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDED_POSTGRES_PORT, startEmbeddedPostgres } from '../embedded-postgres.js';

export interface CommandDatabase {
  url: string;
  /** What to tell the operator about where the data is. */
  description: string;
  close(): Promise<void>;
}

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openCommandDatabase(env: NodeJS.ProcessEnv = process.env): Promise<CommandDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, description: 'DATABASE_URL', close: async () => {} };
  const dataDir = join(env.MOTCUA_DATA_DIR || join(REPOSITORY, 'data'), 'pglite');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new Error(`no DATABASE_URL and no embedded database in ${dataDir}: run npm start once, or set DATABASE_URL`);
  }
  const holder = Number.parseInt(existsSync(`${dataDir}.lock`) ? readFileSync(`${dataDir}.lock`, 'utf8') : '', 10);
  if (Number.isInteger(holder) && isAlive(holder)) {
    const port = env.EMBEDDED_DB_PORT || String(EMBEDDED_POSTGRES_PORT);
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      description: `embedded PostgreSQL served by process ${holder}`,
      close: async () => {},
    };
  }
  const embedded = await startEmbeddedPostgres({ dataDir, port: 0 });
  return { url: embedded.url, description: `embedded PostgreSQL in ${dataDir}`, close: () => embedded.stop() };
}
