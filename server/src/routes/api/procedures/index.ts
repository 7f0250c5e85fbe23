import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import {
  CreateProcedureSchema,
  FileSchema,
  FormTemplateParamsSchema,
  FormTemplateSchema,
  ProcedureCodeParamsSchema,
  ProcedureDetailSchema,
  ProcedureListSchema,
  ProcedureVersionInputSchema,
  ProcedureVersionParamsSchema,
  QueryProcedureSchema,
  UpdateProcedureSchema,
  UploadFormTemplateSchema,
} from '../../../schemas/procedures.js';
import { sendFile } from './send-file.js';

/** The JSON body of a template upload: 5 MiB of file as base64, and room for the other fields. */
const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * /api/procedures: the catalogue of the caller's agency subtree (any officer reads it) and its
 * administration (admin role): procedures, their versions, their form templates.
 */
const procedureRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/',
    {
      config: { roles: ACCESS.procedures.list },
      schema: {
        tags: ['procedures'],
        summary: 'Procedures of the caller’s agency and the agencies below it, each with its current version',
        querystring: QueryProcedureSchema,
        response: { 200: ProcedureListSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => ({ data: await fastify.procedures.list(request.user, request.query) }),
  );

  fastify.get(
    '/:code',
    {
      config: { roles: ACCESS.procedures.show },
      schema: {
        tags: ['procedures'],
        summary: 'A procedure with all its versions, newest first',
        params: ProcedureCodeParamsSchema,
        response: { 200: ProcedureDetailSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => fastify.procedures.get(request.params.code),
  );

  fastify.post(
    '/',
    {
      config: { roles: ACCESS.procedures.create },
      schema: {
        tags: ['procedures'],
        summary: 'Add a procedure to the catalogue, with its version 1',
        body: CreateProcedureSchema,
        response: { 201: ProcedureDetailSchema, ...errorResponses(400, 401, 403, 409, 502, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.procedures.create(request.user, request.body)),
  );

  fastify.patch(
    '/:code',
    {
      config: { roles: ACCESS.procedures.edit },
      schema: {
        tags: ['procedures'],
        summary: 'Withdraw a procedure from the catalogue, or bring it back',
        params: ProcedureCodeParamsSchema,
        body: UpdateProcedureSchema,
        response: { 200: ProcedureDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => fastify.procedures.setActive(request.user, request.params.code, request.body.active),
  );

  fastify.post(
    '/:code/versions',
    {
      config: { roles: ACCESS.procedures.edit },
      schema: {
        tags: ['procedures'],
        summary: 'Add a version with the full legal content; earlier versions stay as they were',
        params: ProcedureCodeParamsSchema,
        body: ProcedureVersionInputSchema,
        response: { 201: ProcedureDetailSchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fastify.procedures.addVersion(request.user, request.params.code, request.body)),
  );

  fastify.post(
    '/:code/versions/:version/form-templates',
    {
      config: { roles: ACCESS.procedures.edit },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: ['procedures'],
        summary: 'Attach a downloadable form template (PDF, DOCX, DOC or ODT, at most 5 MiB) to a version',
        params: ProcedureVersionParamsSchema,
        body: UploadFormTemplateSchema,
        response: { 201: FormTemplateSchema, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await fastify.procedures.addFormTemplate(
            request.user,
            request.params.code,
            request.params.version,
            request.body,
          ),
        ),
  );

  fastify.get(
    '/:code/versions/:version/form-templates/:id',
    {
      config: { roles: ACCESS.procedures.show },
      schema: {
        tags: ['procedures'],
        summary: 'Download a form template',
        params: FormTemplateParamsSchema,
        response: { 200: FileSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await fastify.procedures.formTemplate({
          procedureCode: request.params.code,
          version: request.params.version,
          id: request.params.id,
          public: false,
        }),
      ),
  );
};

export default procedureRoutes;
