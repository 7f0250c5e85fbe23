import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import { ACCESS } from '@motcua/common';
import { ChangePasswordSchema, LoginSchema, TokenSchema } from '../../../schemas/auth.js';

/**
 * POST /api/auth/change-password: the signed-in officer's own change (see the route's description).
 *
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

  fastify.post(
    '/change-password',
    {
      config: {
        roles: ACCESS.password.change,
        allowsTemporaryPassword: true,
        // each try costs a password hash: as many per address and account as logins
        rateLimit: {
          max: fastify.config.RATE_LIMIT_LOGIN_PER_MINUTE,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}|${request.user.sub}`,
        },
      },
      bodyLimit: bodyLimitFor(ChangePasswordSchema),
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; the only call a temporary password allows',
        description:
          'The new password has 12 to 128 characters, any characters, no composition rule, and is ' +
          'refused when common or breached (password_too_common), when it contains the username ' +
          '(password_contains_username) or equals the current one (password_unchanged); a wrong ' +
          'current password is 400 wrong_password. Every earlier token of the account is revoked: ' +
          'the answer is a new one.',
        body: ChangePasswordSchema,
        response: { 200: TokenSchema, ...errorResponses(400, 401, 413, 429) },
      },
    },
    async (request) => {
      const claims = await fastify.accounts.changePassword(request.user, request.body, request.ip);
      return { token: fastify.jwt.sign(claims) };
    },
  );
};

export default authRoutes;
