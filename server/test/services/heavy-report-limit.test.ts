import { describe, expect, it } from 'vitest';
import { UnavailableError } from '@motcua/domain';
import { createHeavyReportLimit, withHeavyReportSlots } from '../../src/services/heavy-report-limit.js';

/** The heavy-report limit's own arithmetic: slots, the wait for one, their return, and the wait it suggests. */

/** A report that runs until the test settles it. */
function pending<T>() {
  let settle!: { resolve: (value: T) => void; reject: (error: Error) => void };
  const promise = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  return { promise, ...settle };
}

describe('the heavy-report limit', () => {
  it('runs as many reports at once as it allows and, waiting for none, refuses the next with 503 before running it', async () => {
    const limit = createHeavyReportLimit({ atOnce: 2, waitMs: 0 });
    const first = pending<string>();
    const second = pending<string>();
    const running = [limit.run(() => first.promise), limit.run(() => second.promise)];
    let ranThird = false;
    const third = limit.run(async () => {
      ranThird = true;
    });
    await expect(third).rejects.toBeInstanceOf(UnavailableError);
    await expect(third).rejects.toMatchObject({ retryAfterSeconds: 5 });
    expect(ranThird).toBe(false);
    expect(limit.underWay).toBe(2);
    first.resolve('a');
    second.resolve('b');
    expect(await Promise.all(running)).toEqual(['a', 'b']);
    expect(limit.underWay).toBe(0);
  });

  it('lets a few reports wait, hands each a slot given back in turn, and refuses one more at once', async () => {
    const limit = createHeavyReportLimit({ atOnce: 1, waitMs: 60_000 });
    const first = pending<string>();
    const running = limit.run(() => first.promise);
    const order: number[] = [];
    const waited = Array.from({ length: limit.maxWaiting }, (_, index) =>
      limit.run(async () => {
        order.push(index);
        return index;
      }),
    );
    expect(limit.waiting).toBe(limit.maxWaiting);
    await expect(limit.run(async () => 'one more')).rejects.toBeInstanceOf(UnavailableError);
    expect(order).toEqual([]);
    first.resolve('first');
    expect(await running).toBe('first');
    const served = await Promise.all(waited);
    expect(order).toEqual(served);
    expect(served).toEqual([...served].sort((a, b) => a - b));
    expect([limit.underWay, limit.waiting]).toEqual([0, 0]);
  });

  it('refuses a report that waited longer than it may', async () => {
    const limit = createHeavyReportLimit({ atOnce: 1, waitMs: 20 });
    const first = pending<void>();
    const running = limit.run(() => first.promise);
    await expect(limit.run(async () => 'late')).rejects.toBeInstanceOf(UnavailableError);
    expect(limit.waiting).toBe(0);
    first.resolve();
    await running;
    expect(limit.underWay).toBe(0);
  });

  it('gives the slot back when a report fails', async () => {
    const limit = createHeavyReportLimit({ atOnce: 1, waitMs: 0 });
    await expect(limit.run(() => Promise.reject(new Error('statement cancelled')))).rejects.toThrow('cancelled');
    expect(limit.underWay).toBe(0);
    expect(await limit.run(async () => 'served')).toBe('served');
  });

  it('suggests a wait that follows how long the reports take, between 1 s and 2 min', async () => {
    let clock = 0;
    const limit = createHeavyReportLimit({ atOnce: 1, waitMs: 0, now: () => clock });
    const refusal = async () => {
      const blocker = pending<void>();
      const running = limit.run(() => blocker.promise);
      const refused = await limit.run(async () => undefined).catch((error: UnavailableError) => error);
      blocker.resolve();
      await running;
      return (refused as UnavailableError).retryAfterSeconds;
    };
    const takes = async (ms: number) => {
      await limit.run(async () => {
        clock += ms;
      });
    };
    for (let report = 0; report < 30; report += 1) await takes(40_000);
    expect(await refusal()).toBe(40);
    for (let report = 0; report < 30; report += 1) await takes(10);
    expect(await refusal()).toBe(1);
    for (let report = 0; report < 30; report += 1) await takes(3_600_000);
    expect(await refusal()).toBe(120);
  });

  it('runs only the named methods of a repository in its slots', async () => {
    const limit = createHeavyReportLimit({ atOnce: 1, waitMs: 0 });
    const blocker = pending<number>();
    const repository = withHeavyReportSlots(
      limit,
      { heavy: (value: number) => blocker.promise.then((base) => base + value), light: async () => 'light' },
      ['heavy'],
    );
    const heavy = repository.heavy(1);
    await expect(repository.heavy(2)).rejects.toBeInstanceOf(UnavailableError);
    expect(await repository.light()).toBe('light');
    blocker.resolve(40);
    expect(await heavy).toBe(41);
  });
});
