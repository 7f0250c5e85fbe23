import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';

/**
 * Route guards on the resource a path names (a dossier, an apology, a procedure, a process key): run
 * by the auth hook (plugins/auth.ts, `config.guard`) after the role check and before the body is
 * read, they decide with the service's own rule — 404 for what the caller may not see, 403 for what
 * they see but may not act on — and hand what they loaded to the handler, so the resource is read
 * once per request and no handler reaches it without the guard's decision.
 */

/** A guard for one kind of resource, and the way its handlers get what it authorized. */
export interface PathGuard<T> {
  /** The route's `config.guard`. */
  guard(request: FastifyRequest): Promise<void>;
  /** What the guard authorized for this request; throws when no guard ran (a route wired without it). */
  of(request: FastifyRequest): T;
}

/**
 * A guard that reads its path parameters with `params` (the route's own schema, or the part naming
 * the resource) and lets `authorize` load and decide. Parameters the schema refuses skip the guard:
 * the route's validation answers them with 400 before any handler runs, and no resource has such a
 * name.
 */
export function pathGuard<P extends z.ZodType, T>(
  params: P,
  authorize: (request: FastifyRequest, params: z.output<P>) => Promise<T>,
): PathGuard<T> {
  const authorized = new WeakMap<FastifyRequest, { value: T }>();
  return {
    async guard(request) {
      const parsed = params.safeParse(request.params);
      if (!parsed.success) return;
      authorized.set(request, { value: await authorize(request, parsed.data) });
    },
    of(request) {
      const found = authorized.get(request);
      if (!found) throw new Error(`${request.routeOptions.url ?? request.url}: the route's guard did not run`);
      return found.value;
    },
  };
}
