import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jwtSecret } from '../scripts/lib/secrets.mjs';

/**
 * The token-signing secret of `npm start` (issue 7 D: no known default secret): made once per
 * installation from the system's random source, kept readable by its owner only, and never one that
 * another installation shares.
 */
const folders: string[] = [];
const temporaryFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'motcua-secret-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the token-signing secret of npm start', () => {
  it('is generated into data/jwt-secret, 96 hexadecimal digits readable by its owner only', () => {
    const dataDir = temporaryFolder();
    const secret = jwtSecret(dataDir, {});
    const file = join(dataDir, 'jwt-secret');
    expect(readFileSync(file, 'utf8')).toBe(secret);
    expect(secret).toMatch(/^[0-9a-f]{96}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is the same at the next start, so tokens survive a restart', () => {
    const dataDir = temporaryFolder();
    expect(jwtSecret(dataDir, {})).toBe(jwtSecret(dataDir, {}));
  });

  it('differs from one installation to the next', () => {
    expect(jwtSecret(temporaryFolder(), {})).not.toBe(jwtSecret(temporaryFolder(), {}));
  });

  it('is JWT_SECRET when the environment sets it, and then no file is written', () => {
    const dataDir = temporaryFolder();
    expect(jwtSecret(dataDir, { JWT_SECRET: 'x'.repeat(40) })).toBe('x'.repeat(40));
    expect(() => statSync(join(dataDir, 'jwt-secret'))).toThrow();
  });
});
