import { z } from 'zod';
import { DOSSIER_STATUSES, type Timeliness } from '../dossier-status.js';
import { ROLES } from '../roles.js';
import { DateTimeSchema } from './date-time.js';

/**
 * The leader's dashboard (GET /api/reports/dashboard): what the leader's agency and the agencies
 * below it have on hand now and how the last weeks or months went. Nothing is counted here: the
 * dossiers on hand are those the dossier list shows the leader, judged by the list's timeliness rule;
 * the open tasks are the work list's projection; the trend is the statistics of Biểu 06 by period.
 */

/** The timeliness of dossiers still open, counted on the dashboard (the finished ones are in the trend). */
export const OPEN_TIMELINESS = ['not_due', 'nearly_due', 'overdue', 'paused'] as const satisfies readonly Timeliness[];
export type OpenTimeliness = (typeof OPEN_TIMELINESS)[number];

/** The trend's periods: calendar weeks (Monday to Sunday) or months. */
export const DASHBOARD_INTERVALS = ['week', 'month'] as const;
export type DashboardInterval = (typeof DASHBOARD_INTERVALS)[number];

/** The most dossiers one page of the nearly-due or overdue list holds. */
export const DASHBOARD_MAX_PER_PAGE = 50;
/** The longest trend: two years of months. */
export const DASHBOARD_MAX_PERIODS = 24;

const PageNumberSchema = z.coerce.number().int().min(1).max(100_000).default(1);

/** GET /api/reports/dashboard. */
export const DashboardQuerySchema = z.object({
  /** The page of the nearly-due list. */
  nearlyDuePage: PageNumberSchema,
  /** The page of the overdue list. */
  overduePage: PageNumberSchema,
  /** Dossiers per page of both lists. */
  perPage: z.coerce.number().int().min(1).max(DASHBOARD_MAX_PER_PAGE).default(5),
  interval: z.enum(DASHBOARD_INTERVALS).default('month'),
  /** How many weeks or months the trend shows, the current one included. */
  periods: z.coerce.number().int().min(2).max(DASHBOARD_MAX_PERIODS).default(6),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

const AgencyRefSchema = z.object({ code: z.string(), name: z.string() });

/** One dossier of the nearly-due or overdue list. */
export const DashboardDossierSchema = z.object({
  code: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  applicantName: z.string(),
  procedureName: z.string(),
  /** The agency that resolves it (its procedure's). */
  agency: AgencyRefSchema,
  /** The current appointment. */
  dueAt: DateTimeSchema,
  /** The full names of the officers holding its open tasks; empty while they wait in a queue. */
  handlers: z.array(z.string()),
});
export type DashboardDossier = z.infer<typeof DashboardDossierSchema>;

export const DashboardDossierPageSchema = z.object({
  data: z.array(DashboardDossierSchema),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
});
export type DashboardDossierPage = z.infer<typeof DashboardDossierPageSchema>;

/** One officer's open tasks, as the work list counts them. */
export const WorkloadRowSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  agency: AgencyRefSchema,
  roles: z.array(z.enum(ROLES)),
  /** Open tasks the officer holds. */
  assigned: z.number().int(),
  /** Of those, the tasks past the step's due date. */
  assignedOverdue: z.number().int(),
  /** Open tasks nobody holds, offered to one of the officer's groups. */
  claimable: z.number().int(),
});
export type WorkloadRow = z.infer<typeof WorkloadRowSchema>;

/** One week or month of the trend, its figures those of the statistics (docs/legal.md §5.1). */
export const TrendRowSchema = z.object({
  label: z.string(),
  from: z.string(),
  to: z.string(),
  /** Received in the period, by every channel (Biểu 06: online + at the counter + by post). */
  received: z.number().int(),
  handled: z.number().int(),
  handledEarly: z.number().int(),
  handledOnTime: z.number().int(),
  handledLate: z.number().int(),
});
export type TrendRow = z.infer<typeof TrendRowSchema>;

export const DashboardSchema = z.object({
  agency: AgencyRefSchema,
  /** The instant the open dossiers were judged at. */
  at: DateTimeSchema,
  /** Open dossiers whose appointment is at or before this instant are nearly due. */
  nearlyDueUntil: DateTimeSchema,
  /** Every status, with the number of dossiers the caller sees in it. */
  statuses: z.array(z.object({ status: z.enum(DOSSIER_STATUSES), count: z.number().int() })),
  /** Open dossiers by timeliness, as the dossier list's filter counts them. */
  timeliness: z.object(
    Object.fromEntries(OPEN_TIMELINESS.map((timeliness) => [timeliness, z.number().int()])) as Record<
      OpenTimeliness,
      z.ZodNumber
    >,
  ),
  nearlyDue: DashboardDossierPageSchema,
  overdue: DashboardDossierPageSchema,
  /** Every active officer of a handling role in the subtree, busiest first. */
  workload: z.array(WorkloadRowSchema),
  trend: z.object({
    interval: z.enum(DASHBOARD_INTERVALS),
    from: z.string(),
    to: z.string(),
    rows: z.array(TrendRowSchema),
    /** Decision 766 on-time rate over the whole trend (statistics' onTimeRate); null when nothing was received. */
    onTimeRate: z.number().nullable(),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
