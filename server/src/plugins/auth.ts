import fp from 'fastify-plugin';
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '@motcua/common';
import { ForbiddenError, UnauthenticatedError } from '@motcua/domain';
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
 * start-up: forgetting the check cannot ship. The agency check on the resource a path names (a
 * dossier, an apology, a procedure, a process key) is the route's `config.guard`, run here right
 * after the role check with the service's own rule (routes/api/guard.ts); an agency named in the
 * body or the query can only be checked by the service, after validation.
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
    /**
     * The agency check on the resource the path names (a dossier, a task, a process key …), run after
     * the role check and still before the body is parsed: it throws (404 for what the caller may not
     * see, 403 for what they see but may not change) or returns.
     */
    guard?: (request: FastifyRequest) => Promise<void>;
    /**
     * Whether an account whose password is temporary (created or reset by an admin) may call the
     * route. Only the password change and GET /api/me do: until the officer has chosen a password,
     * their sign-in opens nothing else (403 password_change_required).
     */
    allowsTemporaryPassword?: true;
  }
}

/** The routes anyone may call: route pattern → methods. The API documentation is registered outside /api's plugin. */
export const PUBLIC_ROUTES: ReadonlyMap<string, readonly string[]> = new Map([
  ['/api/auth/login', ['POST']],
  ['/api/public/dossiers/:code', ['GET', 'HEAD']],
  ['/api/public/dossiers/:code/rating', ['POST']],
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
        throw error.statusCode === 401 ? error : new UnauthenticatedError('the token is not valid: sign in again');
      });
      // a token outlives a deactivation or a change of password, roles or agency: its version tells
      if (!(await fastify.accounts.tokenIsCurrent(request.user))) {
        throw new UnauthenticatedError('this sign-in is no longer valid: sign in again');
      }
      if (
        !request.routeOptions.config.allowsTemporaryPassword &&
        (await fastify.accounts.mustChangePassword(request.user))
      ) {
        throw new ForbiddenError('change your temporary password first (POST /api/auth/change-password)', {
          path: 'token',
          code: 'password_change_required',
        });
      }
      const allowed = request.routeOptions.config.roles ?? [];
      if (!request.user.roles.some((role) => allowed.includes(role))) {
        throw new ForbiddenError(`this action requires one of the roles: ${allowed.join(', ')}`);
      }
      await request.routeOptions.config.guard?.(request);
    });
  },
  { name: 'motcua-auth', dependencies: ['@fastify/jwt', 'motcua-services'] },
);
