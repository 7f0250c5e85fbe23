import { z } from 'zod';
import { DOSSIER_STATUSES, TIMELINESS } from '../dossier-status.js';
import { TASK_OUTCOMES } from '../procedures.js';
import { DateTimeSchema } from './date-time.js';

/** User tasks of the engine joined with the dossier they belong to (GET /api/tasks). */

export const TaskSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  taskDefinitionKey: z.string(),
  assignee: z.string().nullable(),
  created: DateTimeSchema,
  /** The step's own deadline, set by the engine from the step budget. */
  due: DateTimeSchema.nullable(),
  /**
   * The outcomes the officer may choose on completing (the step's `outcomes` in the diagram), in the
   * diagram's order; empty when the task is simply completed.
   */
  outcomes: z.array(z.enum(TASK_OUTCOMES)),
  dossierCode: z.string(),
  dossierStatus: z.enum(DOSSIER_STATUSES),
  /** The dossier's appointment. */
  dossierDueAt: DateTimeSchema.nullable(),
  /** The dossier's timeliness now (see DossierSchema.timeliness). */
  timeliness: z.enum(TIMELINESS).nullable(),
  procedureName: z.string(),
  applicantName: z.string(),
});
export type Task = z.infer<typeof TaskSchema>;

export const TaskListSchema = z.object({ data: z.array(TaskSchema) });
export type TaskList = z.infer<typeof TaskListSchema>;
