import { z } from 'zod';
import { parseLocalDate } from '../calendar/vietnam-time.js';
import { DOSSIER_CHANNELS, DOSSIER_STATUSES } from '../dossier-status.js';
import { CalendarDateSchema } from './calendar.js';
import { DateTimeSchema } from './date-time.js';
import { text } from './errors.js';

/**
 * The processing statistics of docs/legal.md §5.1 (Biểu số 06/VPCP/KSTT): the names of the figures,
 * the query and the answer of GET /api/reports/statistics, its drill-down and its exports, and the
 * Decision 766 index of §5.2. What each figure counts is defined once, in SQL, by the server's
 * statistics repository; this module only names them, for the API, the exports and the UI alike.
 */

/**
 * The figures counted directly, each a set of dossiers:
 * - received in the period, by channel (the clock started in it: a complete dossier was accepted);
 * - carried over: accepted before the period and not finished when it began;
 * - handled in the period: processing ended in it (result ready, or refused, or withdrawn), judged
 *   early / on time / late against the appointment printed on the receipt;
 * - in progress at the period's end, within time or late;
 * - returned for supplement: asked for more during processing in the period;
 * - refused, withdrawn: ended so in the period (both are among the handled).
 */
export const BASE_FIGURES = [
  'carriedOver',
  'receivedOnline',
  'receivedCounter',
  'receivedPost',
  'handledEarly',
  'handledOnTime',
  'handledLate',
  'inProgressOnTime',
  'inProgressLate',
  'returnedForSupplement',
  'refused',
  'withdrawn',
] as const;
export type BaseFigure = (typeof BASE_FIGURES)[number];

/** The totals of Biểu 06, each the union of base figures (so they drill down too). */
export const TOTAL_FIGURES = {
  /** Số hồ sơ nhận giải quyết, tổng số = carried over + online + at the counter or by post. */
  received: ['carriedOver', 'receivedOnline', 'receivedCounter', 'receivedPost'],
  /** Trực tiếp, dịch vụ bưu chính. */
  receivedCounterOrPost: ['receivedCounter', 'receivedPost'],
  /** Số hồ sơ đã giải quyết, tổng số. */
  handled: ['handledEarly', 'handledOnTime', 'handledLate'],
  /** Số hồ sơ đang giải quyết, tổng số. */
  inProgress: ['inProgressOnTime', 'inProgressLate'],
} as const satisfies Record<string, readonly BaseFigure[]>;
export type TotalFigure = keyof typeof TOTAL_FIGURES;

export const FIGURES = [...BASE_FIGURES, ...(Object.keys(TOTAL_FIGURES) as TotalFigure[])] as const;
export type Figure = BaseFigure | TotalFigure;

/** The base figures a figure is made of (itself for a base figure). */
export function figureParts(figure: Figure): readonly BaseFigure[] {
  return (TOTAL_FIGURES as Record<string, readonly BaseFigure[]>)[figure] ?? [figure as BaseFigure];
}

/** Vietnamese column headings, as printed on the report, the spreadsheet and the screen. */
export const FIGURE_LABELS: Record<Figure, string> = {
  received: 'Tổng số nhận giải quyết',
  carriedOver: 'Từ kỳ trước',
  receivedOnline: 'Trực tuyến',
  receivedCounterOrPost: 'Trực tiếp, bưu chính',
  receivedCounter: 'Trực tiếp',
  receivedPost: 'Bưu chính',
  handled: 'Tổng số đã giải quyết',
  handledEarly: 'Trước hạn',
  handledOnTime: 'Đúng hạn',
  handledLate: 'Quá hạn',
  inProgress: 'Tổng số đang giải quyết',
  inProgressOnTime: 'Trong hạn',
  inProgressLate: 'Quá hạn',
  returnedForSupplement: 'Yêu cầu bổ sung',
  refused: 'Từ chối',
  withdrawn: 'Rút hồ sơ',
};

/** The column groups of Biểu 06 with the figures under each, in the printed order. */
export const FIGURE_GROUPS: readonly { label: string; figures: readonly Figure[] }[] = [
  {
    label: 'Số hồ sơ nhận giải quyết',
    figures: ['received', 'carriedOver', 'receivedOnline', 'receivedCounter', 'receivedPost'],
  },
  { label: 'Số hồ sơ đã giải quyết', figures: ['handled', 'handledEarly', 'handledOnTime', 'handledLate'] },
  { label: 'Số hồ sơ đang giải quyết', figures: ['inProgress', 'inProgressOnTime', 'inProgressLate'] },
  { label: 'Khác', figures: ['returnedForSupplement', 'refused', 'withdrawn'] },
];

/** The figures in the printed order (FIGURE_GROUPS flattened). */
export const PRINTED_FIGURES: readonly Figure[] = FIGURE_GROUPS.flatMap((group) => group.figures);

export const STATISTICS_GROUPINGS = ['agency', 'field', 'procedure', 'officer', 'period'] as const;
export type StatisticsGrouping = (typeof STATISTICS_GROUPINGS)[number];

export const GROUPING_LABELS: Record<StatisticsGrouping, string> = {
  agency: 'Cơ quan',
  field: 'Lĩnh vực',
  procedure: 'Thủ tục',
  officer: 'Cán bộ thụ lý',
  period: 'Kỳ',
};

/** The lengths of the sub-periods when grouping by period. */
export const STATISTICS_INTERVALS = ['week', 'month', 'quarter', 'half', 'year'] as const;
export type StatisticsInterval = (typeof STATISTICS_INTERVALS)[number];

export const INTERVAL_LABELS: Record<StatisticsInterval, string> = {
  week: 'Tuần',
  month: 'Tháng',
  quarter: 'Quý',
  half: '6 tháng',
  year: 'Năm',
};

/** The longest period of one statistics request: five years, both ends included. */
export const STATISTICS_MAX_DAYS = 1827;

function daysIncluded(from: string, to: string): number | undefined {
  try {
    return parseLocalDate(to) - parseLocalDate(from) + 1;
  } catch {
    return undefined;
  }
}

/** The period and the subtree every statistics request names. */
export const StatisticsScopeSchema = z.object({
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  /** The agency whose subtree is counted; the caller's own when absent. */
  agencyCode: text(35).min(1).optional(),
});

function periodChecks<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((query) => query.from <= query.to, { message: 'must not be after `to`', path: ['from'] })
    .refine((query) => (daysIncluded(query.from, query.to) ?? 0) <= STATISTICS_MAX_DAYS, {
      message: `must be within ${STATISTICS_MAX_DAYS} days of \`from\`, both days included`,
      path: ['to'],
    });
}

/** GET /api/reports/statistics (and .xlsx, .pdf). */
export const StatisticsQuerySchema = periodChecks(
  StatisticsScopeSchema.extend({
    groupBy: z.enum(STATISTICS_GROUPINGS).default('agency'),
    /** The sub-periods when grouping by period (a month by default). */
    interval: z.enum(STATISTICS_INTERVALS).default('month'),
  }),
);
export type StatisticsQuery = z.infer<typeof StatisticsQuerySchema>;

export const FigureCountsSchema = z.object(
  Object.fromEntries(FIGURES.map((figure) => [figure, z.number().int()])) as Record<Figure, z.ZodNumber>,
);
export type FigureCounts = z.infer<typeof FigureCountsSchema>;

export const StatisticsRowSchema = z.object({
  /** What the row is: an agency code, a field, a procedure code, a username or a period `from..to`. */
  key: z.string().nullable(),
  label: z.string(),
  /** For a period row, its days; a drill-down of that row asks for them. */
  from: z.string().optional(),
  to: z.string().optional(),
  figures: FigureCountsSchema,
});
export type StatisticsRow = z.infer<typeof StatisticsRowSchema>;

export const StatisticsSchema = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(STATISTICS_GROUPINGS),
  interval: z.enum(STATISTICS_INTERVALS),
  rows: z.array(StatisticsRowSchema),
  total: FigureCountsSchema,
  /** Decision 766 on-time rate: (handled early or on time + in progress within time) ÷ received × 100; null when nothing was received. */
  onTimeRate: z.number().nullable(),
});
export type Statistics = z.infer<typeof StatisticsSchema>;

/** GET /api/reports/statistics/dossiers: the dossiers one figure counts, one page of them. */
export const StatisticsDossiersQuerySchema = periodChecks(
  StatisticsScopeSchema.extend({
    figure: z.enum(FIGURES),
    /** Narrow to one row of a grouping: groupBy with the row's key (`-` for the row without one). */
    groupBy: z.enum(STATISTICS_GROUPINGS).exclude(['period']).optional(),
    key: text(200).min(1).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(25),
  }),
).refine((query) => (query.groupBy === undefined) === (query.key === undefined), {
  message: 'groupBy and key go together',
  path: ['key'],
});
export type StatisticsDossiersQuery = z.infer<typeof StatisticsDossiersQuerySchema>;

export const StatisticsDossierSchema = z.object({
  code: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  field: z.string(),
  agency: z.object({ code: z.string(), name: z.string() }),
  status: z.enum(DOSSIER_STATUSES),
  channel: z.enum(DOSSIER_CHANNELS),
  receivedAt: DateTimeSchema,
  /** The appointment printed on the receipt, which the statistics judge against. */
  originalDueAt: DateTimeSchema.nullable(),
  /** When processing ended (result ready, refused, withdrawn); null while open. */
  processingEndedAt: DateTimeSchema.nullable(),
  /** The handling officer counted for the dossier (username), if any. */
  officer: z.string().nullable(),
});
export type StatisticsDossier = z.infer<typeof StatisticsDossierSchema>;

export const StatisticsDossierPageSchema = z.object({
  figure: z.enum(FIGURES),
  data: z.array(StatisticsDossierSchema),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
});
export type StatisticsDossierPage = z.infer<typeof StatisticsDossierPageSchema>;

/** GET /api/reports/index-766. */
export const Index766QuerySchema = periodChecks(StatisticsScopeSchema);
export type Index766Query = z.infer<typeof Index766QuerySchema>;

export const INDICATOR_AVAILABILITY = ['computed', 'needs_outside_data'] as const;

export const IndicatorSchema = z.object({
  /** The indicator's number in Decision 766, e.g. "2.1". */
  id: z.string(),
  group: z.string(),
  name: z.string(),
  formula: z.string(),
  /** The legal source, as docs/legal.md §5.2 cites it. */
  source: z.string(),
  /** Null where the sources give only the points of a group of indicators (3.1–3.3 share 12). */
  maxPoints: z.number().nullable(),
  /** The target ratio in percent, when the indicator has one. */
  targetPercent: z.number().nullable(),
  availability: z.enum(INDICATOR_AVAILABILITY),
  /** What the indicator needs that the system does not hold (needs_outside_data only). */
  missing: z.string().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** The ratio in percent, or for a reference value its value; null when not computed or the denominator is 0. */
  value: z.number().nullable(),
  unit: z.string(),
  points: z.number().nullable(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const Index766Schema = z.object({
  from: z.string(),
  to: z.string(),
  agencies: z.array(
    z.object({
      agency: z.object({ code: z.string(), name: z.string() }),
      indicators: z.array(IndicatorSchema),
      /** Points of the computed indicators only, out of their maxima (`computedMaxPoints`). */
      computedPoints: z.number(),
      computedMaxPoints: z.number(),
    }),
  ),
});
export type Index766 = z.infer<typeof Index766Schema>;
