import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, NoContentSchema } from '../../../schemas/common.js';
import { CompleteTaskSchema, TaskListSchema, TaskParamsSchema } from '../../../schemas/tasks.js';

/** /api/tasks: the caller's work list, and claim / unclaim / complete. */
const taskRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/',
    {
      config: { roles: ACCESS.tasks.list },
      schema: {
        tags: ['tasks'],
        summary: 'Tasks the caller may claim and tasks assigned to the caller, oldest first',
        description:
          'Each task carries its own due date, the outcomes it offers, and its dossier’s status, ' +
          'appointment and timeliness. A partner agency’s officers see the tasks of a transfer to it.',
        response: { 200: TaskListSchema, ...errorResponses(401, 502, 503) },
      },
    },
    async (request) => ({ data: await fastify.tasks.list(request.user) }),
  );

  fastify.post(
    '/:id/claim',
    {
      config: { roles: ACCESS.tasks.claim },
      schema: {
        tags: ['tasks'],
        summary: 'Take a task offered to one of the caller’s groups',
        params: TaskParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(401, 403, 404, 409, 502, 503) },
      },
    },
    async (request, reply) => {
      await fastify.tasks.claim(request.user, request.params.id);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/:id/unclaim',
    {
      config: { roles: ACCESS.tasks.claim },
      schema: {
        tags: ['tasks'],
        summary: 'Give back a task the caller holds',
        params: TaskParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(401, 403, 404, 502, 503) },
      },
    },
    async (request, reply) => {
      await fastify.tasks.unclaim(request.user, request.params.id);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/:id/complete',
    {
      config: { roles: ACCESS.tasks.complete },
      schema: {
        tags: ['tasks'],
        summary: 'Complete a task the caller holds, with one of the outcomes it offers and that outcome’s data',
        description:
          'A task whose step lists outcomes needs one of them (400 outcome_required, invalid_option). ' +
          'request_supplement needs supplementItems, refuse refusalReason, transfer partnerAgencyCode ' +
          '(an existing agency other than the one handling the dossier: unknown_agency, same_agency); ' +
          'return-result needs returnMethod, and postalTrackingRef when by post.',
        params: TaskParamsSchema,
        body: CompleteTaskSchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request, reply) => {
      await fastify.tasks.complete(request.user, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
};

export default taskRoutes;
