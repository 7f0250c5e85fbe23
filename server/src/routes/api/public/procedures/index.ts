import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../../schemas/common.js';
import {
  FileSchema,
  ProcedureCodeParamsSchema,
  PublicFormTemplateParamsSchema,
  PublicProcedureListSchema,
  PublicProcedureSchema,
  QueryPublicProcedureSchema,
} from '../../../../schemas/procedures.js';
import { sendFile } from '../../procedures/send-file.js';
import { publicRateLimit } from '../rate-limit.js';

/**
 * /api/public/procedures: the public catalogue for citizens, kiosks and other systems, without login
 * (issue 3 point 11): the active procedures with their current version, and their form templates
 * (public documents). No personal data: not even who edited the catalogue. Rate-limited per client
 * address like the public dossier lookup.
 */
const publicProcedureRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const rateLimit = publicRateLimit(fastify.config);

  fastify.get(
    '/',
    {
      config: rateLimit,
      schema: {
        tags: ['public'],
        summary: 'The active procedures, each with its current version',
        security: [],
        querystring: QueryPublicProcedureSchema,
        response: { 200: PublicProcedureListSchema, ...errorResponses(400, 429) },
      },
    },
    async (request) => ({ data: await fastify.procedures.listPublic(request.query) }),
  );

  fastify.get(
    '/:code',
    {
      config: rateLimit,
      schema: {
        tags: ['public'],
        summary: 'An active procedure with its current version',
        security: [],
        params: ProcedureCodeParamsSchema,
        response: { 200: PublicProcedureSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => fastify.procedures.getPublic(request.params.code),
  );

  fastify.get(
    '/:code/form-templates/:id',
    {
      config: rateLimit,
      schema: {
        tags: ['public'],
        summary: 'Download a form template of an active procedure',
        security: [],
        params: PublicFormTemplateParamsSchema,
        response: { 200: FileSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await fastify.procedures.formTemplate({
          procedureCode: request.params.code,
          id: request.params.id,
          public: true,
        }),
      ),
  );
};

export default publicProcedureRoutes;
