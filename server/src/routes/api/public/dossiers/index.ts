import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bodyLimitFor } from '../../../../schemas/body-limit.js';
import { errorResponses } from '../../../../schemas/common.js';
import { PublicDossierParamsSchema, PublicDossierSchema } from '../../../../schemas/public-dossiers.js';
import { RatingReceiptSchema, RatingRequestSchema } from '../../../../schemas/satisfaction.js';
import { publicRateLimit } from '../rate-limit.js';

/**
 * GET /api/public/dossiers/:code: the citizen's lookup, without login. Answers from our database
 * only (never the engine) and returns no personal data. Rate-limited per client address.
 * POST /api/public/dossiers/:code/rating: the applicant's satisfaction rating (services/satisfaction-service.ts).
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

  fastify.post(
    '/:code/rating',
    {
      config: publicRateLimit(fastify.config),
      bodyLimit: bodyLimitFor(RatingRequestSchema),
      schema: {
        tags: ['public'],
        summary: 'The applicant rates a finished dossier, once (satisfaction, docs/legal.md §7)',
        description:
          'The code and the last 4 digits of the phone number given at reception. A wrong second factor ' +
          'is answered as an unknown code (404, the same message), and the attempts on one dossier are ' +
          'limited too. 409 when the dossier is not finished (returned, refused or withdrawn) or already rated.',
        security: [],
        params: PublicDossierParamsSchema,
        body: RatingRequestSchema,
        response: { 201: RatingReceiptSchema, ...errorResponses(400, 404, 409, 413, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.satisfaction.rate(request.params.code, request.body)),
  );
};

export default publicDossierRoutes;
