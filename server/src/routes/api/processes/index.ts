import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import {
  DeployedProcessSchema,
  DeployProcessSchema,
  ProcessKeyParamsSchema,
  ProcessXmlSchema,
} from '../../../schemas/processes.js';
import { pathGuard } from '../guard.js';

/**
 * /api/processes (admin only): deploy a BPMN diagram, read the latest deployed diagram of a process.
 * Both are scoped by who owns the process key (see ../../../services/process-service.ts): deploying
 * another agency's key answers 403 (the key is in the body, so after validation), reading one
 * answers 404 (the key is in the path: the guard decides before anything else).
 */
const processRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const toRead = pathGuard(ProcessKeyParamsSchema, (request, { key }) =>
    fastify.processes.authorizeRead(request.user, key),
  );

  fastify.post(
    '/',
    {
      config: { roles: ACCESS.processes.edit },
      bodyLimit: bodyLimitFor(DeployProcessSchema),
      schema: {
        tags: ['processes'],
        summary: 'Deploy a BPMN diagram with exactly one executable process',
        body: DeployProcessSchema,
        response: { 201: DeployedProcessSchema, ...errorResponses(400, 401, 403, 413, 502, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.processes.deploy(request.user, request.body.xml)),
  );

  fastify.get(
    '/:key/xml',
    {
      config: { roles: ACCESS.processes.edit, guard: toRead.guard },
      schema: {
        tags: ['processes'],
        summary: 'The BPMN XML of the latest deployed version of a process',
        description:
          '404 for a key that is not deployed, and for a key none of whose owners is your agency or below it.',
        params: ProcessKeyParamsSchema,
        response: { 200: ProcessXmlSchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request) => fastify.processes.latestXml(toRead.of(request)),
  );
};

export default processRoutes;
