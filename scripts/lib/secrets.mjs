/**
 * The secrets `npm start` makes for an installation, once, and keeps in its data folder (mode 0600,
 * never in the repository): the token-signing secret and the engine's service account. Nothing runs
 * with a secret anyone could know from the source. Values from the environment take precedence.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The engine account file, read by the engine, the server, the workers and outside tools alike. */
export const ENGINE_ENV_FILE = 'engine.env';

/**
 * Writes `text` to `file` (mode 0600) unless the file exists, and returns what the file holds: when
 * two starts race, both end up with the same secret.
 */
function createOnce(file, text) {
  try {
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8');
}

/** The token-signing secret: JWT_SECRET, or the one kept in `<dataDir>/jwt-secret`. */
export function jwtSecret(dataDir, env = process.env) {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  return createOnce(join(dataDir, 'jwt-secret'), randomBytes(48).toString('hex')).trim();
}

/**
 * Reads an env file of `KEY=value` lines (no quoting, no expansion: what a shell's `set -a; .` and
 * Docker's `--env-file` both read the same way).
 */
export function parseEnvFile(text) {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const equals = line.indexOf('=');
      return equals > 0 ? [line.slice(0, equals), line.slice(equals + 1)] : [line, ''];
    });
  return Object.fromEntries(entries);
}

/**
 * The engine's service account: ENGINE_USER and ENGINE_PASSWORD from the environment (both or
 * neither), or the pair kept in `<dataDir>/engine.env`, generated at the first start as exactly the
 * lines `ENGINE_USER=…` and `ENGINE_PASSWORD=…`. Throws naming what is wrong.
 * @returns {{ user: string, password: string, file?: string }}
 */
export function engineCredentials(dataDir, env = process.env) {
  if (env.ENGINE_USER || env.ENGINE_PASSWORD) {
    if (!env.ENGINE_USER || !env.ENGINE_PASSWORD) {
      throw new Error(`set both ENGINE_USER and ENGINE_PASSWORD, or neither (then ${join(dataDir, ENGINE_ENV_FILE)} is used)`);
    }
    return { user: env.ENGINE_USER, password: env.ENGINE_PASSWORD };
  }
  const file = join(dataDir, ENGINE_ENV_FILE);
  // Letters and digits for the user (the engine allows nothing else in an id); base64url for the password:
  // no character that Basic authentication, a shell or an env file would read otherwise.
  const generated = `ENGINE_USER=motcua${randomBytes(4).toString('hex')}\nENGINE_PASSWORD=${randomBytes(32).toString('base64url')}\n`;
  const { ENGINE_USER: user, ENGINE_PASSWORD: password } = parseEnvFile(createOnce(file, generated));
  if (!user || !password) {
    throw new Error(`${file} must hold the lines ENGINE_USER=… and ENGINE_PASSWORD=…; remove it to have a new account made`);
  }
  return { user, password, file };
}
