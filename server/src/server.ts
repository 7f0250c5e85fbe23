import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import pino from 'pino';
import app, { serverOptions } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** Starts the API: reads the configuration, listens, and closes cleanly on SIGTERM / SIGINT. */
const envFile = fileURLToPath(new URL('../.env', import.meta.url));
if (existsSync(envFile)) process.loadEnvFile(envFile);

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// Log lines are written asynchronously: a synchronous write per request line took a quarter of the
// server's CPU on a point read (docs/benchmarks.md, "Point reads"). Lines written while a write is in
// flight go out together; pino flushes what is left when the process exits.
const logStream = pino.destination({ dest: 1, sync: false });
const server = Fastify(serverOptions(config, logStream));
await server.register(app, { config });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.log.info({ signal }, 'shutting down');
    // A client holding a keep-alive connection would otherwise keep the process alive for up to 72 s.
    setTimeout(() => {
      server.log.warn('connections still open after 10 s; exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    // closing the app stops accepting requests, waits for those in flight and disconnects the database
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

try {
  await server.listen({ host: config.HOST, port: config.PORT });
} catch (error) {
  server.log.error({ err: error }, 'could not start');
  await server.close();
  process.exit(1);
}
