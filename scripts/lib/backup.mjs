/**
 * Backup and restore of our database and the engine's, as `npm start` and the deployment configure
 * them (`npm run backup -- <dir>`, `npm run restore -- <dir>`; the README's "Backup and restore").
 *
 * - A PostgreSQL database (our DATABASE_URL; the engine's ENGINE_DB_URL, a JDBC URL, with
 *   ENGINE_DB_USER / ENGINE_DB_PASSWORD) is dumped by the machine's `pg_dump` in its custom format, a
 *   consistent snapshot taken while the system runs, and restored by `pg_restore --clean` in one
 *   transaction: a restore that fails half way changes nothing.
 * - The embedded defaults are files: PGlite's folder (`<data>/pglite`) and the engine's H2 file
 *   (`<data>/engine/engine.mv.db`). PGlite serves one process and H2 locks its file, and neither can be
 *   dumped by the machine's tools (PGlite is a newer PostgreSQL than the machine's pg_dump accepts), so
 *   they are copied whole while nothing uses them: both commands refuse while `npm start` runs. A
 *   restore moves the current files aside (`<name>.before-restore-<time>`), never deletes them.
 *
 * `<dir>/backup.json` says what the folder holds, so restore needs no flags.
 * Plain Node.js without packages, like the rest of scripts/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './paths.mjs';

export const MANIFEST = 'backup.json';

/** @typedef {{ kind: 'postgresql', url: string, env: Record<string, string>, label: string }} PgTarget */
/** @typedef {{ kind: 'files', path: string, label: string, inUse: () => string | null }} FileTarget */
/** @typedef {PgTarget | FileTarget | { kind: 'none', label: string }} Target */

/** The data folder of `npm start` (scripts/start.mjs). */
function dataDir(env) {
  return env.MOTCUA_DATA_DIR || join(ROOT, 'data');
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Our database: DATABASE_URL, or the embedded PGlite folder. */
export function ourDatabase(env = process.env) {
  const url = env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL is not a postgresql:// URL');
    return { kind: 'postgresql', url, env: {}, label: 'our database (DATABASE_URL)' };
  }
  const path = join(dataDir(env), 'pglite');
  return {
    kind: 'files',
    path,
    label: `our embedded database (${path})`,
    inUse() {
      // embedded-postgres.ts keeps `<dataDir>.lock` with its pid while it serves the folder
      const lock = `${path}.lock`;
      const pid = existsSync(lock) ? Number.parseInt(readFileSync(lock, 'utf8'), 10) : NaN;
      return Number.isInteger(pid) && pidAlive(pid) ? `process ${pid} serves it (stop npm start first)` : null;
    },
  };
}

/** The engine's database: ENGINE_DB_URL (PostgreSQL only), or its H2 file. */
export function engineDatabase(env = process.env) {
  const jdbc = env.ENGINE_DB_URL;
  if (jdbc) {
    const match = /^jdbc:(postgresql:\/\/[^?]+)(\?.*)?$/.exec(jdbc);
    if (!match) throw new Error('ENGINE_DB_URL: only a jdbc:postgresql:// URL can be backed up by these commands');
    const pgEnv = {};
    if (env.ENGINE_DB_USER) pgEnv.PGUSER = env.ENGINE_DB_USER;
    if (env.ENGINE_DB_PASSWORD) pgEnv.PGPASSWORD = env.ENGINE_DB_PASSWORD;
    return { kind: 'postgresql', url: match[1], env: pgEnv, label: 'the engine database (ENGINE_DB_URL)' };
  }
  const folder = env.ENGINE_DATA_DIR ? resolve(env.ENGINE_DATA_DIR) : join(dataDir(env), 'engine');
  const path = join(folder, 'engine.mv.db');
  return {
    kind: 'files',
    path,
    label: `the engine's H2 file (${path})`,
    inUse: () => (fileLocked(path) ? 'the engine has it open (stop npm start first)' : null),
  };
}

/**
 * Whether a process holds a lock on the file, as H2 does on its database file while open: Linux lists
 * every file lock in /proc/locks with the file's inode. Elsewhere: unknown, and the operator is trusted.
 */
function fileLocked(path) {
  if (!existsSync(path) || !existsSync('/proc/locks')) return false;
  const { ino, dev } = statSync(path);
  const major = Math.floor(dev / 256) & 0xfff;
  const minor = (dev & 0xff) | (Math.floor(dev / 4096) & 0xfff00); // Linux's new_encode_dev, undone
  const id = `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${ino}`;
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .some((line) => line.split(/\s+/).includes(id));
}

function run(command, args, env, what) {
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.error)
    throw new Error(`${what}: ${command} could not run (${result.error.message}); install the PostgreSQL client`);
  if (result.status !== 0) throw new Error(`${what}: ${command} failed:\n${result.stderr.trim()}`);
  return result.stdout;
}

function dumpPostgres(target, file) {
  run(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', '--file', file, '--dbname', target.url],
    target.env,
    target.label,
  );
}

function restorePostgres(target, file) {
  // --clean --if-exists: the database's own objects are dropped and made again from the dump, in one
  // transaction. The triggers (append-only, trail chain) are made after the data, so the rows come back
  // exactly as dumped, chain columns included.
  run(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      '--dbname',
      target.url,
      file,
    ],
    target.env,
    target.label,
  );
}

function copyFiles(target, destination) {
  const busy = target.inUse();
  if (busy) throw new Error(`${target.label}: ${busy}`);
  cpSync(target.path, destination, { recursive: true });
}

/**
 * Backs up our database and the engine's into `dir` (created; it must be new or empty).
 * @returns {string[]} one line per part, for the console
 */
export function backup(dir, env = process.env) {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: back up into a new folder`);
  const manifest = { format: 1, createdAt: new Date().toISOString(), parts: {} };
  const lines = [];
  const targets = [
    ['ours', ourDatabase(env)],
    ['engine', engineDatabase(env)],
  ];
  // Refuse before copying anything, rather than leave half a backup.
  for (const [, target] of targets) {
    const busy = target.kind === 'files' && existsSync(target.path) ? target.inUse() : null;
    if (busy) throw new Error(`${target.label}: ${busy}`);
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, target] of targets) {
    if (target.kind === 'postgresql') {
      const file = `${name}.dump`;
      dumpPostgres(target, join(dir, file));
      manifest.parts[name] = { kind: 'postgresql', file };
      lines.push(`${target.label} → ${file}`);
    } else if (!existsSync(target.path)) {
      lines.push(`${target.label}: nothing there, skipped`);
    } else {
      const file = name === 'ours' ? 'pglite' : 'engine.mv.db';
      copyFiles(target, join(dir, file));
      manifest.parts[name] = { kind: 'files', file };
      lines.push(`${target.label} → ${file}`);
    }
  }
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return lines;
}

/**
 * Restores what `dir` holds into the databases the environment names. A part kept as files goes back
 * only to the embedded default, a dump only to a PostgreSQL database: mixing them is refused.
 * @returns {string[]} one line per part, for the console
 */
export function restore(dir, env = process.env) {
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) throw new Error(`${dir} holds no ${MANIFEST}: not a backup made by npm run backup`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const lines = [];
  const targets = { ours: ourDatabase(env), engine: engineDatabase(env) };
  // Check every part before changing anything.
  for (const [name, part] of Object.entries(manifest.parts)) {
    const target = targets[name];
    if (!target) throw new Error(`${MANIFEST}: unknown part "${name}"`);
    if (part.kind !== target.kind) {
      throw new Error(
        `${target.label}: the backup holds ${part.kind === 'postgresql' ? 'a PostgreSQL dump' : 'embedded files'}, ` +
          `but ${part.kind === 'postgresql' ? 'no PostgreSQL URL is configured' : 'a PostgreSQL URL is configured'}`,
      );
    }
    if (target.kind === 'files') {
      const busy = target.inUse();
      if (busy) throw new Error(`${target.label}: ${busy}`);
    }
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const [name, part] of Object.entries(manifest.parts)) {
    const target = targets[name];
    const source = join(dir, part.file);
    if (target.kind === 'postgresql') {
      restorePostgres(target, source);
      lines.push(`${part.file} → ${target.label}`);
    } else {
      if (existsSync(target.path)) {
        const aside = `${target.path}.before-restore-${stamp}`;
        renameSync(target.path, aside);
        lines.push(`${target.label}: the current files moved to ${aside}`);
      }
      cpSync(source, target.path, { recursive: true });
      lines.push(`${part.file} → ${target.label}`);
    }
  }
  return lines;
}
