import { ConfigError, LegalClockEnvSchema, parseEnv } from '../config.js';
import type { CalendarDayRow } from './holidays.js';
import { createLegalClock, type LegalClock } from './legal-clock.js';
import { createWorkingCalendar, type WorkingCalendar, type WorkingCalendarOptions } from './working-calendar.js';
import { parseBudget } from './working-time.js';

/** A legal clock built from the configuration, with the apology settings that go with it. */
export interface LegalClockSetup {
  calendar: WorkingCalendar;
  clock: LegalClock;
  /** LEGAL_CLOCK_NEARLY_DUE in working minutes (also the clock's `nearlyDueMinutes`). */
  nearlyDueMinutes: number;
  /** APOLOGY_LEAD_TIME in working minutes: flag a dossier at risk this long before its appointment. */
  apologyLeadMinutes: number;
  /** APOLOGY_LIMIT: approved apologies allowed per dossier. */
  apologyLimit: number;
}

/**
 * Builds the working calendar and the legal clock from the environment (LegalClockEnvSchema: raw
 * `process.env` or a configuration already parsed with it) and the calendar data rows (the
 * `CalendarDay` table). Throws a ConfigError naming every bad variable.
 */
export function legalClockFromEnv(
  env: Readonly<Record<string, unknown>>,
  days: readonly CalendarDayRow[],
  calendarOptions: Omit<WorkingCalendarOptions, 'days'> = {},
): LegalClockSetup {
  // The schema accepts both the environment's strings and its own parsed values.
  const settings = parseEnv(LegalClockEnvSchema, env as Record<string, string | undefined>);
  const calendar = createWorkingCalendar({ ...calendarOptions, days });
  /** Values the schema lets through but the calendar refuses (e.g. a cut-off outside office hours). */
  function checked<T>(variable: string, build: () => T): T {
    try {
      return build();
    } catch (error) {
      if (error instanceof RangeError) throw new ConfigError(`invalid configuration: ${variable} ${error.message}`);
      throw error;
    }
  }
  const nearlyDueMinutes = checked('LEGAL_CLOCK_NEARLY_DUE', () =>
    parseBudget(settings.LEGAL_CLOCK_NEARLY_DUE, calendar.minutesPerDay),
  );
  const apologyLeadMinutes = checked('APOLOGY_LEAD_TIME', () =>
    parseBudget(settings.APOLOGY_LEAD_TIME, calendar.minutesPerDay),
  );
  const clock = checked('LEGAL_CLOCK_AFTERNOON_CUTOFF', () =>
    createLegalClock({
      calendar,
      afternoonCutoff: settings.LEGAL_CLOCK_AFTERNOON_CUTOFF,
      receiptDayCounts: settings.LEGAL_CLOCK_RECEIPT_DAY_COUNTS,
      nearlyDueMinutes,
    }),
  );
  return {
    calendar,
    clock,
    nearlyDueMinutes,
    apologyLeadMinutes,
    apologyLimit: settings.APOLOGY_LIMIT,
  };
}
