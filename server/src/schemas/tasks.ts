import { z } from 'zod';
import { DateTimeSchema } from './common.js';

/** User tasks of the engine joined with the dossier they belong to. */
export { CompleteTaskSchema, type CompleteTask } from '@motcua/common';

export const TaskSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    taskDefinitionKey: z.string(),
    assignee: z.string().nullable(),
    created: DateTimeSchema,
    due: DateTimeSchema.nullable(),
    dossierCode: z.string(),
    procedureName: z.string(),
    applicantName: z.string(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof TaskSchema>;

export const TaskListSchema = z.object({ data: z.array(TaskSchema) });

export const TaskParamsSchema = z.object({ id: z.string().trim().min(1).max(64) });
