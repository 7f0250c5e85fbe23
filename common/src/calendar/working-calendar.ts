import {
  CALENDAR_DAY_KINDS,
  COMPENSATORY_DAY_RULE,
  HOLIDAY_OCCASIONS,
  isHolidayOccasion,
  statutoryHolidays,
  type CalendarDayRow,
  type HolidayOccasion,
} from './holidays.js';
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
 * Which days public agencies work, per Vietnamese law (docs/legal.md §3 and §4).
 *
 * What the calendar knows by itself: weekends, every statutory holiday by rule — the lunar ones
 * (Tết, Giỗ Tổ) computed from the lunar calendar — and the compensatory days the law derives from
 * them. What the Prime Minister decides each year (which five days of Tết, the second National Day
 * day, swapped days) comes in as data rows (`days`, the `CalendarDay` table).
 */

/**
 * Office hours of the one-stop unit. The lunch break (11:30–13:00) is not modelled: a dossier received
 * at noon on a working day is received "in hours" and keeps its clock time.
 */
export const DEFAULT_OFFICE_HOURS = { opensAt: '07:30', closesAt: '17:00' } as const;

/**
 * Why a day is, or is not, a working day. `extra_day_off` is a `day_off` row, `extra_working_day` a
 * `working_day` row (a worked Saturday); `working_day` is an ordinary Monday–Friday.
 */
export type DayKind =
  'working_day' | 'weekend' | 'public_holiday' | 'compensatory_day_off' | 'extra_day_off' | 'extra_working_day';

/** A day of the calendar with the reason and, for days off and swapped days, the name and source. */
export interface CalendarDayInfo {
  date: LocalDate;
  kind: DayKind;
  working: boolean;
  /** The statutory occasion of a holiday or compensatory day (null for holidays added without one). */
  occasion?: HolidayOccasion | null;
  name?: string;
  legalRef?: string;
}

export interface WorkingCalendarOptions {
  /**
   * The calendar data rows (the `CalendarDay` table, or OFFICIAL_SCHEDULES in tests): official
   * schedules replacing the computed days of an occasion, days off, worked weekend days. See
   * `CalendarDayRow` for the meaning of each kind.
   */
  days?: readonly CalendarDayRow[];
  /**
   * Dated statutory holidays added to the rules (like `holiday` rows without occasion). One on a
   * Saturday or Sunday gives a compensatory day off (Labour Code 2019, Art. 111(3)).
   */
  extraHolidays?: readonly LocalDate[];
  /** Days off without compensation (like `day_off` rows), e.g. Fri 02/01/2026 (Văn bản 12729/VPCP-KGVX). */
  extraDaysOff?: readonly LocalDate[];
  /** Weekend days worked to pay for a swapped day off (like `working_day` rows), e.g. Sat 10/01/2026. */
  extraWorkingDays?: readonly LocalDate[];
  /** Opening and closing time, `HH:MM` in Vietnam time. */
  officeHours?: { opensAt: string; closesAt: string };
}

export interface WorkingCalendar {
  /** Minutes after midnight (Vietnam time) at which the office opens and closes. */
  readonly officeHours: { opensAt: number; closesAt: number };
  /** Working minutes in a working day (closing − opening: 570 for 07:30–17:00). */
  readonly minutesPerDay: number;
  /** Whether agencies work on that day: the Vietnamese calendar day of an instant, or a `YYYY-MM-DD` date. */
  isWorkingDay(day: Date | LocalDate | DayNumber): boolean;
  /** The rule that decides whether the day is worked. */
  dayKind(day: Date | LocalDate | DayNumber): DayKind;
  /** The day with its reason, name and source. */
  describeDay(day: Date | LocalDate | DayNumber): CalendarDayInfo;
  /**
   * The days of a solar year that differ from the plain week: weekday days off (holidays,
   * compensatory days, days off), holidays falling on a weekend, and worked weekend days; in date order.
   */
  exceptionsIn(year: number): CalendarDayInfo[];
}

/** What the calendar knows of a listed or computed day: its occasion, name and source. */
interface Entry {
  occasion: HolidayOccasion | null;
  name: string;
  legalRef: string;
}

function checkRow(row: CalendarDayRow): DayNumber {
  const day = parseLocalDate(row.date);
  if (!(CALENDAR_DAY_KINDS as readonly string[]).includes(row.kind)) {
    throw new RangeError(
      `calendar day ${row.date}: kind "${String(row.kind)}" is not one of ${CALENDAR_DAY_KINDS.join(', ')}`,
    );
  }
  const occasion = row.occasion ?? null;
  if (occasion !== null && !isHolidayOccasion(occasion)) {
    throw new RangeError(
      `calendar day ${row.date}: occasion "${occasion}" is not one of ${HOLIDAY_OCCASIONS.join(', ')}`,
    );
  }
  return day;
}

/**
 * Builds a working-day calendar. Rules, in order of precedence:
 * 1. `working_day` rows (and `extraWorkingDays`) are worked (swap days, announced yearly);
 * 2. `day_off` rows (and `extraDaysOff`) are off;
 * 3. public holidays are off: every occasion of STATUTORY_HOLIDAY_RULES (Labour Code 2019 Art.
 *    112(1)) at its computed dates — unless `holiday` rows give that occasion's dates for the year —,
 *    plus holiday rows without occasion and `extraHolidays`;
 * 4. a holiday on a Saturday or Sunday gives a compensatory day off on the next weekday that is
 *    neither a holiday nor already a compensatory day (Art. 111(3)): two such holidays in a row (30/04
 *    and 01/05 on a weekend) give two days. A `day_off` row on that weekday is the same day off, not
 *    a reason to move further;
 * 5. Saturdays and Sundays are the weekly rest days of public servants;
 * 6. every other day is a working day.
 *
 * Official schedules are not built in: pass the rows (the `CalendarDay` table, which the seed fills
 * from OFFICIAL_SCHEDULES). Throws a RangeError naming the value for a malformed date, kind or
 * occasion, or a date listed both as a day off and as a working day.
 */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const workedDays = new Map<DayNumber, Entry>();
  const daysOff = new Map<DayNumber, Entry>();
  const addedHolidays = new Map<DayNumber, Entry>();
  /** Official holiday dates per `${year}:${occasion}`. */
  const scheduled = new Map<string, Map<DayNumber, Entry>>();

  for (const date of options.extraHolidays ?? []) {
    addedHolidays.set(parseLocalDate(date), { occasion: null, name: 'Ngày lễ', legalRef: 'extraHolidays' });
  }
  for (const date of options.extraDaysOff ?? []) {
    daysOff.set(parseLocalDate(date), { occasion: null, name: 'Ngày nghỉ', legalRef: 'extraDaysOff' });
  }
  for (const date of options.extraWorkingDays ?? []) {
    workedDays.set(parseLocalDate(date), { occasion: null, name: 'Ngày làm việc bù', legalRef: 'extraWorkingDays' });
  }
  for (const row of options.days ?? []) {
    const day = checkRow(row);
    const occasion = (row.occasion ?? null) as HolidayOccasion | null;
    const entry = { occasion, name: row.name, legalRef: row.legalRef };
    if (row.kind === 'working_day') workedDays.set(day, entry);
    else if (row.kind === 'day_off') daysOff.set(day, entry);
    else if (occasion === null) addedHolidays.set(day, entry);
    else {
      const key = `${yearOf(day)}:${occasion}`;
      const dates = scheduled.get(key) ?? new Map<DayNumber, Entry>();
      dates.set(day, entry);
      scheduled.set(key, dates);
    }
  }
  for (const day of workedDays.keys()) {
    if (daysOff.has(day)) {
      throw new RangeError(`${formatLocalDate(day)} is listed both as a day off and as a working day`);
    }
  }

  const hours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
  const officeHours = { opensAt: parseClockTime(hours.opensAt), closesAt: parseClockTime(hours.closesAt) };
  if (officeHours.opensAt >= officeHours.closesAt) {
    throw new RangeError(`office hours must open before they close, got ${hours.opensAt}–${hours.closesAt}`);
  }

  const holidaysByYear = new Map<number, Map<DayNumber, Entry>>();
  function holidaysOf(year: number): Map<DayNumber, Entry> {
    let days = holidaysByYear.get(year);
    if (!days) {
      days = new Map();
      for (const holiday of statutoryHolidays(year)) {
        if (scheduled.has(`${year}:${holiday.occasion}`)) continue;
        days.set(parseLocalDate(holiday.date), {
          occasion: holiday.occasion,
          name: holiday.name,
          legalRef: holiday.legalRef,
        });
      }
      for (const [key, dates] of scheduled) {
        if (!key.startsWith(`${year}:`)) continue;
        for (const [day, holiday] of dates) days.set(day, holiday);
      }
      for (const [day, holiday] of addedHolidays) {
        if (yearOf(day) === year && !days.has(day)) days.set(day, holiday);
      }
      holidaysByYear.set(year, days);
    }
    return days;
  }
  function holidayOn(day: DayNumber): Entry | undefined {
    return holidaysOf(yearOf(day)).get(day);
  }
  function isWeekend(day: DayNumber): boolean {
    const weekday = weekdayOf(day);
    return weekday === 0 || weekday === 6;
  }

  const compensatoryByYear = new Map<number, Map<DayNumber, Entry>>();
  /**
   * Compensatory days landing in `year`. A late-December holiday can compensate into January, so the
   * holidays of the previous year are walked too, in date order, each taking the first weekday that
   * is neither a holiday nor already taken.
   */
  function compensatoryDaysOf(year: number): Map<DayNumber, Entry> {
    let days = compensatoryByYear.get(year);
    if (!days) {
      const taken = new Map<DayNumber, Entry>();
      const holidays = [...holidaysOf(year - 1), ...holidaysOf(year)].sort(([a], [b]) => a - b);
      for (const [day, holiday] of holidays) {
        if (!isWeekend(day)) continue;
        let candidate = day + 1;
        while (isWeekend(candidate) || holidayOn(candidate) || taken.has(candidate)) candidate += 1;
        taken.set(candidate, {
          occasion: holiday.occasion,
          name: `Nghỉ bù ${holiday.name} (${formatLocalDate(day)})`,
          legalRef: COMPENSATORY_DAY_RULE.legalBasis,
        });
      }
      days = new Map([...taken].filter(([day]) => yearOf(day) === year));
      compensatoryByYear.set(year, days);
    }
    return days;
  }

  function toDayNumber(day: Date | LocalDate | DayNumber): DayNumber {
    if (day instanceof Date) {
      if (Number.isNaN(day.getTime())) throw new RangeError('the calendar was asked about an invalid date');
      return dayNumberOf(day);
    }
    if (typeof day === 'string') return parseLocalDate(day);
    return day;
  }

  const described = new Map<DayNumber, CalendarDayInfo>();
  function describe(day: DayNumber): CalendarDayInfo {
    const cached = described.get(day);
    if (cached) return cached;
    const date = formatLocalDate(day);
    const worked = workedDays.get(day);
    const off = daysOff.get(day);
    const holiday = holidayOn(day);
    const compensatory = compensatoryDaysOf(yearOf(day)).get(day);
    let info: CalendarDayInfo;
    if (worked) info = { date, kind: 'extra_working_day', working: true, ...worked };
    else if (off) info = { date, kind: 'extra_day_off', working: false, ...off };
    else if (holiday) info = { date, kind: 'public_holiday', working: false, ...holiday };
    else if (compensatory) info = { date, kind: 'compensatory_day_off', working: false, ...compensatory };
    else if (isWeekend(day)) info = { date, kind: 'weekend', working: false };
    else info = { date, kind: 'working_day', working: true };
    described.set(day, info);
    return info;
  }

  return {
    officeHours,
    minutesPerDay: officeHours.closesAt - officeHours.opensAt,
    dayKind: (day) => describe(toDayNumber(day)).kind,
    isWorkingDay: (day) => describe(toDayNumber(day)).working,
    describeDay: (day) => describe(toDayNumber(day)),
    exceptionsIn(year) {
      if (!Number.isInteger(year)) throw new RangeError(`year must be a whole number, got ${year}`);
      const first = parseLocalDate(`${String(year).padStart(4, '0')}-01-01`);
      const days: CalendarDayInfo[] = [];
      for (let day = first; yearOf(day) === year; day += 1) {
        const info = describe(day);
        const plain = info.kind === 'working_day' || info.kind === 'weekend';
        if (!plain) days.push(info);
      }
      return days;
    },
  };
}
