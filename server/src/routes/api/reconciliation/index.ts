import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import { errorResponses } from '../../../schemas/common.js';
import { FindingListSchema, FindingQuerySchema, ReconciliationRunSchema } from '../../../schemas/reconciliation.js';

/**
 * /api/reconciliation: where the engine's processes and our dossiers disagree, as the reconciler
 * found it (domain/src/reconciliation.ts), for the admins; and a pass on demand.
 */
const reconciliationRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/',
    {
      config: { roles: ACCESS.reconciliation.list },
      schema: {
        tags: ['reconciliation'],
        summary: 'What the reconciler found between the engine’s processes and the dossiers, newest first',
        description:
          'Orphan processes (deleted by the reconciler, with a reason the engine’s history keeps), open ' +
          'dossiers whose process has gone, open dossiers that never got one. An admin sees the findings ' +
          'about the dossiers of their agency subtree; orphan processes, which belong to no agency, only ' +
          'an admin of a root agency.',
        querystring: FindingQuerySchema,
        response: { 200: FindingListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => fastify.reconciliation.list(request.user, request.query),
  );

  fastify.post(
    '/',
    {
      config: { roles: ACCESS.reconciliation.run },
      bodyLimit: bodyLimitFor(),
      schema: {
        tags: ['reconciliation'],
        summary: 'Run a reconciliation pass now; answers with the findings left open that the caller may read',
        description:
          'The pass the workers run every RECONCILE_INTERVAL_MS: processes younger than RECONCILE_GRACE_MS ' +
          'are left alone, as their reception may still be storing the dossier.',
        response: { 200: ReconciliationRunSchema, ...errorResponses(401, 403, 413, 502, 503) },
      },
    },
    async (request) => fastify.reconciliation.run(request.user),
  );
};

export default reconciliationRoutes;
