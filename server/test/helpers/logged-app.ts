import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import app, { serverOptions } from '../../src/app.js';
import { testConfig } from './build.js';

/**
 * The app as server.ts builds it, logging at info level into memory, for tests that check what the
 * logs show (and never show). `logOf(act)` is what was logged while `act` ran.
 */
export async function buildLogged(): Promise<{
  server: FastifyInstance;
  logOf: (act: () => Promise<unknown>) => Promise<string>;
}> {
  const config = testConfig({ LOG_LEVEL: 'info' });
  let logged = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString('utf8');
      done();
    },
  });
  const server = Fastify(serverOptions(config, stream));
  await server.register(app, { config });
  await server.ready();
  return {
    server,
    async logOf(act) {
      const start = logged.length;
      await act();
      return logged.slice(start);
    },
  };
}
