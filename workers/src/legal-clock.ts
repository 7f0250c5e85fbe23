/**
 * The legal clock the workers compute with: the rules of @motcua/common/calendar, the settings of the
 * environment (cut-off, receipt day, apology lead time) and the holiday rows of our database
 * (`CalendarDay`: the yearly official schedules, swap days, extra days off). The rows are loaded at
 * start and read again every CALENDAR_REFRESH_MS, so an administrator's edit reaches the workers
 * without a restart; a failed refresh keeps the clock it had.
 */
import { legalClockFromEnv, type LegalClockSetup } from '@motcua/common/calendar';
import type { LegalClockEnv } from '@motcua/common/config';
import type { Db } from '@motcua/db';
import { loadCalendarDays } from '@motcua/db/calendar-days';
import { errorFields, type Logger } from './logger.js';

export interface LegalClockSource {
  /** The clock built from the rows read last. */
  current(): LegalClockSetup;
  /** Reads the rows again and rebuilds the clock. */
  refresh(): Promise<void>;
  /** Stops the periodic refresh and waits for a read in flight. */
  stop(): Promise<void>;
}

export async function startLegalClockSource(options: {
  db: Db;
  settings: LegalClockEnv;
  refreshMs: number;
  logger: Logger;
}): Promise<LegalClockSource> {
  const build = async () => legalClockFromEnv(options.settings, await loadCalendarDays(options.db));
  let setup = await build();
  let refreshing: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    setup = await build();
  }

  const timer = setInterval(() => {
    refreshing ??= refresh()
      .catch((error: unknown) => options.logger.error(errorFields(error), 'reading the holiday calendar failed'))
      .finally(() => (refreshing = undefined));
  }, options.refreshMs);
  timer.unref();

  return {
    current: () => setup,
    refresh,
    async stop() {
      clearInterval(timer);
      await refreshing;
    },
  };
}
