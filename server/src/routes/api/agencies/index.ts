import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '@motcua/domain';
import { errorResponses } from '../../../schemas/common.js';
import { AgencyCodeParamsSchema, AgencyListSchema, ResolvedAgencySchema } from '../../../schemas/agencies.js';

/**
 * /api/agencies (any officer): the agency tree with each agency's code history, and the resolution
 * of a code, current or old, to the agency that does its work today (issue 3 point 2).
 */
const agencyRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/',
    {
      config: { roles: ACCESS.agencies.list },
      schema: {
        tags: ['agencies'],
        summary: 'Every agency, depth-first, with its current code, code history and successor',
        response: { 200: AgencyListSchema, ...errorResponses(401) },
      },
    },
    async () => ({ data: await fastify.agencies.list() }),
  );

  fastify.get(
    '/resolve/:code',
    {
      config: { roles: ACCESS.agencies.list },
      schema: {
        tags: ['agencies'],
        summary: 'The agency a code names, current or old, followed to its successor after a merger',
        params: AgencyCodeParamsSchema,
        response: { 200: ResolvedAgencySchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const resolved = await fastify.agencies.resolve(request.params.code);
      if (!resolved) throw new NotFoundError(`no agency has ever had the code ${request.params.code}`);
      return resolved;
    },
  );
};

export default agencyRoutes;
