/**
 * Brings the whole system up as separate processes, in dependency order: the BPMN engine (slowest,
 * so first) and meanwhile our database (embedded PGlite when no DATABASE_URL is given) with its
 * migrations and seed, then the process deployment, then the workers and the API server that also
 * serves the admin UI. Our processes run as compiled JavaScript (dist/, see prepare.mjs) on a
 * maintained Node.js (node-runtime.mjs), each under the PID we hold, as in production. Used by
 * `npm start` and by the e2e tests.
 */
import { join } from 'node:path';
import { Children, answers, assertPortFree, run, waitUntil } from './children.mjs';
import { ensureNodeRuntime } from './node-runtime.mjs';
import { ROOT, ENGINE_START, ADMIN_UI_DIST } from './paths.mjs';

/** The compiled entry points, relative to the repository. */
export const ENTRY_POINTS = {
  embeddedPostgres: 'prisma/dist/bin/embedded-postgres.js',
  prepareDb: 'prisma/dist/bin/prepare-db.js',
  deploy: 'processes/dist/deploy.js',
  workers: 'workers/dist/index.js',
  server: 'server/dist/server.js',
};

/** The account every engine once had by default; it must open no engine we run. */
const OLD_DEFAULT_ACCOUNT = { user: 'demo', password: 'demo' };

/**
 * Deletes the engine user `demo` when its password is still `demo`, as an engine database made before
 * the account was generated has it (the engine only ever adds the configured user). Returns whether it did.
 * @param {string} engineUrl
 * @param {{ user: string, password: string }} account the engine's service account, to ask with
 */
export async function retireOldDefaultAccount(engineUrl, account) {
  if (account.user === OLD_DEFAULT_ACCOUNT.user) return false;
  const headers = {
    authorization: `Basic ${Buffer.from(`${account.user}:${account.password}`).toString('base64')}`,
    'content-type': 'application/json',
  };
  const verify = await fetch(`${engineUrl}/identity/verify`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: OLD_DEFAULT_ACCOUNT.user, password: OLD_DEFAULT_ACCOUNT.password }),
  });
  if (!verify.ok) throw new Error(`engine: checking for the old default account answered ${verify.status}`);
  if (!(await verify.json()).authenticated) return false;
  const removed = await fetch(`${engineUrl}/user/${OLD_DEFAULT_ACCOUNT.user}`, { method: 'DELETE', headers });
  if (!removed.ok) throw new Error(`engine: removing the old default account answered ${removed.status}`);
  return true;
}

/**
 * @param {{
 *   dataDir: string,             // engine H2 files and the embedded database live here
 *   logDir: string,
 *   databaseUrl?: string,        // our PostgreSQL; embedded PGlite when absent
 *   jwtSecret: string,
 *   ports: { engine: number, server: number, embeddedDb: number },
 *   demo: boolean,               // seed the demo accounts and procedure
 *   engine: { user: string, password: string },  // the engine's service account (secrets.mjs)
 *   log?: (line: string) => void,
 *   children?: Children,         // to stop a start-up half way (e.g. on Ctrl-C); a new one by default
 * }} options
 */
export async function startStack(options) {
  const log = options.log ?? ((line) => console.log(line));
  const children = options.children ?? new Children(options.logDir);
  if (!options.engine?.user || !options.engine?.password) throw new Error('startStack: the engine account is required');
  const { user: engineUser, password: enginePassword } = options.engine;
  const node = await ensureNodeRuntime();
  const engineUrl = `http://127.0.0.1:${options.ports.engine}/engine-rest`;
  const serverUrl = `http://127.0.0.1:${options.ports.server}`;
  try {
    // A port taken by something else would otherwise look like our process answering.
    await assertPortFree(options.ports.engine, 'ENGINE_PORT');
    await assertPortFree(options.ports.server, 'PORT');
    if (!options.databaseUrl) await assertPortFree(options.ports.embeddedDb, 'EMBEDDED_DB_PORT');

    log(`• Starting the BPMN engine on 127.0.0.1:${options.ports.engine}…`);
    // start.sh --foreground execs java with the engine's low-memory JVM flags, so the PID we hold is the JVM's.
    const engine = children.start('engine', 'bash', [ENGINE_START, '--foreground'], {
      cwd: ROOT,
      env: {
        ENGINE_PORT: String(options.ports.engine),
        ENGINE_DATA_DIR: join(options.dataDir, 'engine'),
        ENGINE_ADMIN_USER: engineUser,
        ENGINE_ADMIN_PASSWORD: enginePassword,
      },
    });
    const engineReady = waitUntil(
      'BPMN engine',
      () => answers(`http://127.0.0.1:${options.ports.engine}/actuator/health`),
      {
        timeoutMs: 240_000,
        child: engine.child,
        tail: () => children.tail('engine'),
      },
    );
    // Awaited after the database is up; a failure before then must not count as unhandled.
    engineReady.catch(() => {});

    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      log(`• Starting the embedded PostgreSQL (PGlite) on 127.0.0.1:${options.ports.embeddedDb}…`);
      const db = children.start('embedded-postgres', node, [ENTRY_POINTS.embeddedPostgres], {
        cwd: ROOT,
        env: { EMBEDDED_DB_DIR: join(options.dataDir, 'pglite'), EMBEDDED_DB_PORT: String(options.ports.embeddedDb) },
      });
      // It prints its connection URL as its only stdout line once it accepts connections.
      let printed = '';
      db.child.stdout.on('data', (chunk) => (printed += chunk));
      await waitUntil('embedded PostgreSQL', async () => printed.includes('\n'), {
        child: db.child,
        tail: () => children.tail('embedded-postgres'),
      });
      databaseUrl = printed.split('\n')[0].trim();
      if (!databaseUrl.startsWith('postgres')) {
        throw new Error(
          `embedded PostgreSQL printed "${databaseUrl}" instead of its URL\n${children.tail('embedded-postgres')}`,
        );
      }
      // Restarted, it must come back where the server and the workers look for it.
      db.env.EMBEDDED_DB_PORT = new URL(databaseUrl).port;
    }

    log('• Applying migrations' + (options.demo ? ' and seeding demo data…' : '…'));
    const migrated = run(node, [ENTRY_POINTS.prepareDb, ...(options.demo ? ['--demo'] : [])], {
      cwd: ROOT,
      env: { DATABASE_URL: databaseUrl },
      quiet: true,
    });
    // Whichever fails first is reported, without waiting for the other.
    await Promise.all([migrated, engineReady]);
    if (await retireOldDefaultAccount(engineUrl, options.engine)) {
      log(`• Removed the engine account "${OLD_DEFAULT_ACCOUNT.user}", which still had its old default password`);
    }

    log('• Deploying the procedures’ BPMN processes…');
    const engineEnv = { ENGINE_URL: engineUrl, ENGINE_USER: engineUser, ENGINE_PASSWORD: enginePassword };
    await run(node, [ENTRY_POINTS.deploy], { cwd: ROOT, env: engineEnv, quiet: true });

    log('• Starting the workers and the API server…');
    // The QR codes on the forms open the citizen page of this very server.
    const citizenEnv = { PUBLIC_BASE_URL: serverUrl };
    const workers = children.start('workers', node, [ENTRY_POINTS.workers], {
      cwd: ROOT,
      env: {
        ...engineEnv,
        ...citizenEnv,
        DATABASE_URL: databaseUrl,
        // SMS and e-mail go to this log: nothing leaves the machine.
        NOTIFICATION_LOG: join(options.dataDir, 'notifications.log'),
      },
    });
    const server = children.start('server', node, [ENTRY_POINTS.server], {
      cwd: ROOT,
      env: {
        ...engineEnv,
        DATABASE_URL: databaseUrl,
        // the embedded database serves one statement at a time: more connections would only wait
        ...(options.databaseUrl ? {} : { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '5' }),
        HOST: '127.0.0.1',
        PORT: String(options.ports.server),
        JWT_SECRET: options.jwtSecret,
        ADMIN_UI_DIST,
        ...citizenEnv,
      },
    });
    await waitUntil('API server', () => answers(`${serverUrl}/api/docs/json`), {
      child: server.child,
      tail: () => children.tail('server'),
    });
    if (workers.child.exitCode !== null || workers.child.signalCode !== null) {
      throw new Error(`the workers exited\n${children.tail('workers')}`);
    }
    return { serverUrl, engineUrl, databaseUrl, children, stop: () => children.stopAll() };
  } catch (error) {
    await children.stopAll();
    throw error;
  }
}
