import { z } from 'zod';
import { CalendarDateSchema } from './calendar.js';
import { DateTimeSchema } from './date-time.js';
import { text } from './errors.js';

/**
 * The citizen's satisfaction rating of a finished dossier (docs/legal.md §7) and the results per
 * agency and per officer. The criteria are the nine of the evaluation table of Circular
 * 01/2018/TT-VPCP (Chapter III), each worth at most 2 points; the level is one of the three the
 * satisfaction share is counted in (count ÷ number of ratings × 100).
 */

/** The nine criteria, in the order of the evaluation table. */
export const SATISFACTION_CRITERIA = [
  'total_time',
  'time_per_agency',
  'contacts',
  'agencies_contacted',
  'one_stop',
  'publication',
  'attitude',
  'feedback',
  'online_service',
] as const;
export type SatisfactionCriterion = (typeof SATISFACTION_CRITERIA)[number];

/** Points per criterion: 2 good, 1 acceptable, 0 not met. */
export const SATISFACTION_MAX_POINTS = 2;

/** The levels, best first. */
export const SATISFACTION_LEVELS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

/**
 * The second factor: the last four digits of the phone number the applicant gave at reception. It
 * proves the rater holds the receipt and the phone, not just a code seen over a shoulder.
 */
export const PHONE_LAST_DIGITS = 4;

const Points = z.number().int().min(0).max(SATISFACTION_MAX_POINTS);

/** POST /api/public/dossiers/{code}/rating. */
export const RatingRequestSchema = z.strictObject({
  phoneLastDigits: text(PHONE_LAST_DIGITS).regex(/^\d{4}$/, 'must be the last 4 digits of the phone number'),
  scores: z.strictObject(Object.fromEntries(SATISFACTION_CRITERIA.map((c) => [c, Points])) as Record<
    SatisfactionCriterion,
    typeof Points
  >),
  level: z.enum(SATISFACTION_LEVELS),
});
export type RatingRequest = z.infer<typeof RatingRequestSchema>;

/** The answer to a rating: what was recorded, without anything personal. */
export const RatingReceiptSchema = z.object({
  code: z.string(),
  level: z.enum(SATISFACTION_LEVELS),
  ratedAt: DateTimeSchema,
});
export type RatingReceipt = z.infer<typeof RatingReceiptSchema>;

/** GET /api/reports/satisfaction: a period of Vietnamese calendar days and an agency of the caller's subtree. */
export const SatisfactionQuerySchema = z
  .object({
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    /** The agency, with the agencies below it; the caller's agency when absent. */
    agencyCode: text(35).min(1).optional(),
  })
  .refine((period) => period.from <= period.to, { message: 'must not be after `to`', path: ['from'] });
export type SatisfactionQuery = z.infer<typeof SatisfactionQuerySchema>;

/** The figures of a set of ratings. */
export const SatisfactionFiguresSchema = z.object({
  /** Số phiếu: the number of ratings. */
  ratings: z.number().int(),
  /** Ratings per level. */
  levels: z.object(Object.fromEntries(SATISFACTION_LEVELS.map((l) => [l, z.number().int()])) as Record<
    SatisfactionLevel,
    z.ZodNumber
  >),
  /** Per level, count ÷ ratings × 100, rounded to two decimals; 0 without ratings. */
  percentages: z.object(Object.fromEntries(SATISFACTION_LEVELS.map((l) => [l, z.number()])) as Record<
    SatisfactionLevel,
    z.ZodNumber
  >),
  /** Very satisfied and satisfied together, as a percentage of the ratings: what Decision 766 reads; null without ratings. */
  satisfiedPercent: z.number().nullable(),
  /** Mean points per criterion (0–2), null without ratings. */
  criteria: z.object(Object.fromEntries(SATISFACTION_CRITERIA.map((c) => [c, z.number().nullable()])) as Record<
    SatisfactionCriterion,
    z.ZodNullable<z.ZodNumber>
  >),
  /** Mean of the nine criteria's sum (0–18), null without ratings. */
  averageTotal: z.number().nullable(),
});
export type SatisfactionFigures = z.infer<typeof SatisfactionFiguresSchema>;

const AgencyRefSchema = z.object({ code: z.string(), name: z.string() });

export const SatisfactionReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  agency: AgencyRefSchema,
  /** One row per agency of the subtree, ratings or not. */
  agencies: z.array(SatisfactionFiguresSchema.extend({ agency: AgencyRefSchema })),
  /** One row per officer who received a rated dossier (the one-stop officer the applicant met). */
  officers: z.array(
    SatisfactionFiguresSchema.extend({
      officer: z.object({ username: z.string(), fullName: z.string().nullable() }),
      agency: AgencyRefSchema,
    }),
  ),
  total: SatisfactionFiguresSchema,
});
export type SatisfactionReport = z.infer<typeof SatisfactionReportSchema>;
