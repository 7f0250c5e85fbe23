import fp from 'fastify-plugin';
import { httpErrors } from '@fastify/sensible';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from '@motcua/common';
import type { TokenPayload } from '../schemas/auth.js';

/**
 * Authentication for the API. app.ts registers this plugin inside the one encapsulated plugin that
 * holds every /api route, so its onRequest hook runs for each of them by construction. The hook
 * decides on the route the request matched (its pattern, as registered), never on the raw URL,
 * which a client can spell differently (`/%61pi/me` matches the route `/api/me`). Every route
 * needs a valid bearer token of an active account, except the explicit allow-list below. Role
 * checks are preHandlers (requireRoles).
 */
declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenPayload;
    user: TokenPayload;
  }
}

/** The routes anyone may call: route pattern → methods. The API documentation is registered outside /api's plugin. */
const PUBLIC_ROUTES: ReadonlyMap<string, readonly string[]> = new Map([
  ['/api/auth/login', ['POST']],
  ['/api/public/dossiers/:code', ['GET', 'HEAD']],
  ['/api/public/procedures', ['GET', 'HEAD']],
  ['/api/public/procedures/:code', ['GET', 'HEAD']],
  ['/api/public/procedures/:code/form-templates/:id', ['GET', 'HEAD']],
]);

function isPublic(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route !== undefined && (PUBLIC_ROUTES.get(route)?.includes(request.method) ?? false);
}

export default fp(
  async function auth(fastify) {
    fastify.addHook('onRequest', async (request) => {
      // no route matched: the not-found handler answers, and it reveals nothing
      if (request.routeOptions.url === undefined || isPublic(request)) return;
      await request.jwtVerify();
      // a token outlives a deactivation; one indexed lookup per request ends its use at once
      if (!(await fastify.accounts.isActive(request.user.sub))) {
        throw httpErrors.unauthorized('this account is no longer active');
      }
    });
  },
  { name: 'motcua-auth', dependencies: ['@fastify/jwt', 'motcua-services'] },
);

/** A preHandler letting through callers holding at least one of the roles; others get 403, anonymous callers 401. */
export function requireRoles(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    // null until the auth hook verified a token; a route outside its reach must not pass as anyone
    const user = request.user as TokenPayload | null;
    if (!user) throw httpErrors.unauthorized('sign in to use this route');
    if (!user.roles.some((role) => roles.includes(role))) {
      throw httpErrors.forbidden(`this action requires one of the roles: ${roles.join(', ')}`);
    }
  };
}
