import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { Role } from '@motcua/common';
import app, { serverOptions } from '../../src/app.js';
import { testConfig } from '../helpers/build.js';

/**
 * The app as the other tests build it, plus what the OpenAPI document does not say: the roles each
 * route declares (`config.roles`), recorded as the routes are added. And the document's operations,
 * which the authorization matrix walks.
 */

/** `GET /api/dossiers/{code}`: a route in the OpenAPI document's spelling. */
export type RouteKey = string;

/** A Fastify route pattern in the OpenAPI document's spelling: `/api/dossiers/:code/` → `/api/dossiers/{code}`. */
function openApiPath(url: string): string {
  const path = url.replace(/:(\w+)/g, '{$1}');
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}

/**
 * The app, with the roles each route declares by route key (undefined for a route that declares
 * none). The public routes' rate limit is raised: the matrix calls each of them from every caller.
 */
export async function buildRecordingRoles(): Promise<{
  app: FastifyInstance;
  declaredRoles: ReadonlyMap<RouteKey, readonly Role[] | undefined>;
}> {
  const config = testConfig({ RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000' });
  const server = Fastify(serverOptions(config));
  const declaredRoles = new Map<RouteKey, readonly Role[] | undefined>();
  server.addHook('onRoute', (route: RouteOptions) => {
    const roles = (route.config as { roles?: readonly Role[] } | undefined)?.roles;
    for (const method of [route.method].flat()) declaredRoles.set(`${method} ${openApiPath(route.url)}`, roles);
  });
  await server.register(app, { config });
  await server.ready();
  return { app: server, declaredRoles };
}

/** One operation of the OpenAPI document, with what the matrix needs to call it. */
export interface Operation {
  key: RouteKey;
  method: string;
  path: string;
  /** Whether the operation takes a body (its route declares a body schema). */
  hasBody: boolean;
  /** The query parameters it reads, and which of them it requires. */
  query: { name: string; required: boolean }[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: unknown; parameters?: { in: string; name: string; required?: boolean }[] }>
  >;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head']);

/** Every operation of GET /api/docs/json, in the document's order. */
export async function documentedOperations(server: FastifyInstance): Promise<Operation[]> {
  const response = await server.inject({ method: 'GET', url: '/api/docs/json' });
  if (response.statusCode !== 200) throw new Error(`GET /api/docs/json: ${response.statusCode}`);
  const document = response.json<OpenApiDocument>();
  return Object.entries(document.paths).flatMap(([rawPath, operations]) =>
    Object.entries(operations)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => {
        const path = openApiPath(rawPath);
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          hasBody: operation.requestBody !== undefined,
          query: (operation.parameters ?? [])
            .filter((parameter) => parameter.in === 'query')
            .map((parameter) => ({ name: parameter.name, required: parameter.required === true })),
        };
      }),
  );
}
