import { readFileSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeVersionOf } from '../scripts/lib/node-runtime.mjs';
import { ENTRY_POINTS, retireOldDefaultAccount } from '../scripts/lib/stack.mjs';
import { startEmbeddedStack, type EmbeddedStack, type Stack } from './support/embedded-stack.js';

/**
 * The system as `npm start` starts it (scripts/lib/stack.mjs, embedded database, the engine account
 * from data/engine.env), on free ports and a throw-away data folder: what runs, on which Node.js,
 * with which engine account, and how it comes back when a part is killed.
 */
let stack: Stack;
let embedded: EmbeddedStack | undefined;
let account: { user: string; password: string };
const reported: string[] = [];

beforeAll(async () => {
  embedded = await startEmbeddedStack('stack');
  ({ stack, account } = embedded);
  stack.children.supervise((line) => reported.push(line));
}, 600_000);

afterAll(async () => {
  await embedded?.stop();
}, 120_000);

/** The process now running as the stack's child `name`. */
const processOf = (name: string) => {
  const entry = stack.children.running.find((candidate) => candidate.name === name);
  if (!entry?.child.pid) throw new Error(`no ${name} in the stack`);
  return entry.child.pid;
};

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const engineStatus = async (user: string, password: string) =>
  (await fetch(`${stack.engineUrl}/version`, { headers: basic(user, password) })).status;

describe('npm start', () => {
  it.each([
    ['server', ENTRY_POINTS.server],
    ['workers', ENTRY_POINTS.workers],
    ['embedded-postgres', ENTRY_POINTS.embeddedPostgres],
  ])('runs the %s as compiled JavaScript on plain Node.js 24 or later', (name, script) => {
    const pid = processOf(name);
    const [, ...args] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(args).toEqual([script]);
    const version = nodeVersionOf(readlinkSync(`/proc/${pid}/exe`));
    expect(Number(version?.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('opens the engine to the account it generated, and not to demo/demo', async () => {
    expect(await engineStatus(account.user, account.password)).toBe(200);
    expect(await engineStatus('demo', 'demo')).toBe(401);
  });

  it('removes an engine account demo/demo left in the engine database by an older start', async () => {
    // given an engine database that still has the old default account
    const created = await fetch(`${stack.engineUrl}/user/create`, {
      method: 'POST',
      headers: { ...basic(account.user, account.password), 'content-type': 'application/json' },
      body: JSON.stringify({
        profile: { id: 'demo', firstName: 'Demo', lastName: 'Demo' },
        credentials: { password: 'demo' },
      }),
    });
    expect(created.status).toBe(204);
    expect(await engineStatus('demo', 'demo')).toBe(200);
    // when the stack starts on it
    const removed = await retireOldDefaultAccount(stack.engineUrl, account);
    // then that account is gone, and the generated one still works
    expect(removed).toBe(true);
    expect(await engineStatus('demo', 'demo')).toBe(401);
    expect(await engineStatus(account.user, account.password)).toBe(200);
  });

  it('restarts a server killed with SIGKILL, says so, and the new one serves', async () => {
    // given the running server
    const killed = processOf('server');
    // when it is killed without a chance to clean up
    process.kill(killed, 'SIGKILL');
    // then another process takes its place and answers
    await vi.waitFor(
      async () => {
        expect(processOf('server')).not.toBe(killed);
        expect((await fetch(`${stack.serverUrl}/api/docs/json`)).status).toBe(200);
      },
      { timeout: 120_000, interval: 500 },
    );
    expect(reported).toContainEqual(expect.stringMatching(/server exited \(SIGKILL\); restarting it in 1 s/));
    expect(reported).toContainEqual(`  server restarted (PID ${processOf('server')})`);
  }, 150_000);

  it('restarts the embedded database killed with SIGKILL, and the server reads from it again', async () => {
    // given a signed-in officer
    const login = await fetch(`${stack.serverUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const me = () => fetch(`${stack.serverUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    // when the database process is killed
    const killed = processOf('embedded-postgres');
    process.kill(killed, 'SIGKILL');
    // then it comes back on the same address, with the same data, and requests that read it succeed
    await vi.waitFor(
      async () => {
        expect(processOf('embedded-postgres')).not.toBe(killed);
        expect((await me()).status).toBe(200);
      },
      { timeout: 120_000, interval: 500 },
    );
    expect(reported).toContainEqual(expect.stringMatching(/embedded-postgres exited \(SIGKILL\); restarting it/));
  }, 150_000);
});
