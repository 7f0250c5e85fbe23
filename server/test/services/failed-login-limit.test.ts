import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '@motcua/domain';
import { createFailedLoginLimit } from '../../src/services/failed-login-limit.js';

/** The failed-login limit per client address, on a clock the test moves. */
function limitOn(maxFailures: number) {
  let time = 1_000_000;
  const limit = createFailedLoginLimit({ maxFailures, windowMs: 60_000, now: () => time });
  return { limit, advance: (ms: number) => (time += ms) };
}

/** What a new attempt from `address` meets: 'begun', or the refusal (429) with its Retry-After. */
function attempt(limit: ReturnType<typeof limitOn>['limit'], address: string, failed: boolean) {
  try {
    limit.begin(address)(failed);
    return 'begun';
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return `429 retry-after ${error.retryAfterSeconds}`;
  }
}

describe('the failed-login limit', () => {
  it('refuses an address whose failures reached the limit until its window ends, telling how long to wait', () => {
    const { limit, advance } = limitOn(2);
    expect(attempt(limit, '192.0.2.1', true)).toBe('begun');
    advance(15_000);
    expect(attempt(limit, '192.0.2.1', true)).toBe('begun');
    // 45 s of the window that began with the first failure are left
    expect(attempt(limit, '192.0.2.1', false)).toBe('429 retry-after 45');
    // another address is not concerned
    expect(attempt(limit, '192.0.2.2', true)).toBe('begun');
    // once the window has ended, the address starts again
    advance(45_000);
    expect(attempt(limit, '192.0.2.1', true)).toBe('begun');
  });

  it('does not count successes', () => {
    const { limit } = limitOn(2);
    const outcomes = Array.from({ length: 10 }, () => attempt(limit, '192.0.2.1', false));
    expect(outcomes).toEqual(Array(10).fill('begun'));
    expect([attempt(limit, '192.0.2.1', true), attempt(limit, '192.0.2.1', true)]).toEqual(['begun', 'begun']);
    expect(attempt(limit, '192.0.2.1', true)).toMatch(/^429/);
  });

  it('counts attempts still in progress as failures, and a success settled twice only once', () => {
    const { limit } = limitOn(2);
    // given two attempts begun and not yet settled
    const first = limit.begin('192.0.2.1');
    const second = limit.begin('192.0.2.1');
    // then a third cannot begin
    expect(() => limit.begin('192.0.2.1')).toThrow(/too many failed logins/);
    // when one turns out right (and is settled again by mistake), one place is free again, not two
    first(false);
    first(false);
    second(true);
    expect(attempt(limit, '192.0.2.1', true)).toBe('begun');
    expect(attempt(limit, '192.0.2.1', true)).toMatch(/^429/);
  });
});
