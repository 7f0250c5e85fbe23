import { ACCESS, MIGRATION_BATCH_MAX } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import {
  DeployedProcessSchema,
  DeployProcessSchema,
  DiagramValidationSchema,
  MigrateDossiersSchema,
  MigrationPreviewRequestSchema,
  MigrationPreviewSchema,
  MigrationResultSchema,
  ProcessDraftAnswerSchema,
  ProcessKeyParamsSchema,
  ProcessVersionParamsSchema,
  ProcessVersionsSchema,
  ProcessVersionXmlSchema,
  ProcessXmlSchema,
  SaveProcessDraftSchema,
  ValidateDiagramSchema,
} from '../../../schemas/processes.js';
import { pathGuard } from '../guard.js';

/**
 * /api/processes (admin only): deploy a BPMN diagram, read the latest deployed diagram of a process,
 * and the designer's records of a key: its draft, its versions with who deployed each and the
 * dossiers running on it, and the diagram of any version. All are scoped by who owns the process key
 * (see ../../../services/process-service.ts): deploying another agency's key answers 403 (the key is
 * in the body, so after validation); on the routes with the key in the path the guard decides before
 * anything else, 404 for a key the caller may not read and 403 for one they read but may not edit.
 * Moving the running dossiers of an older version onto a newer one needs the right to deploy the key,
 * decided by the same guard before the body is read.
 */
const processRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const toRead = pathGuard(ProcessKeyParamsSchema, (request, { key }) =>
    fastify.processes.authorizeRead(request.user, key),
  );
  const toEdit = pathGuard(ProcessKeyParamsSchema, (request, { key }) =>
    fastify.processes.authorizeEdit(request.user, key),
  );

  fastify.post(
    '/',
    {
      config: { roles: ACCESS.processes.edit },
      bodyLimit: bodyLimitFor(DeployProcessSchema),
      schema: {
        tags: ['processes'],
        summary: 'Deploy a BPMN diagram with exactly one executable process',
        description: 'The comment is kept with the version, as is who deployed it; the key’s draft is removed.',
        body: DeployProcessSchema,
        response: { 201: DeployedProcessSchema, ...errorResponses(400, 401, 403, 413, 502, 503) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fastify.processes.deploy(request.user, request.body.xml, request.body.comment)),
  );

  fastify.post(
    '/validate',
    {
      config: { roles: ACCESS.processes.edit },
      bodyLimit: bodyLimitFor(ValidateDiagramSchema),
      schema: {
        tags: ['processes'],
        summary: 'Check a BPMN diagram against the rules deployment enforces, without deploying it',
        description:
          'Answers every problem to fix, each with the element, the rule (motcua/… for the diagram lint, policy/… for what would run code, document for the whole document) and a Vietnamese sentence; none means deployment accepts it.',
        body: ValidateDiagramSchema,
        response: { 200: DiagramValidationSchema, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request) => fastify.diagrams.validate(request.user, request.body.xml),
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

  fastify.get(
    '/:key/versions',
    {
      config: { roles: ACCESS.processes.edit, guard: toRead.guard },
      schema: {
        tags: ['processes'],
        summary: 'The deployed versions of a process: who deployed each, when, why, and its running dossiers',
        description: 'Newest first; an empty list for a key never deployed. 404 as for the XML.',
        params: ProcessKeyParamsSchema,
        response: { 200: ProcessVersionsSchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request) => fastify.processes.versions(toRead.of(request)),
  );

  fastify.get(
    '/:key/versions/:version/xml',
    {
      config: { roles: ACCESS.processes.edit, guard: toRead.guard },
      schema: {
        tags: ['processes'],
        summary: 'The BPMN XML of one deployed version of a process',
        params: ProcessVersionParamsSchema,
        response: { 200: ProcessVersionXmlSchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request) => fastify.processes.versionXml(toRead.of(request), request.params.version),
  );

  fastify.get(
    '/:key/draft',
    {
      config: { roles: ACCESS.processes.edit, guard: toEdit.guard },
      schema: {
        tags: ['processes'],
        summary: 'The draft of a process saved without deploying, or null',
        params: ProcessKeyParamsSchema,
        response: { 200: ProcessDraftAnswerSchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request) => fastify.processes.draftOf(toEdit.of(request)),
  );

  fastify.put(
    '/:key/draft',
    {
      config: { roles: ACCESS.processes.edit, guard: toEdit.guard },
      bodyLimit: bodyLimitFor(SaveProcessDraftSchema),
      schema: {
        tags: ['processes'],
        summary: 'Save the draft of a process without deploying it',
        description:
          'The diagram must be BPMN whose one executable process has the id `key`; it replaces the key’s draft. ' +
          'A key nobody owns is claimed for your agency.',
        params: ProcessKeyParamsSchema,
        body: SaveProcessDraftSchema,
        response: { 200: ProcessDraftAnswerSchema, ...errorResponses(400, 401, 403, 404, 413, 502, 503) },
      },
    },
    async (request) => fastify.processes.saveDraft(request.user, toEdit.of(request), request.body),
  );
  fastify.post(
    '/:key/migrations/preview',
    {
      config: { roles: ACCESS.processes.edit, guard: toEdit.guard },
      bodyLimit: bodyLimitFor(MigrationPreviewRequestSchema),
      schema: {
        tags: ['processes'],
        summary: 'Which running dossiers of an older version can move to a newer version, and why the others cannot',
        description:
          'The engine’s migration plan between the two versions (the newest when targetVersion is left out), validated: ' +
          'per activity of the older version that does not carry over, why, in Vietnamese; per running dossier ' +
          `(the oldest ${MIGRATION_BATCH_MAX}), where it waits and whether it can move. Nothing changes. ` +
          '404 for a key you may not read, 403 for one you may not deploy, before the body is read.',
        params: ProcessKeyParamsSchema,
        body: MigrationPreviewRequestSchema,
        response: { 200: MigrationPreviewSchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request) => fastify.processes.previewMigration(toEdit.of(request), request.body),
  );

  fastify.post(
    '/:key/migrations',
    {
      config: { roles: ACCESS.processes.edit, guard: toEdit.guard },
      bodyLimit: bodyLimitFor(MigrateDossiersSchema),
      schema: {
        tags: ['processes'],
        summary: 'Move confirmed running dossiers of an older version to a newer version',
        description:
          `At most ${MIGRATION_BATCH_MAX} dossiers, in one synchronous migration by the engine: all move or none. ` +
          'Each must still be able to move as the preview shows (409 otherwise: preview again). ' +
          'Each moved dossier records the change in its log (process_migrated); the move is audited.',
        params: ProcessKeyParamsSchema,
        body: MigrateDossiersSchema,
        response: { 200: MigrationResultSchema, ...errorResponses(400, 401, 403, 404, 409, 502, 503) },
      },
    },
    async (request) => fastify.processes.migrate(request.user, toEdit.of(request), request.body),
  );
};

export default processRoutes;
