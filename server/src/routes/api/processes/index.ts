import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import {
  DeployedProcessSchema,
  DeployProcessSchema,
  ProcessKeyParamsSchema,
  ProcessXmlSchema,
} from '../../../schemas/processes.js';

/** /api/processes (admin only): deploy a BPMN diagram, read the latest deployed diagram of a process. */
const processRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '/',
    {
      config: { roles: ACCESS.processes.edit },
      schema: {
        tags: ['processes'],
        summary: 'Deploy a BPMN diagram with exactly one executable process',
        body: DeployProcessSchema,
        response: { 201: DeployedProcessSchema, ...errorResponses(400, 401, 403, 502, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.processes.deploy(request.user, request.body.xml)),
  );

  fastify.get(
    '/:key/xml',
    {
      config: { roles: ACCESS.processes.edit },
      schema: {
        tags: ['processes'],
        summary: 'The BPMN XML of the latest deployed version of a process',
        params: ProcessKeyParamsSchema,
        response: { 200: ProcessXmlSchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request) => fastify.processes.latestXml(request.params.key),
  );
};

export default processRoutes;
