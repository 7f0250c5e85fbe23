import { UnavailableError } from '@motcua/domain';

/**
 * The limit on heavy reports computed at once: the statistics (Biểu 06, its exports, the drill-down,
 * the Decision 766 index and the dashboard's trend), the register (Mẫu 06) and the dossiers at risk.
 * At a province's volume each of their statements holds a pooled database connection for seconds
 * (docs/benchmarks.md, "The statistics for a year"); unbounded, a few leaders asking for a year take
 * every connection, and every other request — an officer's read, a reception — waits for one until
 * the pool gives up with a 500. Over the limit a report waits briefly for a slot, as the reports page
 * asks for several at once; then, or when too many already wait, it is refused with 503 and
 * Retry-After, and the rest of the pool stays for everyone else.
 *
 * A slot is taken around the report's statements only, which the services reach after the caller's
 * sign-in, role and agency were checked: a caller who may not read the report never takes one. It
 * is given back when the statements settle, however they settle. A client that goes away does not
 * give it back sooner: its statement holds the connection until it ends all the same.
 */
export interface HeavyReportLimitOptions {
  /** Heavy reports computed at once (HEAVY_REPORTS_AT_ONCE). */
  atOnce: number;
  /** How long a report waits for a slot before it is refused. */
  waitMs?: number;
  now?: () => number;
}

/** Long enough for the few reports of one page to pass one after the other, short beside a year's statistics. */
export const HEAVY_REPORT_WAIT_MS = 2_000;
/**
 * Reports that may wait for a slot, at the least: the reports page asks for the statistics, the
 * Decision 766 index and the dossiers at risk at once, and must get them under `npm start`'s one slot.
 * More wait when more run (`atOnce`); beyond that a report is refused at once.
 */
const MIN_WAITING = 4;
/** Before any report has finished, the wait suggested to a refused caller. */
const FIRST_RETRY_AFTER_MS = 5_000;
/** The longest wait suggested: a report slower than that is worth asking for again sooner. */
const MAX_RETRY_AFTER_SECONDS = 120;
/** The weight of the latest report in the running mean of their durations. */
const LATEST_WEIGHT = 0.2;

/** A heavy-report limit with its own count of reports under way and waiting (see the module comment). */
export function createHeavyReportLimit(options: HeavyReportLimitOptions) {
  const { atOnce } = options;
  const waitMs = options.waitMs ?? HEAVY_REPORT_WAIT_MS;
  const maxWaiting = Math.max(atOnce, MIN_WAITING);
  const now = options.now ?? Date.now;
  let underWay = 0;
  /** The reports waiting for a slot, first come first served: each is handed one. */
  const waiting: (() => void)[] = [];
  let typicalMs = FIRST_RETRY_AFTER_MS;

  function busy(): UnavailableError {
    const seconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(typicalMs / 1000)));
    return new UnavailableError(
      `Máy chủ đang lập ${underWay} báo cáo lớn cùng lúc, mức tối đa cho phép (thống kê, sổ theo dõi, hồ sơ ` +
        `có nguy cơ trễ hạn): vui lòng thử lại sau ${seconds} giây. (The server is computing ${underWay} heavy ` +
        `reports at once, its limit HEAVY_REPORTS_AT_ONCE: try again in ${seconds} s.)`,
      seconds,
    );
  }

  /** Takes a slot, at once or after waiting for one; throws 503 when none comes in time. */
  async function takeSlot(): Promise<void> {
    if (underWay < atOnce) {
      underWay += 1;
      return;
    }
    if (waitMs <= 0 || waiting.length >= maxWaiting) throw busy();
    await new Promise<void>((resolve, reject) => {
      const handOver = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(handOver), 1);
        reject(busy());
      }, waitMs);
      waiting.push(handOver);
    });
  }

  /** Gives a slot back, to the first report waiting if there is one. */
  function giveBack(): void {
    const next = waiting.shift();
    if (next) next();
    else underWay -= 1;
  }

  return {
    atOnce,
    maxWaiting,

    /** Heavy reports being computed now. */
    get underWay(): number {
      return underWay;
    },

    /** Heavy reports waiting for a slot. */
    get waiting(): number {
      return waiting.length;
    },

    /**
     * Runs a report's statements in a slot, waiting up to `waitMs` for one. Throws 503 with
     * Retry-After, without running anything, when none comes; otherwise holds the slot until `work`
     * settles.
     */
    async run<T>(work: () => Promise<T>): Promise<T> {
      await takeSlot();
      const startedAt = now();
      try {
        return await work();
      } finally {
        typicalMs += LATEST_WEIGHT * (now() - startedAt - typicalMs);
        giveBack();
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
