import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built admin UI (react-admin + bpmn-js) from the same origin as the API, and gives
 * replies `sendAdminUi()`, the single-page-app fallback the not-found handler uses for
 * client-side routes. Without a build, both answer 503 with a text saying how to build it.
 */
declare module 'fastify' {
  interface FastifyReply {
    sendAdminUi(): FastifyReply;
  }
}

export default fp(
  async function adminUi(fastify, options: { dist: string }) {
    const built = existsSync(join(options.dist, 'index.html'));
    if (!built) {
      const notBuilt =
        `The admin UI is not built: no index.html in ${options.dist}.\n` +
        'Build it with `npm run build -w admin-ui` (or set ADMIN_UI_DIST), then restart the server.\n' +
        'The API is available under /api (documentation at /api/docs).\n';
      fastify.log.warn({ dist: options.dist }, 'admin UI not built; / answers 503');
      fastify.decorateReply('sendAdminUi', function () {
        return this.code(503).type('text/plain; charset=utf-8').send(notBuilt);
      });
      fastify.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendAdminUi());
      return;
    }

    await fastify.register(fastifyStatic, { root: options.dist, prefix: '/' });
    fastify.decorateReply('sendAdminUi', function () {
      // index.html names the hashed bundles of the current build, so it must never be cached
      return this.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    });
  },
  { name: 'motcua-admin-ui' },
);
