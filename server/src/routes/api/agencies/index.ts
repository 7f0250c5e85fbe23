import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '@motcua/domain';
import { errorResponses } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import {
  AgencyCodeParamsSchema,
  AgencyListSchema,
  AgencySchema,
  CreateAgencySchema,
  ResolvedAgencySchema,
  UpdateAgencySchema,
} from '../../../schemas/agencies.js';
import { pathGuard } from '../guard.js';

/**
 * /api/agencies (any officer): the agency tree with each agency's code history, and the resolution
 * of a code, current or old, to the agency that does its work today (issue 3 point 2). Admins add
 * agencies below theirs and change those of their subtree (services/agency-admin-service.ts): an
 * agency outside it does not exist for the change (404, before the body is read).
 */
const agencyRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const managed = pathGuard(AgencyCodeParamsSchema, (request, { code }) =>
    fastify.agencyAdmin.authorize(request.user, code),
  );

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

  fastify.post(
    '/',
    {
      config: { roles: ACCESS.agencies.create },
      bodyLimit: bodyLimitFor(CreateAgencySchema),
      schema: {
        tags: ['agencies'],
        summary: 'Add an agency below one of your subtree',
        description:
          '400 unknown_agency for a parentCode outside your subtree; 409 agency_code_taken for a code ' +
          'any agency has or once had (codes are never reissued).',
        body: CreateAgencySchema,
        response: { 201: AgencySchema, ...errorResponses(400, 401, 403, 409, 413) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.agencyAdmin.create(request.user, request.body)),
  );

  fastify.patch(
    '/:code',
    {
      config: { roles: ACCESS.agencies.edit, guard: managed.guard },
      bodyLimit: bodyLimitFor(UpdateAgencySchema),
      schema: {
        tags: ['agencies'],
        summary: 'Rename an agency, give it a new code or parent, or record its merger into a successor',
        description:
          'A new code closes the old one in the code history (legalRef: the decision), and the old ' +
          'code keeps resolving to the agency; the agency’s officers sign in again. successorCode ' +
          'records a merger (null undoes it). 400 unknown_agency for a parent or successor outside ' +
          'your subtree, agency_cycle for one that would loop; 409 agency_code_taken.',
        params: AgencyCodeParamsSchema,
        body: UpdateAgencySchema,
        response: { 200: AgencySchema, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => fastify.agencyAdmin.update(request.user, managed.of(request), request.body),
  );
};

export default agencyRoutes;
