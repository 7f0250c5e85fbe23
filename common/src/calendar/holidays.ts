import { lunarNewYear, lunarToSolar } from './lunar.js';
import { formatLocalDate, parseLocalDate, type LocalDate } from './vietnam-time.js';

/**
 * Public holidays (ngày nghỉ lễ, tết) by rule, and the data rows that adjust them for a year
 * (docs/legal.md §4). The rules give every holiday's default placement, so a year without an
 * official schedule still has its lunar Tết and Giỗ Tổ; rows of the `CalendarDay` table (the
 * Prime Minister's yearly schedule, entered by an administrator) move or add days.
 */

/** The statutory occasions of the Labour Code, one code each (`CalendarDay.occasion`). */
export const HOLIDAY_OCCASIONS = [
  'new_year',
  'lunar_new_year',
  'hung_kings',
  'reunification',
  'labour_day',
  'national_day',
] as const;
export type HolidayOccasion = (typeof HOLIDAY_OCCASIONS)[number];

export function isHolidayOccasion(value: unknown): value is HolidayOccasion {
  return typeof value === 'string' && (HOLIDAY_OCCASIONS as readonly string[]).includes(value);
}

/** Kinds of calendar data rows, as in the Prisma `CalendarDayKind` enum. */
export const CALENDAR_DAY_KINDS = ['holiday', 'day_off', 'working_day'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/**
 * One row of the calendar data (the Prisma `CalendarDay` model without its audit columns, which are
 * ignored when present):
 *
 * - `holiday`: a statutory holiday on this date. The `holiday` rows of one year and `occasion`
 *   REPLACE the days the rule computes for that occasion and year: an official schedule decides e.g.
 *   which five days of Tết are the statutory ones. List only the statutory days (five for Tết, two
 *   for National Day), never the weekends around them: a holiday row on a Saturday or Sunday gives a
 *   compensatory day like any holiday. A holiday row without occasion adds a holiday.
 * - `day_off`: a day off announced for the year without compensation (a swapped day off, the weekend
 *   days of a long break, an explicitly listed compensatory day — which then is the same day as the
 *   computed one, not an extra one). `occasion` is informative.
 * - `working_day`: a Saturday or Sunday worked to pay for a swapped day off. Wins over every other rule.
 */
export interface CalendarDayRow {
  /** `YYYY-MM-DD` in Vietnam. */
  date: LocalDate;
  kind: CalendarDayKind;
  /** For holidays, one of HOLIDAY_OCCASIONS; null or absent otherwise. */
  occasion?: string | null;
  name: string;
  /** The document that announced it, e.g. "Văn bản 12729/VPCP-KGVX ngày 25/12/2025". */
  legalRef: string;
}

/** A statutory holiday day: where a rule or a data row puts it, with its source. */
export interface HolidayDay {
  date: LocalDate;
  occasion: HolidayOccasion | null;
  name: string;
  legalRef: string;
}

/** One version of the rule for an occasion: how many days, where by default, under which law. */
export interface HolidayRule {
  occasion: HolidayOccasion;
  /** Vietnamese name, printed on the calendar. */
  name: string;
  /** The article that grants the holiday. */
  legalBasis: string;
  /** The rule applies to years from this date's year on (until a newer version of the occasion). */
  effectiveFrom: LocalDate;
  /** Default placement in a solar year, when no official schedule says otherwise. */
  datesIn(year: number): LocalDate[];
}

/** A holiday on the weekly rest day moves to the next working day. */
export const COMPENSATORY_DAY_RULE = {
  legalBasis: 'Bộ luật Lao động 2019 (45/2019/QH14), Điều 111 khoản 3',
  effectiveFrom: '2021-01-01',
} as const;

const LABOUR_CODE_2019 = 'Bộ luật Lao động 2019 (45/2019/QH14), Điều 112 khoản 1';
const LABOUR_CODE_2019_FROM = '2021-01-01';
// The 2012 code is outside docs/legal.md; its holidays are the 2019 ones with a single National Day day.
const LABOUR_CODE_2012 = 'Bộ luật Lao động 2012 (10/2012/QH13), Điều 115 khoản 1';
const LABOUR_CODE_2012_FROM = '2013-05-01';

function solar(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function shift(date: LocalDate, days: number): LocalDate {
  return formatLocalDate(parseLocalDate(date) + days);
}

/**
 * Tết Âm lịch, five days. With no official schedule: the last day of the old lunar year and the
 * first four days of the new one (mùng 1–4), the usual split of the Prime Minister's schedules.
 */
function lunarNewYearDays(year: number): LocalDate[] {
  const tet = lunarNewYear(year);
  return [-1, 0, 1, 2, 3].map((offset) => shift(tet, offset));
}

/**
 * Every version of every statutory holiday rule, oldest first per occasion. The calendar does not
 * model the law before 01/05/2013: earlier years use the oldest version.
 */
export const STATUTORY_HOLIDAY_RULES: readonly HolidayRule[] = [
  ...[
    { legalBasis: LABOUR_CODE_2012, effectiveFrom: LABOUR_CODE_2012_FROM },
    { legalBasis: LABOUR_CODE_2019, effectiveFrom: LABOUR_CODE_2019_FROM },
  ].flatMap(({ legalBasis, effectiveFrom }): HolidayRule[] => [
    { occasion: 'new_year', name: 'Tết Dương lịch', legalBasis, effectiveFrom, datesIn: (year) => [solar(year, 1, 1)] },
    { occasion: 'lunar_new_year', name: 'Tết Âm lịch', legalBasis, effectiveFrom, datesIn: lunarNewYearDays },
    {
      occasion: 'hung_kings',
      name: 'Giỗ Tổ Hùng Vương',
      legalBasis,
      effectiveFrom,
      datesIn: (year) => [lunarToSolar({ year, month: 3, day: 10 })],
    },
    {
      occasion: 'reunification',
      name: 'Ngày Chiến thắng',
      legalBasis,
      effectiveFrom,
      datesIn: (year) => [solar(year, 4, 30)],
    },
    {
      occasion: 'labour_day',
      name: 'Ngày Quốc tế Lao động',
      legalBasis,
      effectiveFrom,
      datesIn: (year) => [solar(year, 5, 1)],
    },
  ]),
  {
    occasion: 'national_day',
    name: 'Quốc khánh',
    legalBasis: LABOUR_CODE_2012,
    effectiveFrom: LABOUR_CODE_2012_FROM,
    datesIn: (year) => [solar(year, 9, 2)],
  },
  {
    // 02/09 plus one adjacent day chosen yearly (docs/legal.md §4); by default the day before, 01/09.
    occasion: 'national_day',
    name: 'Quốc khánh',
    legalBasis: LABOUR_CODE_2019,
    effectiveFrom: LABOUR_CODE_2019_FROM,
    datesIn: (year) => [solar(year, 9, 1), solar(year, 9, 2)],
  },
];

/** The version of an occasion's rule that applies to a solar year. */
export function holidayRuleFor(occasion: HolidayOccasion, year: number): HolidayRule {
  const versions = STATUTORY_HOLIDAY_RULES.filter((rule) => rule.occasion === occasion);
  const inForce = versions.filter((rule) => Number(rule.effectiveFrom.slice(0, 4)) <= year);
  const rule = inForce.at(-1) ?? versions[0];
  if (!rule) throw new RangeError(`no holiday rule for occasion "${occasion}"`);
  return rule;
}

/** The statutory holidays of a solar year by rule alone, in date order (no official schedule, no compensation). */
export function statutoryHolidays(year: number): HolidayDay[] {
  return HOLIDAY_OCCASIONS.flatMap((occasion) => {
    const rule = holidayRuleFor(occasion, year);
    return rule.datesIn(year).map((date) => ({ date, occasion, name: rule.name, legalRef: rule.legalBasis }));
  }).sort((a, b) => a.date.localeCompare(b.date));
}
