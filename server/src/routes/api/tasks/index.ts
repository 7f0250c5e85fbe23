import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses, NoContentSchema } from '../../../schemas/common.js';
import { CompleteTaskSchema, TaskListSchema, TaskParamsSchema } from '../../../schemas/tasks.js';

/** /api/tasks: the caller's work list, and claim / unclaim / complete. */
const taskRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks the caller may claim and tasks assigned to the caller, oldest first',
        response: { 200: TaskListSchema, ...errorResponses(401, 502, 503) },
      },
    },
    async (request) => ({ data: await fastify.tasks.list(request.user) }),
  );

  fastify.post(
    '/:id/claim',
    {
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
      schema: {
        tags: ['tasks'],
        summary: 'Complete a task the caller holds; leader-approval needs an outcome',
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
