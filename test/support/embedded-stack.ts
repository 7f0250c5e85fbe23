import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@motcua/common/testing';
import { engineCredentials } from '../../scripts/lib/secrets.mjs';
import { startStack } from '../../scripts/lib/stack.mjs';

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** A stack as `npm start` runs it, on free ports and a throw-away data folder, with what the tests read of it. */
export interface EmbeddedStack {
  stack: Stack;
  dataDir: string;
  /** The engine account generated into `<dataDir>/engine.env`, as `npm start` does. */
  account: { user: string; password: string };
  /** Stops the stack and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * Starts the whole system as `npm start` does (scripts/lib/stack.mjs: embedded database, demo data,
 * the engine account from data/engine.env), quietly, on free ports of a new data folder.
 */
export async function startEmbeddedStack(prefix: string): Promise<EmbeddedStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `motcua-${prefix}-`));
  const account = engineCredentials(dataDir, {});
  const stack = await startStack({
    dataDir,
    logDir: join(dataDir, 'logs'),
    jwtSecret: randomBytes(32).toString('hex'),
    engine: account,
    ports: { engine: await freePort(), server: await freePort(), embeddedDb: await freePort() },
    demo: true,
    log: () => undefined,
  });
  return {
    stack,
    dataDir,
    account,
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
