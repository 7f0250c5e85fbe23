import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, NoContentSchema } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import { CompleteTaskSchema, QueryTaskSchema, TaskListSchema, TaskParamsSchema } from '../../../schemas/tasks.js';
import type { TaskAction } from '../../../services/task-service.js';
import { pathGuard } from '../guard.js';

/** The guard of a route that does `action` to the task its path names: decided before the body is read. */
function taskGuard(action: TaskAction) {
  return pathGuard(TaskParamsSchema, (request, { id }) => request.server.tasks.authorize(request.user, id, action));
}

/** /api/tasks: the caller's work list, and claim / unclaim / complete. */
const taskRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const claiming = taskGuard('claim');
  const releasing = taskGuard('unclaim');
  const completing = taskGuard('complete');

  fastify.get(
    '/',
    {
      config: { roles: ACCESS.tasks.list },
      schema: {
        tags: ['tasks'],
        summary: 'One page of the tasks the caller may claim and of those the caller holds',
        description:
          'Sorted, filtered and counted by the engine; `total` counts every page. Each task carries its ' +
          'own due date, the outcomes it offers, and its dossier’s status, appointment and timeliness. ' +
          'A partner agency’s officers see the tasks of a transfer to it. A process definition whose ' +
          'steps cannot be read is named in `problems`; its tasks are listed without outcomes.',
        querystring: QueryTaskSchema,
        response: { 200: TaskListSchema, ...errorResponses(400, 401, 502, 503) },
      },
    },
    async (request) => fastify.tasks.list(request.user, request.query),
  );

  fastify.post(
    '/:id/claim',
    {
      config: { roles: ACCESS.tasks.claim, guard: claiming.guard },
      bodyLimit: bodyLimitFor(),
      schema: {
        tags: ['tasks'],
        summary: 'Take a task offered to one of the caller’s groups',
        params: TaskParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(401, 403, 404, 409, 413, 502, 503) },
      },
    },
    async (request, reply) => {
      await fastify.tasks.claim(request.user, claiming.of(request));
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/:id/unclaim',
    {
      config: { roles: ACCESS.tasks.claim, guard: releasing.guard },
      bodyLimit: bodyLimitFor(),
      schema: {
        tags: ['tasks'],
        summary: 'Give back a task the caller holds',
        params: TaskParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(401, 403, 404, 413, 502, 503) },
      },
    },
    async (request, reply) => {
      await fastify.tasks.unclaim(request.user, releasing.of(request));
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/:id/complete',
    {
      config: { roles: ACCESS.tasks.complete, guard: completing.guard },
      bodyLimit: bodyLimitFor(CompleteTaskSchema),
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
        response: { 204: NoContentSchema, ...errorResponses(400, 401, 403, 404, 413, 502, 503) },
      },
    },
    async (request, reply) => {
      await fastify.tasks.complete(request.user, completing.of(request), request.body);
      return reply.code(204).send(null);
    },
  );
};

export default taskRoutes;
