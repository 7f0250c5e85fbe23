import { z } from 'zod';
import {
  ApologySchema as SharedApologySchema,
  ApproveApologySchema,
  CreateApologySchema as SharedCreateApologySchema,
  QueryApologySchema,
  RejectApologySchema,
} from '@motcua/common';
import { UuidSchema } from './common.js';

/** Apologies with a new appointment (Mẫu 04): shapes from @motcua/common. */
export { ApproveApologySchema, QueryApologySchema, RejectApologySchema };
export type { Apology, CreateApology, DossierApologies } from '@motcua/common';

export const CreateApologySchema = SharedCreateApologySchema.extend({
  newDueAt: SharedCreateApologySchema.shape.newDueAt.describe(
    'the new appointment: later than the current one, on a working day, inside office hours (07:30–17:00, Vietnam)',
  ),
});

export const ApologySchema = SharedApologySchema.meta({ id: 'Apology' });

export const ApologyListSchema = z.object({ data: z.array(ApologySchema) });

export const DossierApologiesSchema = ApologyListSchema.extend({
  mayDraft: z.boolean().describe('whether the caller may draft an apology for this dossier now'),
});

export const ApologyParamsSchema = z.object({ id: UuidSchema.check(z.uuid('must be an apology id')) });
