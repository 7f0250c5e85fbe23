import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { ProcedureListSchema } from '../../../schemas/procedures.js';

/** GET /api/procedures: the procedures handled in the caller's agency subtree. */
const procedureRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Active procedures of the caller’s agency and the agencies below it',
        response: { 200: ProcedureListSchema, ...errorResponses(401) },
      },
    },
    async (request) => ({ data: await fastify.procedures.list(request.user) }),
  );
};

export default procedureRoutes;
