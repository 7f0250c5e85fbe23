/**
 * Runs the embedded PostgreSQL (src/embedded-postgres.ts) as its own process, for the start and test
 * scripts to spawn. Prints the connection URL as its only line on stdout once it accepts connections,
 * and stops cleanly on SIGTERM or SIGINT.
 *
 *   EMBEDDED_DB_DIR=data/postgres EMBEDDED_DB_PORT=54329 npx tsx prisma/src/bin/embedded-postgres.ts
 */
import { fileURLToPath } from 'node:url';
import { EMBEDDED_POSTGRES_PORT, startEmbeddedPostgres } from '../embedded-postgres.js';

const dataDir = process.env.EMBEDDED_DB_DIR || fileURLToPath(new URL('../../../data/postgres', import.meta.url));
const port = Number(process.env.EMBEDDED_DB_PORT || EMBEDDED_POSTGRES_PORT);
const host = process.env.EMBEDDED_DB_HOST || '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`embedded-postgres: EMBEDDED_DB_PORT must be a TCP port number, got "${process.env.EMBEDDED_DB_PORT}"`);
  process.exit(2);
}

const database = await startEmbeddedPostgres({ dataDir, port, host });
console.log(database.url);

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.error(`embedded-postgres: ${signal} received, closing ${dataDir}`);
  await database.stop();
  process.exit(0);
}
process.on('SIGTERM', (signal) => void shutdown(signal));
process.on('SIGINT', (signal) => void shutdown(signal));
