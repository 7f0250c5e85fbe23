import fp from 'fastify-plugin';
import { httpErrors } from '@fastify/sensible';
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '@motcua/common';
import type { TokenPayload } from '../schemas/auth.js';

/**
 * Authentication and role authorization for the API, decided in one onRequest hook: before the body
 * is read, parsed or validated, so a caller without the right gets 401 or 403 whatever they send, and
 * a large or hostile body from them costs nothing.
 *
 * app.ts registers this plugin inside the one encapsulated plugin that holds every /api route, so
 * the hook runs for each of them by construction. It decides on the route the request matched (its
 * pattern, as registered), never on the raw URL, which a client can spell differently (`/%61pi/me`
 * matches the route `/api/me`).
 *
 * Every route is either in the explicit allow-list of public routes below, or declares the roles
 * that may call it in its `config.roles`. A route that does neither, or both, stops the server at
 * start-up: forgetting the check cannot ship. Agency checks (own, parent, child, unrelated agency)
 * are the services' business, on the dossier or task the request names.
 */
declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenPayload;
    user: TokenPayload;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The roles that may call the route; checked before the body is parsed. Public routes have none. */
    roles?: readonly Role[];
  }
}

/** The routes anyone may call: route pattern → methods. The API documentation is registered outside /api's plugin. */
export const PUBLIC_ROUTES: ReadonlyMap<string, readonly string[]> = new Map([
  ['/api/auth/login', ['POST']],
  ['/api/public/dossiers/:code', ['GET', 'HEAD']],
  ['/api/public/procedures', ['GET', 'HEAD']],
  ['/api/public/procedures/:code', ['GET', 'HEAD']],
  ['/api/public/procedures/:code/form-templates/:id', ['GET', 'HEAD']],
]);

function isPublicRoute(url: string, method: string): boolean {
  return PUBLIC_ROUTES.get(url)?.includes(method) ?? false;
}

function isPublic(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route !== undefined && isPublicRoute(route, request.method);
}

function methodsOf(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

/** Refuses, at start-up, a route that is neither public nor declares its roles (or is both). */
function checkDeclaresAccess(route: RouteOptions): void {
  const roles = (route.config as { roles?: readonly Role[] } | undefined)?.roles;
  for (const method of methodsOf(route)) {
    const open = isPublicRoute(route.url, method);
    if (open && roles !== undefined) {
      throw new Error(`${method} ${route.url} is public and must not declare roles`);
    }
    if (!open && (roles === undefined || roles.length === 0)) {
      throw new Error(`${method} ${route.url} must declare config.roles (or be listed in PUBLIC_ROUTES)`);
    }
  }
}

export default fp(
  async function auth(fastify) {
    fastify.addHook('onRoute', checkDeclaresAccess);

    fastify.addHook('onRequest', async (request) => {
      // no route matched: the not-found handler answers, and it reveals nothing
      if (request.routeOptions.url === undefined || isPublic(request)) return;
      // any flaw in the token (another algorithm, a bad signature, expiry) is a 401, never a 500
      await request.jwtVerify().catch((error: { statusCode?: number; message?: string }) => {
        throw error.statusCode === 401 ? error : httpErrors.unauthorized('the token is not valid: sign in again');
      });
      // a token outlives a deactivation or a change of password, roles or agency: its version tells
      if (!(await fastify.accounts.tokenIsCurrent(request.user))) {
        throw httpErrors.unauthorized('this sign-in is no longer valid: sign in again');
      }
      const allowed = request.routeOptions.config.roles ?? [];
      if (!request.user.roles.some((role) => allowed.includes(role))) {
        throw httpErrors.forbidden(`this action requires one of the roles: ${allowed.join(', ')}`);
      }
    });
  },
  { name: 'motcua-auth', dependencies: ['@fastify/jwt', 'motcua-services'] },
);
