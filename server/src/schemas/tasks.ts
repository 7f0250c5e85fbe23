import { z } from 'zod';
import {
  QueryTaskSchema as SharedQueryTaskSchema,
  TaskListSchema as SharedTaskListSchema,
  TaskSchema as SharedTaskSchema,
} from '@motcua/common';

/** User tasks of the engine joined with the dossier they belong to (shapes from @motcua/common). */
export { CompleteTaskSchema, type CompleteTask, type QueryTask, type Task, type TaskList } from '@motcua/common';

/** A task as the OpenAPI document names it. */
export const TaskSchema = SharedTaskSchema.meta({ id: 'Task' });

/** The work list's query, each parameter described for the OpenAPI document. */
export const QueryTaskSchema = SharedQueryTaskSchema.extend({
  perPage: SharedQueryTaskSchema.shape.perPage.describe('tasks per page, at most 100'),
  sort: SharedQueryTaskSchema.shape.sort.describe('due: the step’s due date; created: when the task was created'),
  order: SharedQueryTaskSchema.shape.order.describe('ties are ordered by task id in the same direction'),
  procedureCode: SharedQueryTaskSchema.shape.procedureCode.describe('the national code of the dossier’s procedure'),
  dossierCode: SharedQueryTaskSchema.shape.dossierCode.describe(
    'the tasks of the dossiers whose code begins so: a whole code, or e.g. 000.00.17.H41-261206 for a day',
  ),
  timeliness: SharedQueryTaskSchema.shape.timeliness.describe(
    'the dossier’s timeliness now, as the dossier list judges it: not_due, nearly_due, overdue, paused',
  ),
  assignment: SharedQueryTaskSchema.shape.assignment.describe(
    'mine: held by the caller; claimable: held by nobody; absent: both',
  ),
});

/** One page of the work list. */
export const TaskListSchema = SharedTaskListSchema.extend({
  data: z.array(TaskSchema),
  problems: SharedTaskListSchema.shape.problems.describe(
    'process definitions whose steps cannot be read; their tasks are listed without outcomes',
  ),
});

/**
 * The task id of /api/tasks/{id}/…: the engine's ids are at most 64 letters, digits and dashes.
 * Anything else never reaches the engine, whose web server answers a stray `%00` or `../` itself.
 */
export const TaskParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64, { abort: true })
    .regex(/^[A-Za-z0-9-]+$/, 'must be a task id: letters, digits and dashes'),
});
