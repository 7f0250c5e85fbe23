import type { CalendarDayRecord, CalendarYear, CreateCalendarDay } from '@motcua/common';
import { parseLocalDate } from '@motcua/common/calendar';
import { ConflictError, ForbiddenError, InvalidFieldError, NotFoundError } from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { CalendarRepository } from '../repositories/calendar-repository.js';
import type { LegalClockService } from './legal-clock-service.js';

/**
 * The holiday calendar: the year as the legal clock sees it, and the admin unit's edits of its data
 * rows (docs/legal.md §4: "an operator-editable table, never hard-coded"). An edit reaches the
 * server's legal clock at once.
 *
 * The calendar is one for the whole province: it moves the appointments of every agency's dossiers.
 * So only an admin of a root agency (one without a parent: the province) may change it; the admins of
 * districts and communes read it like every officer. The routes that change it ask `assertMayEdit`
 * as their guard, before the body is read; `addDay` and `removeDay` are called after it only.
 */
export function createCalendarService(deps: {
  calendar: CalendarRepository;
  agencies: AgencyRepository;
  legalClock: LegalClockService;
}) {
  const { calendar, agencies, legalClock } = deps;

  return {
    /** Refuses (403) a caller whose agency is not a root agency: the guard of the routes that change the calendar. */
    async assertMayEdit(caller: TokenPayload): Promise<void> {
      const agency = await agencies.findByCode(caller.agencyCode);
      if (!agency || agency.parentId !== null) {
        throw new ForbiddenError(
          `the holiday calendar applies to the whole province: only an admin of the province may change it, not of ${caller.agencyCode}`,
        );
      }
    },

    async year(year: number): Promise<CalendarYear> {
      const [{ calendar: workingCalendar }, rows] = await Promise.all([legalClock.setup(), calendar.ofYear(year)]);
      const first = parseLocalDate(`${String(year).padStart(4, '0')}-01-01`);
      const last = parseLocalDate(`${String(year).padStart(4, '0')}-12-31`);
      let workingDayCount = 0;
      for (let day = first; day <= last; day += 1) if (workingCalendar.isWorkingDay(day)) workingDayCount += 1;
      return {
        year,
        workingDayCount,
        days: workingCalendar.exceptionsIn(year).map((info) => ({
          date: info.date,
          kind: info.kind,
          working: info.working,
          occasion: info.occasion ?? null,
          name: info.name ?? null,
          legalRef: info.legalRef ?? null,
        })),
        rows,
      };
    },

    async addDay(caller: TokenPayload, input: CreateCalendarDay): Promise<CalendarDayRecord> {
      try {
        parseLocalDate(input.date);
      } catch {
        throw new InvalidFieldError('body/date', `${input.date} is not a date of the calendar`, 'invalid_date');
      }
      if (input.kind === 'working_day') {
        const { calendar: workingCalendar } = await legalClock.setup();
        if (workingCalendar.isWorkingDay(input.date)) {
          throw new InvalidFieldError(
            'body/kind',
            `cannot make ${input.date} a working day: it is one already (a worked day pays for a day off on a weekend or holiday)`,
            'calendar_kind_mismatch',
          );
        }
      }
      const created = await calendar.create(input, caller.sub);
      if (!created) throw new ConflictError(`${input.date} has a calendar row already; delete it first to replace it`);
      legalClock.invalidate();
      return created;
    },

    async removeDay(caller: TokenPayload, date: string): Promise<void> {
      const removed = await calendar.remove(date, caller.sub);
      if (!removed) throw new NotFoundError(`${date} has no calendar row`);
      legalClock.invalidate();
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
