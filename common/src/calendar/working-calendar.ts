import {
  dayNumberOf,
  formatLocalDate,
  parseClockTime,
  parseLocalDate,
  weekdayOf,
  yearOf,
  type DayNumber,
  type LocalDate,
} from './vietnam-time.js';

/**
 * Which days public agencies work, per Vietnamese law (docs: LEGAL.md sections 3 and 4).
 *
 * What the calendar knows by itself: weekends, the fixed solar holidays and the compensatory days the
 * law derives from them. What changes every year (lunar Tết and Giỗ Tổ dates, the second National Day
 * day, the Prime Minister's swap schedule) is passed in as data, so an operator-edited holiday table
 * can feed it later without changing this code.
 */

/**
 * Fixed solar public holidays of the Labour Code 2019, Art. 112(1): Tết Dương lịch (01/01), Ngày
 * Chiến thắng (30/04), Ngày Quốc tế Lao động (01/05), Quốc khánh (02/09). The lunar holidays (Tết
 * Âm lịch, Giỗ Tổ Hùng Vương) and the second National Day day move every year: pass them as
 * `extraHolidays` or `extraDaysOff`.
 */
export const FIXED_PUBLIC_HOLIDAYS = [
  { month: 1, day: 1, name: 'Tết Dương lịch' },
  { month: 4, day: 30, name: 'Ngày Chiến thắng' },
  { month: 5, day: 1, name: 'Ngày Quốc tế Lao động' },
  { month: 9, day: 2, name: 'Quốc khánh' },
] as const;

/**
 * Office hours of the one-stop unit. The lunch break (11:30–13:00) is not modelled: a dossier received
 * at noon on a working day is received "in hours" and keeps its clock time.
 */
export const DEFAULT_OFFICE_HOURS = { opensAt: '07:30', closesAt: '17:00' } as const;

/** Why a day is, or is not, a working day. */
export type DayKind =
  'working_day' | 'weekend' | 'public_holiday' | 'compensatory_day_off' | 'extra_day_off' | 'extra_working_day';

export interface WorkingCalendarOptions {
  /**
   * Dated statutory holidays beyond the fixed solar ones, e.g. the lunar Giỗ Tổ Hùng Vương or Tết
   * days. Like the fixed holidays, one that falls on a Saturday or Sunday gives a compensatory day
   * off (Labour Code 2019, Art. 111(3)).
   */
  extraHolidays?: readonly LocalDate[];
  /**
   * Days off announced for the year that give no compensation: swapped days off (e.g. Fri
   * 02/01/2026, Văn bản 12729/VPCP-KGVX), the second National Day day, Tết days beyond the statutory
   * five.
   */
  extraDaysOff?: readonly LocalDate[];
  /** Weekend days worked to pay for a swapped day off (e.g. Sat 10/01/2026). Wins over every other rule. */
  extraWorkingDays?: readonly LocalDate[];
  /** Opening and closing time, `HH:MM` in Vietnam time. */
  officeHours?: { opensAt: string; closesAt: string };
}

export interface WorkingCalendar {
  /** Minutes after midnight (Vietnam time) at which the office opens and closes. */
  readonly officeHours: { opensAt: number; closesAt: number };
  /** Whether agencies work on that day: the Vietnamese calendar day of an instant, or a `YYYY-MM-DD` date. */
  isWorkingDay(day: Date | LocalDate | DayNumber): boolean;
  /** The rule that decides whether the day is worked. */
  dayKind(day: Date | LocalDate | DayNumber): DayKind;
}

/**
 * Builds a working-day calendar. Rules, in order of precedence:
 * 1. `extraWorkingDays` are worked (swap days, Labour Code 2019 Art. 111 and the yearly schedule);
 * 2. `extraDaysOff` are off;
 * 3. public holidays are off: the fixed solar ones (Art. 112(1)) and `extraHolidays`;
 * 4. a holiday falling on Saturday or Sunday gives a compensatory day off on the next working day
 *    (Art. 111(3)); two such holidays in a row (30/04 and 01/05 on a weekend) give two days;
 * 5. Saturdays and Sundays are the weekly rest days of public servants;
 * 6. every other day is a working day.
 */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const extraHolidays = new Set((options.extraHolidays ?? []).map(parseLocalDate));
  const extraDaysOff = new Set((options.extraDaysOff ?? []).map(parseLocalDate));
  const extraWorkingDays = new Set((options.extraWorkingDays ?? []).map(parseLocalDate));
  for (const day of extraWorkingDays) {
    if (extraDaysOff.has(day)) {
      throw new RangeError(`${formatLocalDate(day)} is listed both as a day off and as a working day`);
    }
  }
  const hours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
  const officeHours = { opensAt: parseClockTime(hours.opensAt), closesAt: parseClockTime(hours.closesAt) };
  if (officeHours.opensAt >= officeHours.closesAt) {
    throw new RangeError(`office hours must open before they close, got ${hours.opensAt}–${hours.closesAt}`);
  }

  const holidaysByYear = new Map<number, DayNumber[]>();
  function holidaysOf(year: number): DayNumber[] {
    let days = holidaysByYear.get(year);
    if (!days) {
      const fixed = FIXED_PUBLIC_HOLIDAYS.map(({ month, day }) => Date.UTC(year, month - 1, day) / 86_400_000);
      const extra = [...extraHolidays].filter((day) => yearOf(day) === year);
      days = [...new Set([...fixed, ...extra])].sort((a, b) => a - b);
      holidaysByYear.set(year, days);
    }
    return days;
  }
  function isHoliday(day: DayNumber): boolean {
    return holidaysOf(yearOf(day)).includes(day);
  }
  function isWeekend(day: DayNumber): boolean {
    const weekday = weekdayOf(day);
    return weekday === 0 || weekday === 6;
  }

  const compensatoryByYear = new Map<number, Set<DayNumber>>();
  /**
   * Compensatory days landing in `year`. A late-December holiday can compensate into January, so the
   * holidays of the previous year are walked too, in date order, each taking the first day that is
   * neither weekend, holiday nor already taken.
   */
  function compensatoryDaysOf(year: number): Set<DayNumber> {
    let days = compensatoryByYear.get(year);
    if (!days) {
      const taken = new Set<DayNumber>();
      for (const holiday of [...holidaysOf(year - 1), ...holidaysOf(year)]) {
        if (!isWeekend(holiday)) continue;
        let candidate = holiday + 1;
        while (isWeekend(candidate) || isHoliday(candidate) || taken.has(candidate)) candidate += 1;
        taken.add(candidate);
      }
      days = new Set([...taken].filter((day) => yearOf(day) === year));
      compensatoryByYear.set(year, days);
    }
    return days;
  }

  function toDayNumber(day: Date | LocalDate | DayNumber): DayNumber {
    if (day instanceof Date) return dayNumberOf(day);
    if (typeof day === 'string') return parseLocalDate(day);
    return day;
  }

  function dayKind(input: Date | LocalDate | DayNumber): DayKind {
    const day = toDayNumber(input);
    if (extraWorkingDays.has(day)) return 'extra_working_day';
    if (extraDaysOff.has(day)) return 'extra_day_off';
    if (isHoliday(day)) return 'public_holiday';
    if (compensatoryDaysOf(yearOf(day)).has(day)) return 'compensatory_day_off';
    if (isWeekend(day)) return 'weekend';
    return 'working_day';
  }

  return {
    officeHours,
    dayKind,
    isWorkingDay(day) {
      const kind = dayKind(day);
      return kind === 'working_day' || kind === 'extra_working_day';
    },
  };
}
