import {
  BASE_FIGURES,
  figureParts,
  TOTAL_FIGURES,
  type BaseFigure,
  type FigureCounts,
  type Statistics,
  type StatisticsDossierPage,
  type StatisticsDossiersQuery,
  type StatisticsQuery,
  type StatisticsRow,
} from '@motcua/common';
import { ForbiddenError, InvalidFieldError } from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { IssuerAgency, ReportRepository } from '../repositories/report-repository.js';
import type {
  CountRows,
  FigureCountRow,
  StatisticsPeriod,
  StatisticsRepository,
  StatisticsScope,
} from '../repositories/statistics-repository.js';
import { periodBounds } from './register-service.js';
import { subPeriods } from './statistics-periods.js';

/**
 * The processing statistics of an agency's subtree (docs/legal.md §5.1) for the leaders, auditors and
 * admins of that agency or one above it. The figures come from the statistics repository, the one
 * place that defines them; this service scopes the request, splits the period and adds the totals.
 * The spreadsheet, the PDF and the Decision 766 index are built from `get`, so they show its numbers.
 */

/** The row of dossiers that have no handling officer yet. */
const NO_OFFICER_LABEL = '(chưa có cán bộ thụ lý)';

function zeroCounts(): Record<BaseFigure, number> {
  return Object.fromEntries(BASE_FIGURES.map((figure) => [figure, 0])) as Record<BaseFigure, number>;
}

/** Every figure of a row: its base figures, and the totals added up from them. */
export function withTotals(base: Record<BaseFigure, number>): FigureCounts {
  const counts = Object.fromEntries(BASE_FIGURES.map((figure) => [figure, base[figure]])) as FigureCounts;
  for (const [total, parts] of Object.entries(TOTAL_FIGURES) as [keyof typeof TOTAL_FIGURES, readonly BaseFigure[]][]) {
    counts[total] = parts.reduce((sum, part) => sum + base[part], 0);
  }
  return counts;
}

/** Decision 766 indicator 2.1 in percent, two decimals; null when nothing was received (docs/legal.md §5.1). */
export function onTimeRate(counts: FigureCounts): number | null {
  if (counts.received === 0) return null;
  const onTime = counts.handledEarly + counts.handledOnTime + counts.inProgressOnTime;
  return Math.round((onTime / counts.received) * 10_000) / 100;
}

function baseOf(row: FigureCountRow | undefined): Record<BaseFigure, number> {
  const base = zeroCounts();
  if (row) for (const figure of BASE_FIGURES) base[figure] = Number(row[figure]);
  return base;
}

export function createStatisticsService(deps: {
  agencies: AgencyRepository;
  reports: ReportRepository;
  statistics: StatisticsRepository;
}) {
  const { agencies, reports, statistics } = deps;

  /**
   * The agency asked for (the caller's own by default), which must be the caller's or one below it:
   * 403 otherwise. Its code is in the query, so this runs after validation.
   */
  async function agencyFor(caller: TokenPayload, code: string | undefined): Promise<IssuerAgency> {
    const agencyCode = code ?? caller.agencyCode;
    const agency = await reports.issuerByCode(agencyCode);
    if (!agency) {
      throw new InvalidFieldError('querystring/agencyCode', `${agencyCode} is not an agency`, 'unknown_agency');
    }
    const reach = await agencies.subtreeIds(caller.agencyCode);
    if (!reach.includes(agency.id)) {
      throw new ForbiddenError(
        `the statistics of ${agencyCode} are not yours to read: it is neither your agency ${caller.agencyCode} nor below it`,
      );
    }
    return agency;
  }

  function period(key: string, from: string, to: string): StatisticsPeriod {
    return { key, ...periodBounds({ from, to }) };
  }

  async function branches(agency: IssuerAgency): Promise<{ code: string; name: string }[]> {
    const children = (await agencies.list()).filter((candidate) => candidate.parentCode === agency.code);
    return [{ code: agency.code, name: agency.name }, ...children.map(({ code, name }) => ({ code, name }))];
  }

  return {
    agencyFor,

    /** The statistics, with the agency's header fields for the printed report. */
    async compute(
      caller: TokenPayload,
      query: StatisticsQuery,
    ): Promise<{ statistics: Statistics; issuer: IssuerAgency }> {
      const agency = await agencyFor(caller, query.agencyCode);
      const whole: StatisticsScope = { rootAgencyId: agency.id, periods: [period('total', query.from, query.to)] };
      const parts = query.groupBy === 'period' ? subPeriods(query.from, query.to, query.interval) : undefined;
      const asked: CountRows =
        query.groupBy === 'period'
          ? { groupBy: 'period', parts: parts!.map((part) => period(`${part.from}..${part.to}`, part.from, part.to)) }
          : { groupBy: query.groupBy };
      const { rows, total } = await statistics.counts(whole, asked);
      const byKey = new Map(rows.map((row) => [row.key, row]));
      let listed: StatisticsRow[];
      if (parts) {
        listed = parts.map((part) => ({
          key: `${part.from}..${part.to}`,
          label: part.label,
          from: part.from,
          to: part.to,
          figures: withTotals(baseOf(byKey.get(`${part.from}..${part.to}`))),
        }));
      } else if (query.groupBy === 'agency') {
        // every branch, those without a dossier too: a leader reads a zero as a fact
        listed = (await branches(agency)).map((branch) => ({
          key: branch.code,
          label: branch.name,
          figures: withTotals(baseOf(byKey.get(branch.code))),
        }));
      } else {
        listed = rows.map((row) => ({
          key: row.key,
          label: row.label ?? (query.groupBy === 'officer' ? NO_OFFICER_LABEL : '—'),
          figures: withTotals(baseOf(row)),
        }));
      }
      const totals = withTotals(baseOf(total));
      return {
        issuer: agency,
        statistics: {
          agency: { code: agency.code, name: agency.name },
          from: query.from,
          to: query.to,
          groupBy: query.groupBy,
          interval: query.interval,
          rows: listed,
          total: totals,
          onTimeRate: onTimeRate(totals),
        },
      };
    },

    async get(caller: TokenPayload, query: StatisticsQuery): Promise<Statistics> {
      return (await this.compute(caller, query)).statistics;
    },

    /** The dossiers one figure counts (of one row, when asked), one page of them. */
    async dossiers(caller: TokenPayload, query: StatisticsDossiersQuery): Promise<StatisticsDossierPage> {
      const agency = await agencyFor(caller, query.agencyCode);
      const scope: StatisticsScope = { rootAgencyId: agency.id, periods: [period('total', query.from, query.to)] };
      const row =
        query.groupBy !== undefined && query.key !== undefined ? { groupBy: query.groupBy, key: query.key } : undefined;
      const { rows, total } = await statistics.dossiers(scope, figureParts(query.figure), row, {
        offset: (query.page - 1) * query.perPage,
        limit: query.perPage,
      });
      return {
        figure: query.figure,
        total,
        page: query.page,
        perPage: query.perPage,
        data: rows.map((dossier) => ({
          code: dossier.code,
          procedureCode: dossier.procedureCode,
          procedureName: dossier.procedureName,
          field: dossier.field,
          agency: { code: dossier.agencyCode, name: dossier.agencyName },
          status: dossier.status,
          channel: dossier.channel,
          receivedAt: dossier.receivedAt.toISOString(),
          originalDueAt: dossier.originalDueAt?.toISOString() ?? null,
          processingEndedAt: dossier.processingEndedAt?.toISOString() ?? null,
          officer: dossier.officer,
        })),
      };
    },

    /** Average processing time in calendar days per branch (key null: the whole subtree). */
    async averageDays(agency: IssuerAgency, from: string, to: string) {
      return statistics.averageDays({ rootAgencyId: agency.id, periods: [period('total', from, to)] });
    },
  };
}
export type StatisticsService = ReturnType<typeof createStatisticsService>;
