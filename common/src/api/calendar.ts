import { z } from 'zod';
import { CALENDAR_DAY_KINDS, HOLIDAY_OCCASIONS } from '../calendar/holidays.js';
import type { DayKind } from '../calendar/working-calendar.js';
import { DateTimeSchema } from './date-time.js';
import { formattedString, stringFormat, text } from './errors.js';
import { parseLocalDate } from '../calendar/vietnam-time.js';

function isCalendarDate(value: string): boolean {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The holiday calendar (issue 3, point 3; docs/legal.md §4) as officers read it
 * (GET /api/calendar/{year}) and the admin unit edits its data rows (POST /api/calendar/days,
 * DELETE /api/calendar/days/{date}). The statutory holidays, lunar ones included, and the
 * compensatory days are computed; the rows hold what the Prime Minister announces each year.
 */

/** The kinds of data rows and the statutory occasions, for forms that edit the rows. */
export {
  CALENDAR_DAY_KINDS,
  HOLIDAY_OCCASIONS,
  type CalendarDayKind,
  type HolidayOccasion,
} from '../calendar/holidays.js';

/** A calendar date in Vietnam, `YYYY-MM-DD`. */
export const CalendarDateSchema = formattedString(
  'local_date',
  10,
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'must be a date written YYYY-MM-DD',
)
  // the pattern lets 2026-02-30 through; the calendar does not
  .check(stringFormat('local_date', isCalendarDate, 'is not a day of the calendar'))
  .meta({ examples: ['2026-09-02'] });

/** Why a day is or is not worked (the `DayKind` of the working calendar). */
export const DAY_KINDS = [
  'working_day',
  'weekend',
  'public_holiday',
  'compensatory_day_off',
  'extra_day_off',
  'extra_working_day',
] as const satisfies readonly DayKind[];

/** A day that differs from the plain week, with the reason and its source. */
export const CalendarDayInfoSchema = z.object({
  date: z.string(),
  kind: z.enum(DAY_KINDS),
  working: z.boolean(),
  /** The statutory occasion of a holiday or compensatory day; null for other days. */
  occasion: z.enum(HOLIDAY_OCCASIONS).nullable(),
  name: z.string().nullable(),
  /** The law or the announcement the day comes from. */
  legalRef: z.string().nullable(),
});
export type CalendarDayInfo = z.infer<typeof CalendarDayInfoSchema>;

/** A data row of the holiday calendar, as an administrator entered it. */
export const CalendarDayRecordSchema = z.object({
  date: z.string(),
  kind: z.enum(CALENDAR_DAY_KINDS),
  occasion: z.enum(HOLIDAY_OCCASIONS).nullable(),
  name: z.string(),
  legalRef: z.string(),
  createdBy: z.string(),
  createdAt: DateTimeSchema,
});
export type CalendarDayRecord = z.infer<typeof CalendarDayRecordSchema>;

/** GET /api/calendar/{year}. */
export const CalendarYearSchema = z.object({
  year: z.number().int(),
  /** Working days in the year, all rules and rows applied. */
  workingDayCount: z.number().int(),
  /**
   * Every day that differs from a plain week, in date order: weekday days off (holidays, computed or
   * from a row; compensatory days; announced days off), holidays on a weekend, worked weekend days.
   * Saturdays and Sundays without anything special are not listed.
   */
  days: z.array(CalendarDayInfoSchema),
  /** The year's data rows. */
  rows: z.array(CalendarDayRecordSchema),
});
export type CalendarYear = z.infer<typeof CalendarYearSchema>;

/**
 * POST /api/calendar/days. `holiday`: a statutory holiday; with an occasion, the year's rows for that
 * occasion replace its computed days (list only the statutory days, e.g. the five of Tết), without
 * one it adds a holiday. `day_off`: a day off without compensation (swap day, long-break weekend
 * day). `working_day`: a day worked although it would be off (a Saturday paying for a swap day).
 */
export const CreateCalendarDaySchema = z.object({
  date: CalendarDateSchema,
  kind: z.enum(CALENDAR_DAY_KINDS),
  occasion: z.enum(HOLIDAY_OCCASIONS).nullish(),
  name: text(200).min(1),
  /** The announcing document, e.g. "Văn bản 12729/VPCP-KGVX ngày 25/12/2025". */
  legalRef: text(500).min(1),
});
export type CreateCalendarDay = z.infer<typeof CreateCalendarDaySchema>;

/** The years the calendar answers for (the lunar algorithm holds for 1800–2199). */
export const CALENDAR_YEARS = { min: 1900, max: 2199 } as const;

export const CalendarYearParamsSchema = z.object({
  year: z.coerce.number().int().min(CALENDAR_YEARS.min).max(CALENDAR_YEARS.max),
});
export const CalendarDateParamsSchema = z.object({ date: CalendarDateSchema });
