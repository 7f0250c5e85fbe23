import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import {
  ApologyReportSchema,
  AtRiskListSchema,
  PdfSchema,
  PeriodQuerySchema,
  RegisterQuerySchema,
  RegisterSchema,
} from '../../../schemas/reports.js';

/** /api/reports: apologies per agency, the dossiers at risk of being late, the register (Mẫu 06). */
const reportRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/apologies',
    {
      config: { roles: ACCESS.reports.apologies },
      schema: {
        tags: ['reports'],
        summary: 'Apologies drafted, approved and rejected in a period, per agency of the caller’s subtree',
        querystring: PeriodQuerySchema,
        response: { 200: ApologyReportSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => fastify.apologies.report(request.user, request.query),
  );

  fastify.get(
    '/at-risk',
    {
      config: { roles: ACCESS.reports.at_risk },
      schema: {
        tags: ['reports'],
        summary: 'Dossiers flagged at risk of being late whose appointment is still ahead and not yet moved',
        description:
          'A leader sees those of the agency subtree; another officer those whose open task is theirs or ' +
          'offered to their groups. Soonest appointment first.',
        response: { 200: AtRiskListSchema, ...errorResponses(401, 403, 502, 503) },
      },
    },
    async (request) => ({ data: await fastify.apologies.atRisk(request.user) }),
  );

  fastify.get(
    '/register',
    {
      config: { roles: ACCESS.reports.register },
      schema: {
        tags: ['reports'],
        summary: 'The tracking register (Mẫu 06) of an agency and the agencies below it, for a period',
        querystring: RegisterQuerySchema,
        response: { 200: RegisterSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => fastify.registers.get(request.user, request.query),
  );

  fastify.get(
    '/register.pdf',
    {
      config: { roles: ACCESS.reports.register },
      schema: {
        tags: ['reports'],
        summary: 'The tracking register (Mẫu 06) as PDF (A4)',
        querystring: RegisterQuerySchema,
        produces: ['application/pdf'],
        response: { 200: PdfSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rendered = await fastify.registers.pdf(request.user, request.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${rendered.fileName}"`)
        .send(rendered.content);
    },
  );
};

export default reportRoutes;
