import { z } from 'zod';
import { TaskSchema as SharedTaskSchema } from '@motcua/common';

/** User tasks of the engine joined with the dossier they belong to (shapes from @motcua/common). */
export { CompleteTaskSchema, type CompleteTask, type Task } from '@motcua/common';

export const TaskSchema = SharedTaskSchema.meta({ id: 'Task' });

export const TaskListSchema = z.object({ data: z.array(TaskSchema) });

export const TaskParamsSchema = z.object({ id: z.string().trim().min(1).max(64) });
