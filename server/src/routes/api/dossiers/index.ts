import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import { bodyLimitFor } from '../../../schemas/body-limit.js';
import {
  AcceptDossierSchema,
  CreateDossierSchema,
  DossierCodeParamsSchema,
  DossierHistorySchema,
  DossierListSchema,
  DossierReplaySchema,
  DossierSchema,
  QueryDossierSchema,
  StatusOverrideSchema,
} from '../../../schemas/dossiers.js';
import { dossierGuard } from './guard.js';

/**
 * /api/dossiers: receive a dossier (with the outcome of the reception check), accept an incomplete
 * one brought back complete, override a status on an authorising document, list and read the
 * dossiers the caller may see, replay a history. A route on one dossier decides, before the body is
 * read, whether the caller may do its action to it (./guard.ts).
 */
const dossierRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const toRead = dossierGuard('read');
  const toWork = dossierGuard('work');
  const toOverride = dossierGuard('override');

  fastify.post(
    '/',
    {
      config: { roles: ACCESS.dossiers.create },
      bodyLimit: bodyLimitFor(CreateDossierSchema),
      schema: {
        tags: ['dossiers'],
        summary: 'Receive a dossier: complete (starts its process), incomplete or refused; every outcome takes a code',
        description:
          'Outcome complete needs every mandatory document of the procedure version in `documents` ' +
          '(400 missing_documents naming them otherwise); incomplete needs `missingItems`, refused ' +
          '`refusalReason`; delivery by post needs `deliveryAddress`. `backEntry` enters a dossier ' +
          'handled by hand during an outage with its original receipt time (flagged, audited). ' +
          'Only complete starts the process: 409 when the procedure’s process is not deployed in the ' +
          'engine, 502 when the engine refuses to start it and 503 when the engine is unreachable; in ' +
          'each case nothing is stored and no code is consumed.',
        body: CreateDossierSchema,
        response: { 201: DossierSchema, ...errorResponses(400, 401, 403, 409, 413, 502, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.dossiers.receive(request.user, request.body)),
  );

  fastify.get(
    '/',
    {
      config: { roles: ACCESS.dossiers.list },
      schema: {
        tags: ['dossiers'],
        summary: 'Dossiers the caller may see (their agency subtree, and transfers to their agency), newest first',
        querystring: QueryDossierSchema,
        response: { 200: DossierListSchema, ...errorResponses(400, 401) },
      },
    },
    async (request) => fastify.dossiers.list(request.user, request.query),
  );

  fastify.get(
    '/:code',
    {
      config: { roles: ACCESS.dossiers.show, guard: toRead.guard },
      schema: {
        tags: ['dossiers'],
        summary: 'One dossier, with its applicant, procedure version, pauses, transfers and timeliness',
        params: DossierCodeParamsSchema,
        response: { 200: DossierSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => fastify.dossiers.view(toRead.of(request)),
  );

  fastify.post(
    '/:code/accept',
    {
      config: { roles: ACCESS.dossiers.accept, guard: toWork.guard },
      bodyLimit: bodyLimitFor(AcceptDossierSchema),
      schema: {
        tags: ['dossiers'],
        summary: 'Accept an incomplete dossier brought back complete: its process and clock start now',
        description:
          'The code stays; receivedAt becomes now and the dossier is pinned to the procedure version ' +
          'applying now. 409 wrong_status when the dossier is not incomplete. Only the agency that ' +
          'received the dossier, or whose procedure it is, accepts it: 403 to the agencies overseeing it.',
        params: DossierCodeParamsSchema,
        body: AcceptDossierSchema,
        response: { 200: DossierSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 502, 503) },
      },
    },
    async (request) => fastify.dossiers.accept(request.user, toWork.of(request), request.body),
  );

  fastify.post(
    '/:code/status-override',
    {
      config: { roles: ACCESS.dossiers.override, guard: toOverride.guard },
      bodyLimit: bodyLimitFor(StatusOverrideSchema),
      schema: {
        tags: ['dossiers'],
        summary: 'Change a dossier’s status outside the normal flow, on an authorising document (Art. 5.3)',
        description:
          'To a final status (withdrawn, refused, returned) the process is cancelled with the document ' +
          'and reason. 400 same_status for the status it already has; 409 final_status when the ' +
          'dossier’s status is final; 409 wrong_status for a non-final status of a dossier without a ' +
          'process (incomplete: accept it instead). Audited: event status_overridden and the audit log. ' +
          'The dossier’s own agencies and the agencies above them record it; a partner agency gets 403.',
        params: DossierCodeParamsSchema,
        body: StatusOverrideSchema,
        response: { 200: DossierSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 502, 503) },
      },
    },
    async (request) => fastify.dossiers.overrideStatus(request.user, toOverride.of(request), request.body),
  );

  fastify.get(
    '/:code/history',
    {
      config: { roles: ACCESS.dossiers.history, guard: toRead.guard },
      schema: {
        tags: ['dossiers'],
        summary: 'The executed steps and the event log of a dossier',
        params: DossierCodeParamsSchema,
        response: { 200: DossierHistorySchema, ...errorResponses(400, 401, 403, 404, 502, 503) },
      },
    },
    async (request) => fastify.history.get(toRead.of(request)),
  );

  fastify.get(
    '/:code/replay',
    {
      config: { roles: ACCESS.dossiers.history, guard: toRead.guard },
      schema: {
        tags: ['dossiers'],
        summary: 'The path of a dossier on the diagram of the exact process version it runs on, step by step',
        description:
          'Same access as the history. Each step: the flow node, when it began and ended, who did it, the ' +
          'outcome chosen, its deadline at the time and whether it was late, and the clock pause or ' +
          'inter-agency transfer it belongs to; built from the engine’s history and the dossier log. ' +
          '409 wrong_status for a dossier whose process never started (incomplete, refused at reception).',
        params: DossierCodeParamsSchema,
        response: { 200: DossierReplaySchema, ...errorResponses(400, 401, 403, 404, 409, 502, 503) },
      },
    },
    async (request) => fastify.replays.get(toRead.of(request)),
  );
};

export default dossierRoutes;
