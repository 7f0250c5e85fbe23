import { RateLimitedError } from '@motcua/domain';

/**
 * The limit on failed logins per client address, whatever the usernames tried: without it, one
 * password can be tried against every account from one address. Only failures count, because the
 * officers of a one-stop office share one public address and sign in together at opening time.
 *
 * An attempt counts as a failure from the moment it starts until it succeeds, so a burst of
 * parallel attempts cannot slip past the limit while their passwords are still being hashed. The
 * counts live in this process, one fixed window per address, like the other rate limits.
 */
export interface FailedLoginLimitOptions {
  /** Failed logins allowed per address and window. */
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

interface Window {
  endsAt: number;
  failures: number;
}

/** Settles an attempt begun by `begin`: whether its credentials were wrong. */
export type SettleAttempt = (failed: boolean) => void;

/** A failed-login limit with its own counts (see the module comment). */
export function createFailedLoginLimit(options: FailedLoginLimitOptions) {
  const { maxFailures, windowMs } = options;
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();
  let nextSweep = 0;

  /** Forgets the windows that have ended, at most once per window length, so memory stays bounded. */
  function sweep(at: number): void {
    if (at < nextSweep) return;
    nextSweep = at + windowMs;
    for (const [address, window] of windows) if (window.endsAt <= at) windows.delete(address);
  }

  return {
    /**
     * Starts a login attempt from `address`. Throws 429 with Retry-After when the address has used up
     * its failures (attempts in progress included); otherwise returns the function that settles it.
     */
    begin(address: string): SettleAttempt {
      const at = now();
      sweep(at);
      let window = windows.get(address);
      if (!window || window.endsAt <= at) {
        window = { endsAt: at + windowMs, failures: 0 };
        windows.set(address, window);
      }
      if (window.failures >= maxFailures) {
        const retryAfter = Math.max(1, Math.ceil((window.endsAt - at) / 1000));
        throw new RateLimitedError(`too many failed logins from this address: retry in ${retryAfter} s`, retryAfter);
      }
      const current = window;
      current.failures += 1;
      let settled = false;
      return (failed) => {
        if (settled) return;
        settled = true;
        if (!failed) current.failures -= 1;
      };
    },
  };
}
