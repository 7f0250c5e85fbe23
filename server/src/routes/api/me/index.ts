import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { MeSchema } from '../../../schemas/me.js';

/** GET /api/me: who the token belongs to. */
const meRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/',
    {
      // the officer with a temporary password still learns who they are, to be shown the change page
      config: { roles: ACCESS.me.read, allowsTemporaryPassword: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in officer, with roles and agency',
        response: { 200: MeSchema, ...errorResponses(401) },
      },
    },
    async (request) => fastify.accounts.me(request.user),
  );
};

export default meRoutes;
