import { parseLocalDate, toVietnamDate, vietnamMinutesOf } from '@motcua/common/calendar';

/**
 * Dates and times as the applicant reads them, on the forms (server/src/forms) and in every message
 * (./notifications.ts): one format, in Vietnam's legal time (UTC+7) whatever the host's zone.
 *
 * Day numbers below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 3", "tháng 02"),
 * as administrative documents write their date of issue (Decree 30/2020/NĐ-CP, Annex I, section I.5,
 * in force since 05/03/2020), so that nobody can add a digit by hand.
 */

function dayMonthYear(date: string): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = date.split('-');
  const monthNumber = Number(month);
  return { day, month: monthNumber <= 2 ? month : String(monthNumber), year };
}

function hourMinute(instant: Date): { hours: string; minutes: string } {
  const total = Math.floor(vietnamMinutesOf(instant));
  return {
    hours: String(Math.floor(total / 60)).padStart(2, '0'),
    minutes: String(total % 60).padStart(2, '0'),
  };
}

/** "ngày 27 tháng 11 năm 2026" for a `YYYY-MM-DD` Vietnamese calendar date. */
export function localDateInWords(date: string): string {
  parseLocalDate(date);
  const { day, month, year } = dayMonthYear(date);
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** "ngày 27 tháng 11 năm 2026": the Vietnamese calendar day of an instant. */
export function dateInWords(instant: Date): string {
  return localDateInWords(toVietnamDate(instant));
}

/** "10 giờ 05 phút, ngày 27 tháng 11 năm 2026". */
export function timeAndDateInWords(instant: Date): string {
  const { hours, minutes } = hourMinute(instant);
  return `${hours} giờ ${minutes} phút, ${dateInWords(instant)}`;
}

/** The italic date line of the header: "Duy Xuyên, ngày 27 tháng 11 năm 2026". */
export function placeAndDate(place: string, instant: Date): string {
  return `${place}, ${dateInWords(instant)}`;
}

/** "27/11/2026" for a `YYYY-MM-DD` date: table cells, where words do not fit. */
export function localDateShort(date: string): string {
  parseLocalDate(date);
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** "10:05 27/11/2026": table cells. */
export function dateTimeShort(instant: Date): string {
  const { hours, minutes } = hourMinute(instant);
  return `${hours}:${minutes} ${localDateShort(toVietnamDate(instant))}`;
}
