import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../schemas/common.js';
import {
  ApologyReportSchema,
  AtRiskListSchema,
  DashboardQuerySchema,
  DashboardSchema,
  Index766QuerySchema,
  Index766Schema,
  PdfSchema,
  PeriodQuerySchema,
  RegisterQuerySchema,
  RegisterSchema,
  StatisticsDossierPageSchema,
  StatisticsDossiersQuerySchema,
  StatisticsQuerySchema,
  StatisticsSchema,
  XlsxSchema,
} from '../../../schemas/reports.js';
import { formIssuer } from '../../../services/forms-service.js';
import { HEAVY_REPORT_WAIT_MS } from '../../../services/heavy-report-limit.js';
import { statisticsWorkbook } from '../../../services/statistics-workbook.js';
import { renderStatisticsReport } from '../../../forms/statistics-report.js';
import { SatisfactionQuerySchema, SatisfactionReportSchema } from '../../../schemas/satisfaction.js';

/**
 * /api/reports: apologies per agency, the dossiers at risk of being late, satisfaction, the register
 * (Mẫu 06), the statistics (Biểu 06), the Decision 766 index and the leader's dashboard.
 */
const reportRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const HEAVY =
    'A heavy report: at most `HEAVY_REPORTS_AT_ONCE` of them are computed at once. Beyond that one waits ' +
    `up to ${HEAVY_REPORT_WAIT_MS / 1000} s for its turn; then, or when too many already wait, it answers 503 ` +
    'with Retry-After rather than hold a database connection the other requests need.';

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
          `offered to their groups. Soonest appointment first. ${HEAVY}`,
        response: { 200: AtRiskListSchema, ...errorResponses(401, 403, 502, 503) },
      },
    },
    async (request) => ({ data: await fastify.apologies.atRisk(request.user) }),
  );

  fastify.get(
    '/satisfaction',
    {
      config: { roles: ACCESS.reports.satisfaction },
      schema: {
        tags: ['reports'],
        summary: 'Citizens’ satisfaction ratings per agency and per officer, for a period (docs/legal.md §7)',
        description:
          'The agency (`agencyCode`, the caller’s by default) must be the caller’s or one below it (403 ' +
          'otherwise); its subtree is reported. Percentages are count ÷ ratings × 100.',
        querystring: SatisfactionQuerySchema,
        response: { 200: SatisfactionReportSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => fastify.satisfaction.report(request.user, request.query),
  );

  fastify.get(
    '/register',
    {
      config: { roles: ACCESS.reports.register },
      schema: {
        tags: ['reports'],
        summary: 'The tracking register (Mẫu 06) of an agency and the agencies below it, for a period',
        description: HEAVY,
        querystring: RegisterQuerySchema,
        response: { 200: RegisterSchema, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      // the Register's JSON, written by PostgreSQL (registers.json): a Buffer is sent as it is, not
      // serialized again, so the schema's type does not apply
      const register = await fastify.registers.json(request.user, request.query);
      return reply.type('application/json; charset=utf-8').send(register as never);
    },
  );

  fastify.get(
    '/register.pdf',
    {
      config: { roles: ACCESS.reports.register },
      schema: {
        tags: ['reports'],
        summary: 'The tracking register (Mẫu 06) as PDF (A4)',
        description: HEAVY,
        querystring: RegisterQuerySchema,
        produces: ['application/pdf'],
        response: { 200: PdfSchema, ...errorResponses(400, 401, 403, 503) },
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

  const STATISTICS_SCOPE =
    'Counted over the subtree of `agencyCode` (the caller’s agency when absent), which must be the ' +
    'caller’s agency or one below it (403 otherwise). Each figure is defined once (docs/legal.md §5.1); ' +
    `the screen, the .xlsx and the .pdf show the same numbers. ${HEAVY}`;

  fastify.get(
    '/statistics',
    {
      config: { roles: ACCESS.reports.statistics },
      schema: {
        tags: ['reports'],
        summary: 'Processing statistics (Biểu 06): received, handled early / on time / late, in progress, per group',
        description: STATISTICS_SCOPE,
        querystring: StatisticsQuerySchema,
        response: { 200: StatisticsSchema, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => fastify.statistics.get(request.user, request.query),
  );

  fastify.get(
    '/statistics/dossiers',
    {
      config: { roles: ACCESS.reports.statistics },
      schema: {
        tags: ['reports'],
        summary: 'The dossiers one figure of the statistics counts, one page of them, in the order received',
        description: `${STATISTICS_SCOPE} With groupBy and key, only those of one row (key \`-\`: the row without one).`,
        querystring: StatisticsDossiersQuerySchema,
        response: { 200: StatisticsDossierPageSchema, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => fastify.statistics.dossiers(request.user, request.query),
  );

  /** The two exports of the same statistics: the file each format renders, and how it is served. */
  const EXPORTS = {
    xlsx: {
      summary: 'The processing statistics as an Excel workbook, with the same query',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: 'attachment',
      schema: XlsxSchema,
      render: (computed: Awaited<ReturnType<typeof fastify.statistics.compute>>, at: Date) =>
        statisticsWorkbook(computed.statistics, at),
    },
    pdf: {
      summary: 'The processing statistics as an A4 PDF laid out like Biểu 06, with the same query',
      mediaType: 'application/pdf',
      disposition: 'inline',
      schema: PdfSchema,
      render: (computed: Awaited<ReturnType<typeof fastify.statistics.compute>>, at: Date) =>
        renderStatisticsReport(computed.statistics, formIssuer(computed.issuer), at),
    },
  } as const;

  for (const [format, file] of Object.entries(EXPORTS)) {
    fastify.get(
      `/statistics.${format}`,
      {
        config: { roles: ACCESS.reports.statistics },
        schema: {
          tags: ['reports'],
          summary: file.summary,
          description: STATISTICS_SCOPE,
          querystring: StatisticsQuerySchema,
          produces: [file.mediaType],
          response: { 200: file.schema, ...errorResponses(400, 401, 403, 503) },
        },
      },
      async (request, reply) => {
        const computed = await fastify.statistics.compute(request.user, request.query);
        const { agency, from, to } = computed.statistics;
        return reply
          .header('content-type', file.mediaType)
          .header(
            'content-disposition',
            `${file.disposition}; filename="thong-ke-${agency.code}-${from}-${to}.${format}"`,
          )
          .send(await file.render(computed, new Date()));
      },
    );
  }

  fastify.get(
    '/dashboard',
    {
      config: { roles: ACCESS.dashboard.list },
      schema: {
        tags: ['reports'],
        summary:
          'The leader’s dashboard: dossiers on hand by status and timeliness, nearly due and overdue, workload, trend',
        description:
          'Of the caller’s agency and the agencies below it. The dossiers are those the dossier list shows the ' +
          'caller, counted by status and by the list’s timeliness (`GET /api/dossiers?timeliness=` gives the same ' +
          'dossiers); `nearlyDue` and `overdue` are one page each (`nearlyDuePage`, `overduePage`, `perPage`), soonest ' +
          'appointment first. `workload` counts, per active receptionist, specialist and leader of the subtree, the ' +
          'open tasks they hold (`assignedOverdue`: past the step’s due date) and those nobody holds offered to their ' +
          'groups. `trend` is the statistics (`GET /api/reports/statistics?groupBy=period`) of the last `periods` ' +
          `weeks or months (\`interval\`), the current one included. ${HEAVY}`,
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => fastify.dashboard.get(request.user, request.query),
  );

  fastify.get(
    '/index-766',
    {
      config: { roles: ACCESS.reports.statistics },
      schema: {
        tags: ['reports'],
        summary: 'The Decision 766 service index, live, per agency: what our data gives, and what needs outside data',
        description:
          `${STATISTICS_SCOPE} One entry for the subtree as a whole, then one per agency directly below it. ` +
          'Indicators that need data the system does not hold are listed as needs_outside_data, without value or points.',
        querystring: Index766QuerySchema,
        response: { 200: Index766Schema, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => fastify.index766.get(request.user, request.query),
  );
};

export default reportRoutes;
