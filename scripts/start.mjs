/**
 * `npm start`: the whole system on embedded defaults with demo data, from a fresh clone.
 * Installs and builds what is missing, starts every part, prints the addresses and demo accounts,
 * and stops everything it started on Ctrl-C. Uses only Node's standard library until npm ci has run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareAll } from './lib/prepare.mjs';
import { ROOT } from './lib/paths.mjs';

const startedAt = Date.now();
const dataDir = process.env.MOTCUA_DATA_DIR ?? join(ROOT, 'data');
mkdirSync(dataDir, { recursive: true });

/** The token-signing secret is made once per installation and kept out of the repository. */
function jwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const port = (name, fallback) => Number(process.env[name] ?? fallback);

await prepareAll();
const { startStack } = await import('./lib/stack.mjs');
const stack = await startStack({
  dataDir,
  logDir: join(dataDir, 'logs'),
  databaseUrl: process.env.DATABASE_URL,
  jwtSecret: jwtSecret(),
  ports: { engine: port('ENGINE_PORT', 8080), server: port('PORT', 3000), embeddedDb: port('EMBEDDED_DB_PORT', 54329) },
  demo: process.env.MOTCUA_DEMO !== 'false',
});

const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
console.log(`
Một Cửa is up (${seconds} s).
  Officers' UI     ${stack.serverUrl}/
  Citizen lookup   ${stack.serverUrl}/#/tra-cuu
  API docs         ${stack.serverUrl}/api/docs
  BPMN engine      ${stack.engineUrl}
  Our database     ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (PGlite) in ' + join(dataDir, 'pglite')}
  Logs             ${join(dataDir, 'logs')}
Demo accounts (password "demo"): admin, receptionist, specialist, leader, auditor
Press Ctrl-C to stop everything.`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
for (const { name, child } of stack.children.running) {
  child.once('exit', () => {
    if (!stopping) {
      console.error(`${name} stopped unexpectedly; stopping the rest.`);
      void shutdown();
    }
  });
}
