import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
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
import { pathGuard } from '../guard.js';
import { sendFile } from './send-file.js';

/**
 * /api/procedures: the catalogue of the caller's agency subtree (any officer reads it) and its
 * administration (admin role): procedures, their versions, their form templates. A route on one
 * procedure, version or template finds it, and decides whether the caller may edit it, before the
 * body is read (the procedure service's authorizeEdit: 404 for none, 403 for another agency's).
 */
const procedureRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const toEdit = pathGuard(ProcedureCodeParamsSchema, (request, { code }) =>
    fastify.procedures.authorizeEdit(request.user, code),
  );
  const toEditVersion = pathGuard(ProcedureVersionParamsSchema, (request, { code, version }) =>
    fastify.procedures.authorizeVersionEdit(request.user, code, version),
  );
  const template = pathGuard(FormTemplateParamsSchema, (_request, { code, version, id }) =>
    fastify.procedures.formTemplate({ procedureCode: code, version, id, public: false }),
  );

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
      bodyLimit: bodyLimitFor(CreateProcedureSchema),
      schema: {
        tags: ['procedures'],
        summary: 'Add a procedure to the catalogue, with its version 1',
        description:
          '400 unknown_agency for an agency outside yours; process_not_deployed for a processKey the ' +
          'engine does not have, process_not_owned for one that runs the procedures of an agency ' +
          'outside yours (see POST /api/processes).',
        body: CreateProcedureSchema,
        response: { 201: ProcedureDetailSchema, ...errorResponses(400, 401, 403, 409, 413, 502, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.procedures.create(request.user, request.body)),
  );

  fastify.patch(
    '/:code',
    {
      config: { roles: ACCESS.procedures.edit, guard: toEdit.guard },
      bodyLimit: bodyLimitFor(UpdateProcedureSchema),
      schema: {
        tags: ['procedures'],
        summary: 'Withdraw a procedure from the catalogue, or bring it back',
        params: ProcedureCodeParamsSchema,
        body: UpdateProcedureSchema,
        response: { 200: ProcedureDetailSchema, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request) => fastify.procedures.setActive(request.user, toEdit.of(request), request.body.active),
  );

  fastify.post(
    '/:code/versions',
    {
      config: { roles: ACCESS.procedures.edit, guard: toEdit.guard },
      bodyLimit: bodyLimitFor(ProcedureVersionInputSchema),
      schema: {
        tags: ['procedures'],
        summary: 'Add a version with the full legal content; earlier versions stay as they were',
        description:
          '400 process_not_deployed for a processKey the engine does not have, and process_not_owned ' +
          'for one that runs the procedures of an agency outside yours (see POST /api/processes).',
        params: ProcedureCodeParamsSchema,
        body: ProcedureVersionInputSchema,
        response: { 201: ProcedureDetailSchema, ...errorResponses(400, 401, 403, 404, 413, 502, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fastify.procedures.addVersion(request.user, toEdit.of(request), request.body)),
  );

  fastify.post(
    '/:code/versions/:version/form-templates',
    {
      config: { roles: ACCESS.procedures.edit, guard: toEditVersion.guard },
      bodyLimit: bodyLimitFor(UploadFormTemplateSchema),
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
        .send(await fastify.procedures.addFormTemplate(request.user, toEditVersion.of(request), request.body)),
  );

  fastify.get(
    '/:code/versions/:version/form-templates/:id',
    {
      config: { roles: ACCESS.procedures.show, guard: template.guard },
      schema: {
        tags: ['procedures'],
        summary: 'Download a form template',
        params: FormTemplateParamsSchema,
        response: { 200: FileSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => sendFile(reply, template.of(request)),
  );
};

export default procedureRoutes;
