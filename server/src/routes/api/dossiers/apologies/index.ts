import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DossierCodeSchema } from '@motcua/common';
import { errorResponses } from '../../../../schemas/common.js';
import { ApologySchema, CreateApologySchema, DossierApologiesSchema } from '../../../../schemas/apologies.js';

const ParamsSchema = z.object({ code: DossierCodeSchema });

/** /api/dossiers/{code}/apologies: draft an apology with a new appointment (Mẫu 04), list a dossier's. Prefix /dossiers. */
const dossierApologyRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '/:code/apologies',
    {
      config: { roles: ACCESS.dossiers.apologise },
      schema: {
        tags: ['apologies'],
        summary: 'Draft an apology with a new appointment, for the leader to approve',
        description:
          'Only the dossier’s current handler (who holds, or may claim, its open task at the handling agency) ' +
          'or a leader of that agency. The dossier must be open and its clock running; the new date later than ' +
          'the current appointment, on a working day inside office hours. 409 when a draft already waits or ' +
          'the limit of approved apologies (APOLOGY_LIMIT, default 1) is reached.',
        params: ParamsSchema,
        body: CreateApologySchema,
        response: { 201: ApologySchema, ...errorResponses(400, 401, 403, 404, 409, 502, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fastify.apologies.draft(request.user, request.params.code, request.body)),
  );

  fastify.get(
    '/:code/apologies',
    {
      config: { roles: ACCESS.dossiers.show },
      schema: {
        tags: ['apologies'],
        summary: 'The apologies of a dossier, oldest first, and whether the caller may draft one now',
        params: ParamsSchema,
        response: { 200: DossierApologiesSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => fastify.apologies.listForDossier(request.user, request.params.code),
  );
};

export default dossierApologyRoutes;
