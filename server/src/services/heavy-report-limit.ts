import { UnavailableError } from '@motcua/domain';

/**
 * The limit on heavy reports computed at once: the statistics (Biểu 06, its exports, the drill-down,
 * the Decision 766 index and the dashboard's trend), the register (Mẫu 06) and the dossiers at risk.
 * At a province's volume each of their statements holds a pooled database connection for seconds
 * (docs/benchmarks.md, "The statistics for a year"); unbounded, a few leaders asking for a year take
 * every connection, and every other request — an officer's read, a reception — waits for one until
 * the pool gives up with a 500. Over the limit a report is refused at once, 503 with Retry-After, and
 * the rest of the pool stays for everyone else.
 *
 * A slot is taken around the report's statements only, which the services reach after the caller's
 * sign-in, role and agency were checked: a caller who may not read the report never takes one. It
 * is given back when the statements settle, however they settle. A client that goes away does not
 * give it back sooner: its statement holds the connection until it ends all the same.
 */
export interface HeavyReportLimitOptions {
  /** Heavy reports computed at once (REPORTS_AT_ONCE). */
  atOnce: number;
  now?: () => number;
}

/** Before any report has finished, the wait suggested to a refused caller. */
const FIRST_RETRY_AFTER_MS = 5_000;
/** The longest wait suggested: a report slower than that is worth asking for again sooner. */
const MAX_RETRY_AFTER_SECONDS = 120;
/** The weight of the latest report in the running mean of their durations. */
const LATEST_WEIGHT = 0.2;

/** A heavy-report limit with its own count of reports under way (see the module comment). */
export function createHeavyReportLimit(options: HeavyReportLimitOptions) {
  const { atOnce } = options;
  const now = options.now ?? Date.now;
  let underWay = 0;
  let typicalMs = FIRST_RETRY_AFTER_MS;

  function retryAfterSeconds(): number {
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(typicalMs / 1000)));
  }

  return {
    atOnce,

    /** Heavy reports being computed now. */
    get underWay(): number {
      return underWay;
    },

    /**
     * Runs a report's statements in a slot. Throws 503 with Retry-After, before running anything, when
     * all `atOnce` slots are taken; otherwise the slot is held until `work` settles.
     */
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (underWay >= atOnce) {
        const seconds = retryAfterSeconds();
        throw new UnavailableError(
          `Máy chủ đang lập ${underWay} báo cáo lớn cùng lúc, mức tối đa cho phép (thống kê, sổ theo dõi, hồ sơ ` +
            `có nguy cơ trễ hạn): vui lòng thử lại sau ${seconds} giây. (The server is computing ${underWay} heavy ` +
            `reports at once, its limit REPORTS_AT_ONCE: try again in ${seconds} s.)`,
          seconds,
        );
      }
      underWay += 1;
      const startedAt = now();
      try {
        return await work();
      } finally {
        underWay -= 1;
        typicalMs += LATEST_WEIGHT * (now() - startedAt - typicalMs);
      }
    },
  };
}
export type HeavyReportLimit = ReturnType<typeof createHeavyReportLimit>;

/**
 * The repository as it is, except that each of its `heavy` methods runs in a slot of `limit`: the
 * services keep their order (checks first, then the statements), and the statements take the slots.
 */
export function withHeavyReportSlots<
  Repository extends Record<Heavy, (...args: never[]) => Promise<unknown>>,
  Heavy extends keyof Repository,
>(limit: HeavyReportLimit, repository: Repository, heavy: readonly Heavy[]): Repository {
  const slotted: Repository = { ...repository };
  for (const name of heavy) {
    const method = repository[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    (slotted as Record<Heavy, unknown>)[name] = (...args: unknown[]) => limit.run(() => method(...args));
  }
  return slotted;
}
