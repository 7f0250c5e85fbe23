import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../../schemas/common.js';
import { PublicDossierParamsSchema, PublicDossierSchema } from '../../../../schemas/public-dossiers.js';
import { publicRateLimit } from '../rate-limit.js';

/**
 * GET /api/public/dossiers/:code: the citizen's lookup, without login. Answers from our database
 * only (never the engine) and returns no personal data. Rate-limited per client address.
 */
const publicDossierRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/:code',
    {
      config: publicRateLimit(fastify.config),
      schema: {
        tags: ['public'],
        summary: 'Status of a dossier by its code',
        security: [],
        params: PublicDossierParamsSchema,
        response: { 200: PublicDossierSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => fastify.dossiers.getPublic(request.params.code),
  );
};

export default publicDossierRoutes;
