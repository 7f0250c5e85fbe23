import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const ENGINE_JAR = join(repoRoot, 'engine', 'target', 'motcua-engine.jar');
const ENGINE_START = join(repoRoot, 'engine', 'start.sh');

export interface TestEngine {
  /** REST base, e.g. http://127.0.0.1:18080/engine-rest */
  url: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * The real BPMN engine for integration tests. When ENGINE_URL is set (the test runner started one),
 * that engine is used as is, with ENGINE_USER and ENGINE_PASSWORD; otherwise the built jar is started
 * on a free port with a throw-away H2 database (or the database `options.env` names, e.g.
 * ENGINE_DB_URL) and an account made up for this run (or the ENGINE_ADMIN_USER and
 * ENGINE_ADMIN_PASSWORD of `options.env`), and stop() ends it by its PID and removes its data.
 */
export async function startTestEngine(options: { env?: Record<string, string> } = {}): Promise<TestEngine> {
  if (process.env.ENGINE_URL && !options.env) {
    const { ENGINE_URL: url, ENGINE_USER: user, ENGINE_PASSWORD: password } = process.env;
    if (!user || !password) throw new Error('ENGINE_URL names an engine: set ENGINE_USER and ENGINE_PASSWORD too');
    return { url, user, password, stop: async () => {} };
  }
  // As `npm start` does: no account anyone could know from the source.
  const user = options.env?.ENGINE_ADMIN_USER ?? `test${randomBytes(4).toString('hex')}`;
  const password = options.env?.ENGINE_ADMIN_PASSWORD ?? randomBytes(24).toString('base64url');
  if (!existsSync(ENGINE_JAR)) {
    throw new Error(
      `The engine is not built: ${ENGINE_JAR} is missing (run: mvn -q -B -DskipTests -f engine/pom.xml package)`,
    );
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-engine-'));
  // start.sh --foreground execs java with the engine's low-memory JVM flags, so child.pid is the JVM.
  const child = spawn('bash', [ENGINE_START, '--foreground'], {
    env: {
      ...process.env,
      ENGINE_PORT: String(port),
      ENGINE_DATA_DIR: dataDir,
      ENGINE_ADMIN_USER: user,
      ENGINE_ADMIN_PASSWORD: password,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const health = `http://127.0.0.1:${port}/actuator/health`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The engine exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The engine did not become healthy in 180 s:\n${log}`);
    }
    try {
      const response = await fetch(health, { signal: AbortSignal.timeout(2000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  return {
    url: `http://127.0.0.1:${port}/engine-rest`,
    user,
    password,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timeout);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
