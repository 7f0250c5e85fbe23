import { z } from 'zod';
import './common.js';

/** An administrative procedure from the catalogue, with the agency that handles it. */
export const ProcedureSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    processingDays: z.number().int().describe('legal processing time in working days'),
    processKey: z.string(),
    agency: z.object({ code: z.string(), name: z.string() }),
  })
  .meta({ id: 'Procedure' });
export type Procedure = z.infer<typeof ProcedureSchema>;

export const ProcedureListSchema = z.object({ data: z.array(ProcedureSchema) });
