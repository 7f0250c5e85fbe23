/**
 * `npm start`: the whole system on embedded defaults with demo data, from a fresh clone.
 * Installs and builds what is missing, starts every part, prints the addresses and demo accounts,
 * restarts any part that dies, and stops everything it started on Ctrl-C (SIGINT), SIGTERM or SIGHUP,
 * or when npm goes away.
 * Uses only Node's standard library until npm ci has run.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Children } from './lib/children.mjs';
import { prepareAll } from './lib/prepare.mjs';
import { engineCredentials, jwtSecret } from './lib/secrets.mjs';
import { startStack } from './lib/stack.mjs';
import { ROOT } from './lib/paths.mjs';

const startedAt = Date.now();
const dataDir = process.env.MOTCUA_DATA_DIR || join(ROOT, 'data');
const logDir = join(dataDir, 'logs');
const children = new Children(logDir);

/** @type {Promise<void> | undefined} */
let stopping;
let stoppingSince = 0;
/** Stops every child in order, then exits with `exitCode`. */
function stop(reason, exitCode = 0) {
  if (stopping) return stopping;
  stoppingSince = Date.now();
  console.log(`\nStopping (${reason})…`);
  stopping = children.stopAll().then(() => process.exit(exitCode));
  return stopping;
}
/**
 * A signal while stopping ends the children at once, unless it is the first Ctrl-C arriving twice:
 * from the terminal and forwarded by npm.
 */
function onSignal(signal) {
  if (!stopping) return void stop(signal);
  if (Date.now() - stoppingSince < 1000) return;
  console.log('Stopping at once.');
  children.killAll();
  process.exit(1);
}
// Registered before anything starts, so an interrupted install or start-up leaves nothing behind.
// Children have their own process groups: the terminal's Ctrl-C reaches this script only.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
// npm forwards SIGINT and SIGTERM to the shell it runs us with, which may not pass them on (dash), and
// npm itself ends on SIGHUP or SIGKILL without telling us. So we watch npm: when it goes away, we stop.
if (process.env.npm_lifecycle_event === 'start') watchNpm();

/** Parent process id of `pid` (Linux /proc), undefined when unknown. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function watchNpm() {
  const parent = process.ppid;
  // With a shell in between (`sh -c node scripts/start.mjs`), npm is the shell's parent.
  const viaShell = /^(sh|dash|bash|zsh)$/.test(readTextOr(`/proc/${parent}/comm`, '').trim());
  const npm = viaShell ? parentOf(parent) : parent;
  const watch = setInterval(() => {
    const current = viaShell ? parentOf(process.ppid) : process.ppid;
    if (process.ppid === parent && current === npm) return;
    clearInterval(watch);
    void stop('npm exited');
  }, 1000);
  watch.unref();
}

function readTextOr(file, fallback) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** A TCP port from the environment, or the default; exits naming the variable when malformed. */
function port(name, fallback) {
  const value = process.env[name] || String(fallback);
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 65535) {
    console.error(`${name} must be a TCP port number (1–65535), got "${value}"`);
    process.exit(2);
  }
  return number;
}
const ports = {
  engine: port('ENGINE_PORT', 8080),
  server: port('PORT', 3000),
  embeddedDb: port('EMBEDDED_DB_PORT', 54329),
};

const databaseUrl = process.env.DATABASE_URL || undefined;
const demo = process.env.MOTCUA_DEMO !== 'false';
let stack;
let engine;
try {
  mkdirSync(dataDir, { recursive: true });
  engine = engineCredentials(dataDir);
  await prepareAll();
  if (stopping) await stopping;
  stack = await startStack({
    dataDir,
    logDir,
    databaseUrl,
    jwtSecret: jwtSecret(dataDir),
    engine,
    ports,
    demo,
    children,
  });
} catch (error) {
  // A stop requested during start-up makes the steps fail; that is not worth a report.
  if (stopping) await stopping;
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await children.stopAll();
  process.exit(1);
}
if (stopping) await stopping;

const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
console.log(`
Một Cửa is up (${seconds} s).
  Officers' UI     ${stack.serverUrl}/
  Citizen lookup   ${stack.serverUrl}/#/tra-cuu
  API docs         ${stack.serverUrl}/api/docs
  BPMN engine      ${stack.engineUrl} (account: ${engine.file ?? 'ENGINE_USER / ENGINE_PASSWORD'})
  Our database     ${databaseUrl ? 'DATABASE_URL' : 'embedded PostgreSQL (PGlite) in ' + join(dataDir, 'pglite')}
  Logs             ${logDir}
${demo ? 'Demo accounts (password "demo"): admin, receptionist, specialist, leader, auditor\n' : ''}Press Ctrl-C to stop everything.`);

// From now on a part that dies is started again (with a growing delay while it keeps dying), and says
// so; only Ctrl-C, SIGTERM or SIGHUP stop everything.
children.supervise();
