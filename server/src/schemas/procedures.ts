import { z } from 'zod';
import {
  CreateProcedureSchema as SharedCreateProcedureSchema,
  FormTemplateSchema as SharedFormTemplateSchema,
  ProcedureCodeSchema,
  ProcedureDetailSchema as SharedProcedureDetailSchema,
  ProcedureSchema as SharedProcedureSchema,
  ProcedureVersionInputSchema as SharedProcedureVersionInputSchema,
  PublicProcedureSchema as SharedPublicProcedureSchema,
  UploadFormTemplateSchema as SharedUploadFormTemplateSchema,
} from '@motcua/common';
import { POSTGRES_INT_MAX, UuidSchema } from './common.js';

/** The procedure catalogue, its versions and form templates (shapes from @motcua/common). */
export {
  QueryProcedureSchema,
  QueryPublicProcedureSchema,
  UpdateProcedureSchema,
  type Procedure,
  type ProcedureDetail,
  type PublicProcedure,
} from '@motcua/common';

export const FormTemplateSchema = SharedFormTemplateSchema.meta({ id: 'FormTemplate' });

export const ProcedureSchema = SharedProcedureSchema.extend({
  processingDays: SharedProcedureSchema.shape.processingDays.describe(
    'legal processing time in working days (0 = the same working day)',
  ),
  version: SharedProcedureSchema.shape.version.describe('the version in effect now'),
  latestVersion: SharedProcedureSchema.shape.latestVersion.describe('the newest version, maybe not in effect yet'),
}).meta({ id: 'Procedure' });

export const ProcedureListSchema = z.object({ data: z.array(ProcedureSchema) });

export const ProcedureDetailSchema = SharedProcedureDetailSchema.meta({ id: 'ProcedureDetail' });

export const ProcedureVersionInputSchema = SharedProcedureVersionInputSchema.extend({
  effectiveFrom: SharedProcedureVersionInputSchema.shape.effectiveFrom.describe(
    'when the version applies from, with its offset, e.g. 2025-07-01T00:00:00+07:00',
  ),
}).meta({ id: 'ProcedureVersionInput' });

export const CreateProcedureSchema = SharedCreateProcedureSchema.meta({ id: 'CreateProcedure' });

export const UploadFormTemplateSchema = SharedUploadFormTemplateSchema.extend({
  contentBase64: SharedUploadFormTemplateSchema.shape.contentBase64.describe('the file, base64, at most 5 MiB decoded'),
});

export const PublicProcedureSchema = SharedPublicProcedureSchema.meta({ id: 'PublicProcedure' });
export const PublicProcedureListSchema = z.object({ data: z.array(PublicProcedureSchema) });

export const ProcedureCodeParamsSchema = z.object({ code: ProcedureCodeSchema });
export const ProcedureVersionParamsSchema = ProcedureCodeParamsSchema.extend({
  /** Versions are numbered 1, 2, … in a PostgreSQL integer column: a larger number names none. */
  version: z.coerce.number().int().min(1).max(POSTGRES_INT_MAX),
});
const FormTemplateIdSchema = UuidSchema.check(z.uuid('must be a form template id'));
export const FormTemplateParamsSchema = ProcedureVersionParamsSchema.extend({ id: FormTemplateIdSchema });
export const PublicFormTemplateParamsSchema = ProcedureCodeParamsSchema.extend({ id: FormTemplateIdSchema });

/** A downloaded file: its bytes, described by Content-Type and Content-Disposition. */
export const FileSchema = z.any().describe('the file');
