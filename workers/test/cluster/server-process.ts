/**
 * The API server as a process of its own, from its sources (server/src/server.ts), with the
 * configuration docker-compose.yml gives it, pointed at one engine node. Stopped by its PID.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { freePort } from '@motcua/common/testing';
import { until } from './officers.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Compiling the server's sources on a busy machine takes a while. */
const START_WAIT_MS = 180_000;

export interface ServerProcess {
  /** e.g. http://127.0.0.1:13000 */
  url: string;
  /** The last lines it logged (warnings and errors), for a failure message. */
  logTail(): string;
  stop(): Promise<void>;
}

export async function startServerProcess(env: {
  DATABASE_URL: string;
  ENGINE_URL: string;
  ENGINE_USER: string;
  ENGINE_PASSWORD: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--conditions=@motcua/source', '--import', 'tsx', 'server/src/server.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      ...(process.env.TZ ? { TZ: process.env.TZ } : {}),
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_POOL_SIZE: '5',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** The last lines it wrote. */
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output.push(String(chunk));
      output.splice(0, output.length - 40);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };

  try {
    await until(
      'the server to answer',
      async () => {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
        const answer = await fetch(`${url}/api/docs/json`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
        return answer?.ok ? true : undefined;
      },
      START_WAIT_MS,
    );
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}:\n${output.join('')}`, { cause: error });
  }
  return { url, logTail: () => output.join(''), stop };
}
