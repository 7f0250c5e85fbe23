import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireRoles } from '../../../plugins/auth.js';
import { errorResponses } from '../../../schemas/common.js';
import {
  CreateDossierSchema,
  DossierCodeParamsSchema,
  DossierHistorySchema,
  DossierListSchema,
  DossierSchema,
  QueryDossierSchema,
} from '../../../schemas/dossiers.js';

/** /api/dossiers: receive a dossier, list and read dossiers of the caller's agency subtree, replay a history. */
const dossierRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '/',
    {
      preHandler: requireRoles('receptionist', 'admin'),
      schema: {
        tags: ['dossiers'],
        summary: 'Receive a dossier and start its process',
        description:
          'Answers 409 when the procedure’s process is not deployed in the engine, 502 when the engine ' +
          'refuses to start it and 503 when the engine is unreachable; in each case nothing is stored.',
        body: CreateDossierSchema,
        response: { 201: DossierSchema, ...errorResponses(400, 401, 403, 409, 502, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.dossiers.receive(request.user, request.body)),
  );

  fastify.get(
    '/',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Dossiers of the caller’s agency and the agencies below it, newest first',
        querystring: QueryDossierSchema,
        response: { 200: DossierListSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => fastify.dossiers.list(request.user, request.query),
  );

  fastify.get(
    '/:code',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'One dossier, with its applicant, procedure and agency',
        params: DossierCodeParamsSchema,
        response: { 200: DossierSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => fastify.dossiers.get(request.user, request.params.code),
  );

  fastify.get(
    '/:code/history',
    {
      preHandler: requireRoles('auditor', 'leader', 'admin'),
      schema: {
        tags: ['dossiers'],
        summary: 'The executed steps and the event log of a dossier',
        params: DossierCodeParamsSchema,
        response: { 200: DossierHistorySchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request) => fastify.history.get(request.user, request.params.code),
  );
};

export default dossierRoutes;
