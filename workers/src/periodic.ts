/**
 * A job that runs again and again in the background (the notification dispatcher, the at-risk scan):
 * one run at a time, a pause between runs, errors logged and the next run attempted, and a stop that
 * waits for the run in flight, so SIGTERM never cuts a run in half.
 */
import { errorFields, type Logger } from './logger.js';

export interface PeriodicJob {
  start(): void;
  /** No new run starts; resolves when the run in flight (if any) has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `run` now and then every `intervalMs` after the previous run ended. A run that returns `true`
 * has more work waiting: the next one starts at once.
 */
export function createPeriodicJob(options: {
  name: string;
  intervalMs: number;
  run: () => Promise<boolean | void>;
  logger: Logger;
}): PeriodicJob {
  let stopping = true;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  function schedule(delayMs: number): void {
    if (stopping) return;
    timer = setTimeout(() => {
      running = (async () => {
        let delay = options.intervalMs;
        try {
          if ((await options.run()) === true) delay = 0;
        } catch (error) {
          options.logger.error({ job: options.name, ...errorFields(error) }, 'background job failed; trying again');
        }
        running = undefined;
        schedule(delay);
      })();
    }, delayMs);
  }

  return {
    start() {
      if (!stopping) return;
      stopping = false;
      schedule(0);
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}
