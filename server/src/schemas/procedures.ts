import { z } from 'zod';
import { ProcedureSchema as SharedProcedureSchema } from '@motcua/common';

/** An administrative procedure from the catalogue, with the agency that handles it (shape from @motcua/common). */
export type { Procedure } from '@motcua/common';

export const ProcedureSchema = SharedProcedureSchema.extend({
  processingDays: SharedProcedureSchema.shape.processingDays.describe('legal processing time in working days'),
}).meta({ id: 'Procedure' });

export const ProcedureListSchema = z.object({ data: z.array(ProcedureSchema) });
