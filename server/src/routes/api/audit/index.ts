import { ACCESS } from '@motcua/common';
import { verifyTrail } from '@motcua/db/trail';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { TrailVerificationSchema } from '../../../schemas/trail.js';

/**
 * /api/audit: the tamper-evident trail. The chains and their check live in one module
 * (prisma/src/trail.ts), which `npm run verify-trail` runs too, so both give the same answer.
 */
const auditRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/trail/verify',
    {
      config: { roles: ACCESS.trail.verify },
      schema: {
        tags: ['audit'],
        summary: 'Check the hash chains of the dossier event log and the audit log; names the first broken link',
        description:
          'Walks DossierEvent and AuditLog in chain order and recomputes every hash. A row edited, deleted ' +
          'or slipped in behind the database’s append-only triggers breaks a link: the answer names the ' +
          'table, the row and what differs. A broken chain is still a 200 answer with ok = false. The ' +
          'same check as `npm run verify-trail`.',
        response: { 200: TrailVerificationSchema, ...errorResponses(401, 403) },
      },
    },
    async () => verifyTrail(fastify.db),
  );
};

export default auditRoutes;
