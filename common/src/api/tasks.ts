import { z } from 'zod';
import { DOSSIER_STATUSES, TIMELINESS, type Timeliness } from '../dossier-status.js';
import { TASK_OUTCOMES } from '../procedures.js';
import { DateTimeSchema } from './date-time.js';
import { formattedString } from './errors.js';
import { ProcedureCodeSchema } from './procedures.js';

/** A user task of the engine joined with the dossier it belongs to: one row of GET /api/tasks. */
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
   * diagram's order; empty when the task is simply completed, or when its diagram cannot be read
   * (the list's `problems` then names the definition).
   */
  outcomes: z.array(z.enum(TASK_OUTCOMES)),
  dossierCode: z.string(),
  dossierStatus: z.enum(DOSSIER_STATUSES),
  /** The dossier's appointment. */
  dossierDueAt: DateTimeSchema.nullable(),
  /** The dossier's timeliness now (see DossierSchema.timeliness). */
  timeliness: z.enum(TIMELINESS).nullable(),
  /** The national code of the dossier's procedure (the work list's `procedureCode` filter). */
  procedureCode: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
});
export type Task = z.infer<typeof TaskSchema>;

/** The timeliness values a work list filters by: those of an open dossier, the only ones with open tasks to act on. */
export const TASK_TIMELINESS = ['not_due', 'nearly_due', 'overdue', 'paused'] as const satisfies readonly Timeliness[];
export type TaskTimeliness = (typeof TASK_TIMELINESS)[number];

/** Orders of the work list: by the step's due date, or by when the task was created. */
export const TASK_SORTS = ['due', 'created'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** `mine`: tasks the caller holds; `claimable`: tasks nobody holds that the caller's groups may take. */
export const TASK_ASSIGNMENTS = ['mine', 'claimable'] as const;
export type TaskAssignment = (typeof TASK_ASSIGNMENTS)[number];

/** The most tasks one page of the work list holds. */
export const MAX_TASKS_PER_PAGE = 100;

/**
 * A dossier code or its beginning, e.g. 000.00.17.H41-261206 for the dossiers an agency received on
 * 6 December 2026 (codes are `<agency code>-<YYMMDD>-<sequence>`); no whole code begins another.
 */
export const DossierCodePrefixSchema = formattedString(
  'dossier_code',
  60,
  /^[0-9A-Za-z.-]+$/,
  'is not a dossier code or the beginning of one, such as 000.00.17.H41-261206',
).transform((code) => code.toUpperCase());

/**
 * GET /api/tasks: one page of the caller's work list, sorted and filtered by the engine. Without
 * `assignment`, the list holds both the caller's tasks and the claimable ones.
 */
export const QueryTaskSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(MAX_TASKS_PER_PAGE).default(25),
  sort: z.enum(TASK_SORTS).default('due'),
  order: z.enum(['asc', 'desc']).default('asc'),
  procedureCode: ProcedureCodeSchema.optional(),
  dossierCode: DossierCodePrefixSchema.optional(),
  timeliness: z.enum(TASK_TIMELINESS).optional(),
  assignment: z.enum(TASK_ASSIGNMENTS).optional(),
});
export type QueryTask = z.infer<typeof QueryTaskSchema>;

/** A process definition whose steps could not be read: its tasks are listed without their outcomes. */
export const TaskListProblemSchema = z.object({
  processDefinitionId: z.string(),
  message: z.string(),
  /** The tasks of this page that run on the definition. */
  taskIds: z.array(z.string()),
});
export type TaskListProblem = z.infer<typeof TaskListProblemSchema>;

/**
 * The work list's total is counted up to this many tasks and answered as one more beyond it: "more
 * than 1 000", 40 pages of 25. The exact count of a busy district's 7 000 tasks was about 70 % of the
 * list's database time at a province's scale (docs/benchmarks.md); past the cap the pages go on.
 */
export const TASK_LIST_TOTAL_CAP = 1_000;

/** One page of the work list (GET /api/tasks). */
export const TaskListSchema = z.object({
  data: z.array(TaskSchema),
  total: z
    .number()
    .int()
    .describe(
      `The number of tasks matching the query over all pages, counted up to ${TASK_LIST_TOTAL_CAP}; ${TASK_LIST_TOTAL_CAP + 1} means more than that.`,
    ),
  page: z.number().int(),
  perPage: z.number().int(),
  problems: z.array(TaskListProblemSchema),
});
export type TaskList = z.infer<typeof TaskListSchema>;
