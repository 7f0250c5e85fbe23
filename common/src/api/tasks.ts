import { z } from 'zod';
import { DateTimeSchema } from './date-time.js';

/** User tasks of the engine joined with the dossier they belong to (GET /api/tasks). */

export const TaskSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  taskDefinitionKey: z.string(),
  assignee: z.string().nullable(),
  created: DateTimeSchema,
  due: DateTimeSchema.nullable(),
  dossierCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
});
export type Task = z.infer<typeof TaskSchema>;

export const TaskListSchema = z.object({ data: z.array(TaskSchema) });
export type TaskList = z.infer<typeof TaskListSchema>;
