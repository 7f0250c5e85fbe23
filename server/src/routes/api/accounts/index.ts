import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import {
  AccountListSchema,
  AccountParamsSchema,
  AccountSchema,
  CreateAccountSchema,
  QueryAccountSchema,
  TemporaryPasswordSchema,
  UpdateAccountSchema,
} from '../../../schemas/accounts.js';
import { pathGuard } from '../guard.js';

/**
 * /api/accounts (admins): officers' accounts of the caller's agency and the agencies below it
 * (services/account-admin-service.ts). A route on one account finds it before the body is read: an
 * account outside the caller's subtree does not exist for them (404).
 */
const accountRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const managed = pathGuard(AccountParamsSchema, (request, { username }) =>
    fastify.accountAdmin.authorize(request.user, username),
  );

  fastify.get(
    '/',
    {
      config: { roles: ACCESS.accounts.list },
      schema: {
        tags: ['accounts'],
        summary: 'One page of the accounts of your agency and the agencies below it, by username',
        description: '400 unknown_agency for an agencyCode outside your subtree.',
        querystring: QueryAccountSchema,
        response: { 200: AccountListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => fastify.accountAdmin.list(request.user, request.query),
  );

  fastify.get(
    '/:username',
    {
      config: { roles: ACCESS.accounts.show, guard: managed.guard },
      schema: {
        tags: ['accounts'],
        summary: 'One account of your subtree',
        params: AccountParamsSchema,
        response: { 200: AccountSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => fastify.accountAdmin.show(managed.of(request)),
  );

  fastify.post(
    '/',
    {
      config: { roles: ACCESS.accounts.create },
      bodyLimit: bodyLimitFor(CreateAccountSchema),
      schema: {
        tags: ['accounts'],
        summary: 'Create an officer’s account, with a temporary password shown once',
        description:
          '400 unknown_agency for an agency outside your subtree; 409 username_taken. The officer ' +
          'must change the temporary password at the first sign-in.',
        body: CreateAccountSchema,
        response: { 201: TemporaryPasswordSchema, ...errorResponses(400, 401, 403, 409, 413) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.accountAdmin.create(request.user, request.body)),
  );

  fastify.patch(
    '/:username',
    {
      config: { roles: ACCESS.accounts.edit, guard: managed.guard },
      bodyLimit: bodyLimitFor(UpdateAccountSchema),
      schema: {
        tags: ['accounts'],
        summary: 'Change an account’s name, roles or agency, or deactivate or reactivate it',
        description:
          'A change of roles, agency or active flag revokes the account’s tokens at once. 409 ' +
          'own_account when you would deactivate yourself or take your own admin role; 400 ' +
          'unknown_agency for an agency outside your subtree.',
        params: AccountParamsSchema,
        body: UpdateAccountSchema,
        response: { 200: AccountSchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => fastify.accountAdmin.update(request.user, managed.of(request), request.body),
  );

  fastify.post(
    '/:username/reset-password',
    {
      config: { roles: ACCESS.accounts.edit, guard: managed.guard },
      bodyLimit: bodyLimitFor(),
      schema: {
        tags: ['accounts'],
        summary: 'Reset the password: a temporary one, shown once, to change at the next sign-in',
        description: 'The account’s tokens are revoked at once.',
        params: AccountParamsSchema,
        response: { 200: TemporaryPasswordSchema, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request) => fastify.accountAdmin.resetPassword(request.user, managed.of(request)),
  );
};

export default accountRoutes;
