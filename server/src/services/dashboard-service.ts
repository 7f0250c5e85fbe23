import {
  candidateGroupsOf,
  DOSSIER_STATUSES,
  OPEN_TIMELINESS,
  type BaseFigure,
  type Dashboard,
  type DashboardDossierPage,
  type DashboardInterval,
  type DashboardQuery,
  type FigureCounts,
} from '@motcua/common';
import { formatLocalDate, parseLocalDate, toVietnamDate, weekdayOf } from '@motcua/common/calendar';
import type { DossierAccess } from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { DashboardRepository } from '../repositories/dashboard-repository.js';
import type { TimelinessBounds } from '../repositories/dossier-repository.js';
import type { TaskRepository } from '../repositories/task-repository.js';
import type { TimelinessSource } from './dossier-service.js';
import type { StatisticsService } from './statistics-service.js';

/**
 * The leader's dashboard: what the caller's agency and those below it have on hand, nearly due and
 * overdue, who holds the open tasks, and the last weeks or months of the statistics. It counts
 * nothing itself: the dossiers on hand are read under the dossier list's access rule and judged by its
 * timeliness rule (dashboard-repository.ts), the open tasks are the work list's projection
 * (task-repository.ts), and the trend is the statistics service's figures by period.
 */

/** Biểu 06's receipts in a period, whatever the channel (the carried-over dossiers are not new). */
const RECEIVED_IN_PERIOD: readonly BaseFigure[] = ['receivedOnline', 'receivedCounter', 'receivedPost'];

/** The first day of the trend: the Monday `periods - 1` weeks back, or the first of the month `periods - 1` months back. */
export function trendStart(today: string, interval: DashboardInterval, periods: number): string {
  if (interval === 'week') {
    const day = parseLocalDate(today);
    const monday = day - ((weekdayOf(day) + 6) % 7);
    return formatLocalDate(monday - 7 * (periods - 1));
  }
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - (periods - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function receivedIn(figures: FigureCounts): number {
  return RECEIVED_IN_PERIOD.reduce((sum, figure) => sum + figures[figure], 0);
}

export function createDashboardService(deps: {
  dashboard: DashboardRepository;
  tasks: TaskRepository;
  statistics: StatisticsService;
  timeliness: TimelinessSource;
  accessOf: (caller: TokenPayload) => Promise<DossierAccess>;
}) {
  const { dashboard, tasks, statistics } = deps;

  async function duePage(
    access: DossierAccess,
    timeliness: 'nearly_due' | 'overdue',
    bounds: TimelinessBounds,
    page: number,
    perPage: number,
  ): Promise<DashboardDossierPage> {
    const { rows, total } = await dashboard.dueDossiers(access, timeliness, bounds, {
      offset: (page - 1) * perPage,
      limit: perPage,
    });
    return {
      total,
      page,
      perPage,
      data: rows.map((row) => ({
        code: row.code,
        status: row.status,
        applicantName: row.applicantName,
        procedureName: row.procedureName,
        agency: { code: row.agencyCode, name: row.agencyName },
        dueAt: row.dueAt.toISOString(),
        handlers: row.handlers,
      })),
    };
  }

  async function workload(access: DossierAccess, now: Date): Promise<Dashboard['workload']> {
    const officers = await dashboard.officers(access.agencyIds);
    const counts = await tasks.workload(
      access,
      officers.map((officer) => ({
        username: officer.username,
        groups: candidateGroupsOf(officer.roles, officer.agencyCode),
      })),
      now,
    );
    const byUsername = new Map(counts.map((count) => [count.username, count]));
    return officers
      .map((officer) => {
        const count = byUsername.get(officer.username);
        return {
          username: officer.username,
          fullName: officer.fullName,
          agency: { code: officer.agencyCode, name: officer.agencyName },
          roles: officer.roles,
          assigned: count?.assigned ?? 0,
          assignedOverdue: count?.assignedOverdue ?? 0,
          claimable: count?.claimable ?? 0,
        };
      })
      .sort((a, b) => b.assigned - a.assigned || b.claimable - a.claimable);
  }

  return {
    /** The caller's dashboard: their own agency's subtree, judged now. */
    async get(caller: TokenPayload, query: DashboardQuery): Promise<Dashboard> {
      const [access, judge] = await Promise.all([deps.accessOf(caller), deps.timeliness()]);
      const { bounds } = judge;
      const to = toVietnamDate(bounds.now);
      const from = trendStart(to, query.interval, query.periods);
      const [agency, statuses, timeliness, nearlyDue, overdue, officers, trend] = await Promise.all([
        statistics.agencyFor(caller, undefined),
        dashboard.statusCounts(access),
        dashboard.timelinessCounts(access, OPEN_TIMELINESS, bounds),
        duePage(access, 'nearly_due', bounds, query.nearlyDuePage, query.perPage),
        duePage(access, 'overdue', bounds, query.overduePage, query.perPage),
        workload(access, bounds.now),
        statistics.get(caller, { from, to, groupBy: 'period', interval: query.interval }),
      ]);
      const byStatus = new Map(statuses.map((row) => [row.status, row.count]));
      return {
        agency: { code: agency.code, name: agency.name },
        at: bounds.now.toISOString(),
        nearlyDueUntil: bounds.nearlyDueUntil.toISOString(),
        statuses: DOSSIER_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
        timeliness,
        nearlyDue,
        overdue,
        workload: officers,
        trend: {
          interval: query.interval,
          from,
          to,
          onTimeRate: trend.onTimeRate,
          rows: trend.rows.map((row) => ({
            label: row.label,
            from: row.from ?? from,
            to: row.to ?? to,
            received: receivedIn(row.figures),
            handled: row.figures.handled,
            handledEarly: row.figures.handledEarly,
            handledOnTime: row.figures.handledOnTime,
            handledLate: row.figures.handledLate,
          })),
        },
      };
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
