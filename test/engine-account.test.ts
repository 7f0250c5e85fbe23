import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@motcua/common/testing';
import { ENGINE_JAR, ENGINE_START, ROOT } from '../scripts/lib/paths.mjs';
import { engineCredentials } from '../scripts/lib/secrets.mjs';
import { ENTRY_POINTS } from '../scripts/lib/stack.mjs';
import { compiledRuntime } from '../scripts/lib/prepare.mjs';

/**
 * The engine's REST service account has no default anywhere: `npm start` generates one per
 * installation, and every part refuses to start without one. (That the engine refuses demo/demo and
 * accepts the generated account is shown on a running stack, in stack.test.ts.)
 */
const folders: string[] = [];
const temporaryFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'motcua-account-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the engine account of npm start', () => {
  it('is generated into data/engine.env as exactly two lines, readable by its owner only', () => {
    // given a data folder without an account
    const dataDir = temporaryFolder();
    // when npm start reads its account
    const account = engineCredentials(dataDir, {});
    // then it wrote a fresh one that outside tools can read with `set -a; . data/engine.env`
    const file = join(dataDir, 'engine.env');
    expect(readFileSync(file, 'utf8')).toBe(`ENGINE_USER=${account.user}\nENGINE_PASSWORD=${account.password}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(account.user).toMatch(/^[a-z0-9]+$/);
    expect(account.password.length).toBeGreaterThanOrEqual(40);
    expect(account.password).not.toBe('demo');
  });

  it('is reused on the next start, and differs from one installation to the next', () => {
    const dataDir = temporaryFolder();
    const first = engineCredentials(dataDir, {});
    expect(engineCredentials(dataDir, {})).toEqual(first);
    expect(engineCredentials(temporaryFolder(), {}).password).not.toBe(first.password);
  });

  it('comes from ENGINE_USER and ENGINE_PASSWORD when both are set, and never from one of them alone', () => {
    const dataDir = temporaryFolder();
    expect(engineCredentials(dataDir, { ENGINE_USER: 'province', ENGINE_PASSWORD: 'from-the-vault' })).toEqual({
      user: 'province',
      password: 'from-the-vault',
    });
    expect(() => engineCredentials(dataDir, { ENGINE_USER: 'province' })).toThrow(/set both ENGINE_USER and ENGINE_PASSWORD/);
  });
});

describe('without an engine account', () => {
  let node: string;
  beforeAll(async () => {
    node = await compiledRuntime();
  }, 600_000);

  it.each([ENTRY_POINTS.server, ENTRY_POINTS.workers, ENTRY_POINTS.deploy])('%s refuses to start, naming what is missing', (script) => {
    // given everything else it needs
    const env = {
      PATH: process.env.PATH,
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
      JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
    };
    // when it starts without ENGINE_USER and ENGINE_PASSWORD
    const result = spawnSync(node, [script], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    // then it stops at once and says which variables to set
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ENGINE_USER is required; ENGINE_PASSWORD is required');
  }, 60_000);

  it('engine/start.sh refuses to start the engine, naming the variable', () => {
    const result = spawnSync('bash', [ENGINE_START, '--foreground'], {
      env: { PATH: process.env.PATH, ENGINE_DATA_DIR: temporaryFolder() },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ENGINE_ADMIN_USER is required');
  });

  it('the engine jar itself refuses to start, as the Docker image runs it', async () => {
    // given the jar started directly (no start.sh), with everything but the account
    const env = { PATH: process.env.PATH, ENGINE_DATA_DIR: temporaryFolder(), ENGINE_PORT: String(await freePort()) };
    // when Spring resolves its configuration
    const result = spawnSync('java', ['-Xmx128m', '-XX:+UseSerialGC', '-jar', ENGINE_JAR], { env, encoding: 'utf8', timeout: 180_000 });
    // then the engine never comes up, and its log names the missing variable
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/Could not resolve placeholder 'ENGINE_ADMIN_(USER|PASSWORD)'/);
  }, 200_000);
});
