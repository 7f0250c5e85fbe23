import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '@motcua/common';
import { createEngineClient } from '@motcua/common/engine';
import { createTestDatabase, type TestDatabase } from '@motcua/common/testing';
import { applyMigrations, createDb, DEMO_ACCOUNTS, DEMO_PASSWORD, seed, type Db } from '@motcua/db';
import app, { serverOptions } from '../../src/app.js';
import type { JsonSchema } from '../../src/schemas/body-limit.js';
import { testConfig } from '../helpers/build.js';

/**
 * The app the fuzz suites attack: built as server.ts builds it, on a database of its own (migrated
 * and seeded with the demo data) so that what the fuzz creates, withdraws or deploys never reaches
 * the other test files, and on the shared engine. The routes' options are recorded as they are
 * registered: the roles each route admits and its body limit are not in the OpenAPI document.
 */

/** The OpenAPI document as /api/docs/json serves it, in the parts the fuzz reads. */
export type { JsonSchema };

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

export interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}

/** A route as registered: who may call it and how large a body it reads. */
export interface RouteAccess {
  method: string;
  /** The OpenAPI path, e.g. /api/dossiers/{code}. */
  path: string;
  roles: readonly Role[] | undefined;
  bodyLimit: number | undefined;
}

/** A signed-in demo account. */
export interface Caller {
  username: string;
  roles: readonly Role[];
  authorization: string;
}

export interface FuzzApp {
  app: FastifyInstance;
  /** The error behind each failed request, by the `x-fuzz-id` header the request carried. */
  errors: Map<string, Error>;
  db: Db;
  document: OpenApiDocument;
  routes: RouteAccess[];
  callers: Caller[];
  close(): Promise<void>;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `/api/dossiers/:code` as OpenAPI writes it: `/api/dossiers/{code}`. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '') || '/';

/**
 * Builds the app on a fresh database, with the rate limits of `overrides` (the fuzz lifts them so
 * that it tests validation, not the limiter), and signs in every demo account.
 */
export async function buildFuzzApp(overrides: Record<string, string> = {}): Promise<FuzzApp> {
  const database: TestDatabase = await createTestDatabase(pg, 'motcua_fuzz');
  let server: FastifyInstance | undefined;
  let db: Db | undefined;
  const close = async () => {
    await server?.close();
    await db?.$disconnect();
    await database.drop();
  };
  try {
    await applyMigrations(database.url);
    db = createDb(database.url);
    await seed(db, { demo: true });

    const config = testConfig({ DATABASE_URL: database.url, ...overrides });
    server = Fastify(serverOptions(config));
    const routes: RouteAccess[] = [];
    const errors = new Map<string, Error>();
    server.addHook('onError', async (request, _reply, error) => {
      const id = request.headers['x-fuzz-id'];
      if (typeof id === 'string') errors.set(id, error);
    });
    server.addHook('onRoute', (route: RouteOptions) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((method) =>
        METHODS.includes(method),
      );
      const roles = (route.config as { roles?: readonly Role[] } | undefined)?.roles;
      for (const method of methods)
        routes.push({ method, path: openApiPath(route.url), roles, bodyLimit: route.bodyLimit });
    });
    await server.register(app, { config });
    await server.ready();

    const response = await server.inject({ method: 'GET', url: '/api/docs/json' });
    const document = response.json<OpenApiDocument>();
    const callers = await signIn(server);
    const built = server;
    return { app: built, errors, db, document, routes, callers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function signIn(server: FastifyInstance): Promise<Caller[]> {
  return Promise.all(
    DEMO_ACCOUNTS.map(async ({ username, roles }) => {
      const response = await server.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`login as ${username}: ${response.statusCode} ${response.body}`);
      return { username, roles, authorization: `Bearer ${response.json<{ token: string }>().token}` };
    }),
  );
}

/**
 * Cancels in the shared engine the processes of the dossiers the fuzz received, so that other test
 * files' workers never meet tasks whose dossiers live in the fuzz's database.
 */
export async function cancelFuzzProcesses(db: Db): Promise<number> {
  const engine = createEngineClient({
    baseUrl: inject('engineUrl'),
    user: inject('engineUser'),
    password: inject('enginePassword'),
  });
  const dossiers = await db.dossier.findMany({
    where: { processInstanceId: { not: null } },
    select: { processInstanceId: true },
  });
  const ids = dossiers.flatMap((dossier) => (dossier.processInstanceId ? [dossier.processInstanceId] : []));
  await Promise.all(ids.map((id) => engine.deleteProcessInstance(id).catch(() => undefined)));
  return ids.length;
}

/**
 * A fingerprint of every table's content: equal fingerprints mean no row was added, changed or
 * removed. Logins, refused password changes and deployments refused for the process key's owner are
 * left out of the audit log: a refused attempt to prove a password, or to deploy another agency's
 * process (a valid diagram with any comment), is audited on purpose.
 */
export async function dataFingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
        -- a refused satisfaction rating counts against its dossier's limit, as a failed login is audited
        AND table_name <> 'SatisfactionAttempt'
      ORDER BY table_name`,
  );
  const parts = tables.map(({ table_name: table }) => {
    const filter =
      table === 'AuditLog'
        ? ` WHERE action NOT LIKE 'login.%' AND action NOT IN ('password.change_failed', 'process.deploy.refused')`
        : '';
    return `SELECT '${table}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS digest FROM "${table}" t${filter}`;
  });
  const rows = await db.$queryRawUnsafe<{ name: string; digest: string }[]>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}
