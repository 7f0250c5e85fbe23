import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { MeSchema } from '../../../schemas/me.js';

/** GET /api/me: who the token belongs to. */
const meRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/',
    {
      config: { roles: ACCESS.me.read },
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
