import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import { LoginSchema, TokenSchema } from '../../../schemas/auth.js';

/**
 * POST /api/auth/login: credentials in, a bearer token out. Public and rate-limited twice: every
 * attempt per address and username (here, RATE_LIMIT_LOGIN_PER_MINUTE), and failed attempts per
 * address whatever the usernames (the account service, RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE).
 */
const authRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '/login',
    {
      config: {
        // Counted per address and username: guessing one account's password is slowed down, while the
        // officers of a one-stop office, who share one public address, can still all log in at 7:30.
        // preHandler, so the parsed body's username is there to count by.
        rateLimit: {
          max: fastify.config.RATE_LIMIT_LOGIN_PER_MINUTE,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) =>
            `${request.ip}|${(request.body as { username?: unknown } | undefined)?.username ?? ''}`,
        },
      },
      bodyLimit: bodyLimitFor(LoginSchema),
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password',
        description: `Returns a JWT valid for ${fastify.config.TOKEN_TTL}; its claims are sub (username), roles, agencyCode, fullName.`,
        security: [],
        body: LoginSchema,
        response: { 200: TokenSchema, ...errorResponses(400, 401, 413, 429) },
      },
    },
    async (request) => {
      const claims = await fastify.accounts.login(request.body.username, request.body.password, request.ip);
      return { token: fastify.jwt.sign(claims) };
    },
  );
};

export default authRoutes;
