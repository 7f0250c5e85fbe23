import { z } from 'zod';

/** The procedure catalogue (GET /api/procedures): each procedure with the agency that handles it. */

export const ProcedureSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** The legal processing time in working days. */
  processingDays: z.number().int(),
  processKey: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

export const ProcedureListSchema = z.object({ data: z.array(ProcedureSchema) });
export type ProcedureList = z.infer<typeof ProcedureListSchema>;
