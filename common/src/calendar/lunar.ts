import { dayNumberOf, formatLocalDate, parseLocalDate, type DayNumber, type LocalDate } from './vietnam-time.js';

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed with Hồ Ngọc Đức's standard algorithm
 * ("Thuật toán tính âm lịch"): astronomical new moons and the sun's longitude, reckoned at the
 * meridian of Vietnam (UTC+7). It places Tết and Giỗ Tổ Hùng Vương (docs/legal.md §4, [S31]) and
 * reproduces the published dates; it is validated by its author for 1800–2199.
 *
 * Month 11 of a lunar year is the month that contains the winter solstice. A lunar year holding
 * 13 months between two months 11 has a leap month: the first month without a major solar term
 * (trung khí), which repeats the number of the month before it.
 */

/** Hours ahead of UTC at which the Vietnamese calendar is reckoned (since 01/01/1968). */
export const LUNAR_CALENDAR_TIME_ZONE = 7;

/** A date in the Vietnamese lunar calendar; `leap` marks the repeated (leap) month of a year. */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** Julian day number of 1970-01-01, the day number 0 of `vietnam-time.ts`. */
const JULIAN_DAY_OF_EPOCH = 2_440_588;
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01, the origin of the new-moon count `k`. */
const NEW_MOON_ORIGIN = 2_415_021.076998695;
const RADIANS = Math.PI / 180;

function julianDayOf(day: DayNumber): number {
  return day + JULIAN_DAY_OF_EPOCH;
}

function dayNumberOfJulianDay(julianDay: number): DayNumber {
  return julianDay - JULIAN_DAY_OF_EPOCH;
}

/** Julian day (with fraction, UTC) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RADIANS);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  // Periodic terms of Meeus, "Astronomical Algorithms", added one by one exactly as the reference.
  const s = (degrees: number): number => Math.sin(degrees * RADIANS);
  let correction = (0.1734 - 0.000393 * t) * s(sunAnomaly) + 0.0021 * s(2 * sunAnomaly);
  correction += -0.4068 * s(moonAnomaly) + 0.0161 * s(2 * moonAnomaly);
  correction += -0.0004 * s(3 * moonAnomaly);
  correction += 0.0104 * s(2 * latitude) - 0.0051 * s(sunAnomaly + moonAnomaly);
  correction += -0.0074 * s(sunAnomaly - moonAnomaly) + 0.0004 * s(2 * latitude + sunAnomaly);
  correction += -0.0004 * s(2 * latitude - sunAnomaly) - 0.0006 * s(2 * latitude + moonAnomaly);
  correction += 0.001 * s(2 * latitude - moonAnomaly) + 0.0005 * s(2 * moonAnomaly + sunAnomaly);
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + correction - deltaT;
}

/** Julian day number of the local day on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + LUNAR_CALENDAR_TIME_ZONE / 24);
}

/** The sun's apparent longitude, in radians in [0, 2π), at a Julian day (with fraction, UTC). */
function sunLongitude(julianDay: number): number {
  const t = (julianDay - 2_451_545.0) / 36_525;
  const t2 = t * t;
  const meanAnomaly = 357.5291 + 35_999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const meanLongitude = 280.46645 + 36_000.76983 * t + 0.0003032 * t2;
  let equationOfCentre = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(RADIANS * meanAnomaly);
  equationOfCentre +=
    (0.019993 - 0.000101 * t) * Math.sin(RADIANS * 2 * meanAnomaly) + 0.00029 * Math.sin(RADIANS * 3 * meanAnomaly);
  const longitude = (meanLongitude + equationOfCentre) * RADIANS;
  return longitude - Math.PI * 2 * Math.floor(longitude / (Math.PI * 2));
}

/** Which of the twelve 30° sectors (major solar terms) the sun is in at the start of a local day. */
function sunSectorAtStartOf(julianDayNumber: number): number {
  return Math.floor((sunLongitude(julianDayNumber - 0.5 - LUNAR_CALENDAR_TIME_ZONE / 24) / Math.PI) * 6);
}

/** Memo of lunarMonth11: the calendar asks for the same few years again and again. */
const month11Cache = new Map<number, number>();
/** Julian day number on which month 11 of lunar year `year` begins (the month of the winter solstice). */
function lunarMonth11(year: number): number {
  const cached = month11Cache.get(year);
  if (cached !== undefined) return cached;
  const month11 = computeLunarMonth11(year);
  month11Cache.set(year, month11);
  return month11;
}

function computeLunarMonth11(year: number): number {
  const offset = julianDayOf(parseLocalDate(`${String(year).padStart(4, '0')}-12-31`)) - 2_415_021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const start = newMoonDay(k);
  // The sun past 270° (sector 9) at the start of that month: the solstice fell in the month before.
  return sunSectorAtStartOf(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** Memo of leapMonthOffset, by the day month 11 begins. */
const leapOffsetCache = new Map<number, number>();
/**
 * In a 13-month year beginning at month 11 `month11`, the position (1–13, counted after month 11) of
 * the leap month: the first month in which the sun enters no new sector.
 */
function leapMonthOffset(month11: number): number {
  const cached = leapOffsetCache.get(month11);
  if (cached !== undefined) return cached;
  const offset = computeLeapMonthOffset(month11);
  leapOffsetCache.set(month11, offset);
  return offset;
}

function computeLeapMonthOffset(month11: number): number {
  const k = Math.floor((month11 - NEW_MOON_ORIGIN) / SYNODIC_MONTH + 0.5);
  let index = 1;
  let sector = sunSectorAtStartOf(newMoonDay(k + index));
  let previous: number;
  do {
    previous = sector;
    index += 1;
    sector = sunSectorAtStartOf(newMoonDay(k + index));
  } while (sector !== previous && index < 14);
  return index - 1;
}

/** The leap month number (1–12) that falls after month 11 `month11`, or null if that year has none. */
function leapMonthAfter(month11: number, nextMonth11: number): number | null {
  if (nextMonth11 - month11 <= 365) return null;
  const month = leapMonthOffset(month11) - 2;
  return month < 0 ? month + 12 : month;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`lunar year must be a whole number from 1 to 9999, got ${year}`);
  }
}

/** The leap month of lunar year `year` (e.g. 2 for Quý Mão 2023, 6 for Ất Tỵ 2025), or null. */
export function leapMonthOf(year: number): number | null {
  checkYear(year);
  const early = leapMonthAfter(lunarMonth11(year - 1), lunarMonth11(year));
  // Months 1–10 of `year` lie between month 11 of the year before and month 11 of this one…
  if (early !== null && early <= 10) return early;
  // …months 11 and 12 after this year's month 11.
  const late = leapMonthAfter(lunarMonth11(year), lunarMonth11(year + 1));
  return late !== null && late >= 11 ? late : null;
}

/** The lunar date of a solar day: the Vietnamese calendar day of an instant, a `YYYY-MM-DD` date, or a day number. */
export function solarToLunar(date: Date | LocalDate | DayNumber): LunarDate {
  const day = date instanceof Date ? dayNumberOf(date) : typeof date === 'string' ? parseLocalDate(date) : date;
  if (!Number.isInteger(day)) throw new RangeError(`day number must be a whole number, got ${day}`);
  const julianDay = julianDayOf(day);
  const solarYear = Number(formatLocalDate(day).slice(0, 4));
  // The mean month estimates which new moon began the month; true new moons stray from the mean by
  // up to about half a day either way, so step back while the estimate lies after the day (the
  // reference steps back once, which leaves day 0 on rare dates such as 2054-05-07).
  let k = Math.floor((julianDay - NEW_MOON_ORIGIN) / SYNODIC_MONTH) + 1;
  let monthStart = newMoonDay(k);
  while (monthStart > julianDay) {
    k -= 1;
    monthStart = newMoonDay(k);
  }

  let month11 = lunarMonth11(solarYear);
  let nextMonth11 = month11;
  let year: number;
  if (month11 >= monthStart) {
    year = solarYear;
    month11 = lunarMonth11(solarYear - 1);
  } else {
    year = solarYear + 1;
    nextMonth11 = lunarMonth11(solarYear + 1);
  }
  const lunarDay = julianDay - monthStart + 1;
  const monthsAfter11 = Math.floor((monthStart - month11) / 29);
  let leap = false;
  let month = monthsAfter11 + 11;
  if (nextMonth11 - month11 > 365) {
    const leapOffset = leapMonthOffset(month11);
    if (monthsAfter11 >= leapOffset) {
      month = monthsAfter11 + 10;
      leap = monthsAfter11 === leapOffset;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && monthsAfter11 < 4) year -= 1;
  return { year, month, day: lunarDay, leap };
}

/** Julian day numbers on which a lunar month begins and on which the next one begins. */
function monthBounds(year: number, month: number, leap: boolean): [number, number] {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`lunar month must be a whole number from 1 to 12, got ${month}`);
  }
  const [month11, nextMonth11] =
    month < 11 ? [lunarMonth11(year - 1), lunarMonth11(year)] : [lunarMonth11(year), lunarMonth11(year + 1)];
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (nextMonth11 - month11 > 365) {
    const leapOffset = leapMonthOffset(month11);
    const leapMonth = leapMonthAfter(month11, nextMonth11);
    if (leap && month !== leapMonth) {
      throw new RangeError(`lunar year ${year} has no leap month ${month}`);
    }
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`lunar year ${year} has no leap month ${month}`);
  }
  const k = Math.floor(0.5 + (month11 - NEW_MOON_ORIGIN) / SYNODIC_MONTH);
  return [newMoonDay(k + offset), newMoonDay(k + offset + 1)];
}

/**
 * The solar date (`YYYY-MM-DD`) of a lunar date, e.g. 10/3 of year 2026 → 2026-04-26. Throws a
 * RangeError naming the value for a month or day that does not exist (a leap month the year does not
 * have, day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: { year: number; month: number; day: number; leap?: boolean }): LocalDate {
  const { year, month, day } = lunar;
  const leap = lunar.leap ?? false;
  const [start, next] = monthBounds(year, month, leap);
  if (!Number.isInteger(day) || day < 1 || day > next - start) {
    throw new RangeError(
      `lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has ${next - start} days, got day ${day}`,
    );
  }
  return formatLocalDate(dayNumberOfJulianDay(start + day - 1));
}

/** The number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  const [start, next] = monthBounds(year, month, leap);
  return next - start;
}

/** Tết Nguyên đán: the solar date of the first day of lunar year `year`, e.g. 2026 → 2026-02-17. */
export function lunarNewYear(year: number): LocalDate {
  return lunarToSolar({ year, month: 1, day: 1 });
}
