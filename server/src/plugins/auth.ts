import fp from 'fastify-plugin';
import { httpErrors } from '@fastify/sensible';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from '@motcua/common';
import type { TokenPayload } from '../schemas/auth.js';

/**
 * Authentication for the whole API: one onRequest hook verifies the bearer token on every /api
 * route except an explicit allow-list of public ones. Role checks are preHandlers (requireRoles).
 */
declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenPayload;
    user: TokenPayload;
  }
}

/** Routes anyone may call, as `${method} ${route pattern}` or route-pattern prefixes. */
const PUBLIC_ROUTES = new Set(['POST /api/auth/login']);
const PUBLIC_PREFIXES = [
  { methods: ['GET', 'HEAD'], prefix: '/api/public/' },
  { methods: ['GET', 'HEAD'], prefix: '/api/docs' },
];

export function isApiPath(url: string): boolean {
  return /^\/api(\/|\?|$)/.test(url);
}

function isPublic(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route === undefined) return false;
  if (PUBLIC_ROUTES.has(`${request.method} ${route}`)) return true;
  return PUBLIC_PREFIXES.some(({ methods, prefix }) => methods.includes(request.method) && route.startsWith(prefix));
}

export default fp(
  async function auth(fastify) {
    fastify.addHook('onRequest', async (request) => {
      if (!isApiPath(request.url) || isPublic(request)) return;
      await request.jwtVerify();
    });
  },
  { name: 'motcua-auth', dependencies: ['@fastify/jwt'] },
);

/** A preHandler letting through callers holding at least one of the roles; others get 403. */
export function requireRoles(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    if (!request.user.roles.some((role) => roles.includes(role))) {
      throw httpErrors.forbidden(`this action requires one of the roles: ${roles.join(', ')}`);
    }
  };
}
