import { ACCESS } from '@motcua/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DossierCodeSchema } from '@motcua/common';
import { errorResponses } from '../../../../schemas/common.js';
import { ControlSheetSchema, PdfSchema } from '../../../../schemas/reports.js';
import { FORM_NAMES, type FormName } from '../../../../services/forms-service.js';
import { dossierGuard } from '../guard.js';

const FORM_FILES = FORM_NAMES.map((name) => `${name}.pdf` as const);

const FormParamsSchema = z.object({
  code: DossierCodeSchema,
  file: z
    .enum(FORM_FILES)
    .describe('the form: receipt, supplement-request, refusal, apology or control-sheet, with .pdf'),
});

/**
 * /api/dossiers/{code}/forms/{form}.pdf: the standard forms of a dossier (Mẫu 01–05) as PDF, for the
 * officers and auditors of the agencies that may see the dossier; and the control sheet as data.
 * Registered with the prefix /dossiers.
 */
const dossierFormRoutes: FastifyPluginAsyncZod = async (fastify) => {
  const toRead = dossierGuard('read');

  fastify.get(
    '/:code/forms/:file',
    {
      config: { roles: ACCESS.dossiers.forms, guard: toRead.guard },
      schema: {
        tags: ['forms'],
        summary: 'A standard form of the dossier, as PDF (A5)',
        description:
          'receipt (Mẫu 01) once received complete; supplement-request (Mẫu 02) for the latest supplement ' +
          'request, at reception or during processing; refusal (Mẫu 03) when refused; apology (Mẫu 04) for ' +
          'the latest approved apology; control-sheet (Mẫu 05) once processing started. 404 names why a ' +
          'form does not apply; 409 while the appointment of a received dossier is being computed.',
        params: FormParamsSchema,
        produces: ['application/pdf'],
        response: { 200: PdfSchema, ...errorResponses(400, 401, 403, 404, 409, 502, 503) },
      },
    },
    async (request, reply) => {
      const form = request.params.file.slice(0, -'.pdf'.length) as FormName;
      const rendered = await fastify.forms.render(toRead.of(request), form);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${rendered.fileName}"`)
        .send(rendered.content);
    },
  );

  fastify.get(
    '/:code/control-sheet',
    {
      config: { roles: ACCESS.dossiers.forms, guard: toRead.guard },
      schema: {
        tags: ['forms'],
        summary: 'The process control sheet (Mẫu 05) as data: every handover with its result',
        params: z.object({ code: DossierCodeSchema }),
        response: { 200: ControlSheetSchema, ...errorResponses(400, 401, 404, 502, 503) },
      },
    },
    async (request) => fastify.forms.controlSheet(toRead.of(request)),
  );
};

export default dossierFormRoutes;
