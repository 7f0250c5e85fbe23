import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DossierCodeSchema } from '@motcua/common';
import type { DossierAction } from '@motcua/domain';
import { errorResponses } from '../../../../schemas/common.js';
import { bodyLimitFor } from '../../../../schemas/body-limit.js';
import { ApologySchema, CreateApologySchema, DossierApologiesSchema } from '../../../../schemas/apologies.js';
import { pathGuard } from '../../guard.js';

const ParamsSchema = z.object({ code: DossierCodeSchema });

/** The guard of a route that does `action` to the dossier its path names, with what the apology rules need. */
function apologyDossierGuard(action: DossierAction) {
  return pathGuard(ParamsSchema, (request, { code }) =>
    request.server.apologies.authorizeDossier(request.user, code, action),
  );
}

/**
 * /api/dossiers/{code}/apologies: draft an apology with a new appointment (Mẫu 04), list a dossier's.
 * Prefix /dossiers. Whether the caller may read or work the dossier is decided before the body is read.
 */
const dossierApologyRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const toRead = apologyDossierGuard('read');
  const toWork = apologyDossierGuard('work');

  fastify.post(
    '/:code/apologies',
    {
      config: { roles: ACCESS.dossiers.apologise, guard: toWork.guard },
      bodyLimit: bodyLimitFor(CreateApologySchema),
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
        response: { 201: ApologySchema, ...errorResponses(400, 401, 403, 404, 409, 413, 502, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fastify.apologies.draft(request.user, toWork.of(request), request.body)),
  );

  fastify.get(
    '/:code/apologies',
    {
      config: { roles: ACCESS.dossiers.show, guard: toRead.guard },
      schema: {
        tags: ['apologies'],
        summary: 'The apologies of a dossier, oldest first, and whether the caller may draft one now',
        params: ParamsSchema,
        response: { 200: DossierApologiesSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => fastify.apologies.listForDossier(request.user, toRead.of(request)),
  );
};

export default dossierApologyRoutes;
