import { legalClockFromEnv, type CalendarDayRow, type LegalClock, type LegalClockSetup } from '@motcua/common/calendar';
import type { LegalClockEnv } from '@motcua/common/config';

/**
 * The server's one legal clock (issue 3, point 3): the working calendar of @motcua/common/calendar
 * built from the holiday calendar rows (the `CalendarDay` table) and the LEGAL_CLOCK_* settings.
 * Reception (appointments), timeliness on every page and the apology rules read it here.
 *
 * The clock is built once and kept: the calendar API drops it after each edit (`invalidate`), so an
 * edit counts from the next request on. Rows edited by another process (another server instance, a
 * script) are picked up at most `maxAgeMs` later.
 */
export interface LegalClockService {
  /** The clock with the current calendar rows. */
  clock(): Promise<LegalClock>;
  /** The clock with its calendar and the apology settings that go with it. */
  setup(): Promise<LegalClockSetup>;
  /** Forgets the built clock: the next call reads the calendar rows again. */
  invalidate(): void;
}

/** How long a built clock is kept when nothing in this process changed the calendar. */
const DEFAULT_MAX_AGE_MS = 60_000;

export function createLegalClockService(deps: {
  /** Every row of the holiday calendar. */
  loadDays: () => Promise<readonly CalendarDayRow[]>;
  settings: LegalClockEnv;
  maxAgeMs?: number;
  now?: () => number;
}): LegalClockService {
  const { loadDays, settings } = deps;
  const maxAgeMs = deps.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const now = deps.now ?? Date.now;
  let cached: { setup: Promise<LegalClockSetup>; builtAt: number } | undefined;

  function setup(): Promise<LegalClockSetup> {
    if (cached && now() - cached.builtAt < maxAgeMs) return cached.setup;
    const entry = { setup: loadDays().then((days) => legalClockFromEnv(settings, days)), builtAt: now() };
    cached = entry;
    // a failed load (database down) is not kept: the next call tries again
    entry.setup.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entry.setup;
  }

  return {
    setup,
    async clock() {
      return (await setup()).clock;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
