import type { FastifyLoggerOptions, FastifyPluginAsync, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyJwt from '@fastify/jwt';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import adminUi from './plugins/admin-ui.js';
import auth from './plugins/auth.js';
import { OneLineRequestLog, serializeRequest } from './logging.js';
import { responseSerializerCompiler } from './response-serializer.js';
import errorHandler from './plugins/error-handler.js';
import services from './plugins/services.js';
import swagger from './plugins/swagger.js';
import authRoutes from './routes/api/auth/index.js';
import meRoutes from './routes/api/me/index.js';
import dossierRoutes from './routes/api/dossiers/index.js';
import taskRoutes from './routes/api/tasks/index.js';
import procedureRoutes from './routes/api/procedures/index.js';
import processRoutes from './routes/api/processes/index.js';
import publicDossierRoutes from './routes/api/public/dossiers/index.js';
import dossierFormRoutes from './routes/api/dossiers/forms/index.js';
import dossierApologyRoutes from './routes/api/dossiers/apologies/index.js';
import apologyRoutes from './routes/api/apologies/index.js';
import reportRoutes from './routes/api/reports/index.js';
import publicProcedureRoutes from './routes/api/public/procedures/index.js';
import agencyRoutes from './routes/api/agencies/index.js';
import accountRoutes from './routes/api/accounts/index.js';
import calendarRoutes from './routes/api/calendar/index.js';
import reconciliationRoutes from './routes/api/reconciliation/index.js';
import auditRoutes from './routes/api/audit/index.js';

/**
 * The application as one plugin: external plugins first, then our decorators and hooks, then the
 * routes (the folder under routes/ is the URL). server.ts and the tests register it the same way.
 */
export interface AppOptions {
  config: Config;
}

/**
 * Options for the Fastify instance that hosts the app. The log goes to standard output, or to
 * `logStream` (tests read what was logged); request URLs are logged redacted (see logging.ts).
 */
export function serverOptions(config: Config, logStream?: FastifyLoggerOptions['stream']): FastifyServerOptions {
  return {
    logger: {
      level: config.LOG_LEVEL,
      serializers: { req: serializeRequest },
      ...(logStream && { stream: logStream }),
    },
    // one line per request, written when it is answered (see logging.ts)
    logController: new OneLineRequestLog(),
    // `/api/dossiers` and `/api/dossiers/` are the same resource
    routerOptions: { ignoreTrailingSlash: true },
    // behind a reverse proxy, the client address (rate limits, logs) comes from X-Forwarded-For
    trustProxy: config.TRUST_PROXY,
  };
}

const app: FastifyPluginAsync<AppOptions> = async (fastify, { config }) => {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(responseSerializerCompiler({ checkAgainstSchema: config.CHECK_RESPONSES }));

  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // bpmn-js and the react-admin theme (emotion) write inline styles
        styleSrc: ["'self'", "'unsafe-inline'"],
        // bpmn-js renders icons and exports diagrams as data: and blob: URLs
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        // the default origin is plain http://127.0.0.1:3000; upgrading would break it
        upgradeInsecureRequests: null,
      },
    },
  });
  // off by default; the login and public lookup routes turn it on in their config
  await fastify.register(fastifyRateLimit, { global: false });
  // HS256 only, both ways: a token naming another algorithm (none, RS256 with the secret as a key) is refused
  await fastify.register(fastifyJwt, {
    secret: config.JWT_SECRET,
    sign: { algorithm: 'HS256', expiresIn: config.TOKEN_TTL },
    verify: { algorithms: ['HS256'] },
  });
  await fastify.register(swagger);
  await fastify.register(adminUi, { dist: config.ADMIN_UI_DIST });

  await fastify.register(services, { config });
  await fastify.register(errorHandler);
  await fastify.register(api, { prefix: '/api' });
};

/**
 * Every /api route, in one encapsulated plugin whose auth hook therefore covers each of them: a
 * route added here needs a token unless plugins/auth.ts lists it as public. The documentation
 * under /api/docs is registered by the swagger plugin, outside, and is public.
 */
const api: FastifyPluginAsync = async (fastify) => {
  await fastify.register(auth);
  await fastify.register(authRoutes, { prefix: '/auth' });
  await fastify.register(meRoutes, { prefix: '/me' });
  await fastify.register(dossierRoutes, { prefix: '/dossiers' });
  await fastify.register(taskRoutes, { prefix: '/tasks' });
  await fastify.register(procedureRoutes, { prefix: '/procedures' });
  await fastify.register(processRoutes, { prefix: '/processes' });
  await fastify.register(publicDossierRoutes, { prefix: '/public/dossiers' });
  await fastify.register(dossierFormRoutes, { prefix: '/dossiers' });
  await fastify.register(dossierApologyRoutes, { prefix: '/dossiers' });
  await fastify.register(apologyRoutes, { prefix: '/apologies' });
  await fastify.register(reportRoutes, { prefix: '/reports' });
  await fastify.register(publicProcedureRoutes, { prefix: '/public/procedures' });
  await fastify.register(agencyRoutes, { prefix: '/agencies' });
  await fastify.register(accountRoutes, { prefix: '/accounts' });
  await fastify.register(calendarRoutes, { prefix: '/calendar' });
  await fastify.register(reconciliationRoutes, { prefix: '/reconciliation' });
  await fastify.register(auditRoutes, { prefix: '/audit' });
};

export default fp(app, { name: 'motcua-app' });
