import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import {
  ApologyListSchema,
  ApologyParamsSchema,
  ApologySchema,
  ApproveApologySchema,
  QueryApologySchema,
  RejectApologySchema,
} from '../../../schemas/apologies.js';
import { pathGuard } from '../guard.js';

/**
 * /api/apologies: the leader's queue of drafts and the decision on each. Whether the caller's agency
 * works the apology's dossier is decided before the body is read (404 when they do not see it).
 */
const apologyRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const toDecide = pathGuard(ApologyParamsSchema, (request, { id }) =>
    fastify.apologies.authorizeApology(request.user, id),
  );

  fastify.get(
    '/',
    {
      config: { roles: ACCESS.apologies.list },
      schema: {
        tags: ['apologies'],
        summary: 'Apologies of the dossiers handled in the caller’s agency subtree, newest first',
        querystring: QueryApologySchema,
        response: { 200: ApologyListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({ data: await fastify.apologies.list(request.user, request.query.status) }),
  );

  fastify.post(
    '/:id/approve',
    {
      config: { roles: ACCESS.apologies.decide, guard: toDecide.guard },
      bodyLimit: bodyLimitFor(ApproveApologySchema),
      schema: {
        tags: ['apologies'],
        summary: 'Approve a draft: the appointment moves, the letter is numbered, the applicant is notified',
        description:
          'Leader of the agency handling the dossier. The engine’s deadlines follow after the approval is ' +
          'stored; `engineSynced: false` says that failed, and approving the same apology again retries it ' +
          '(nothing else is repeated). 409 when already rejected, when the limit is reached or when the ' +
          'appointment moved past the new date meanwhile.',
        params: ApologyParamsSchema,
        body: ApproveApologySchema.optional(),
        response: { 200: ApologySchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => fastify.apologies.approve(request.user, toDecide.of(request), request.body?.note),
  );

  fastify.post(
    '/:id/reject',
    {
      config: { roles: ACCESS.apologies.decide, guard: toDecide.guard },
      bodyLimit: bodyLimitFor(RejectApologySchema),
      schema: {
        tags: ['apologies'],
        summary: 'Reject a draft, saying why; the appointment stays',
        params: ApologyParamsSchema,
        body: RejectApologySchema,
        response: { 200: ApologySchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => fastify.apologies.reject(request.user, toDecide.of(request), request.body.note),
  );
};

export default apologyRoutes;
