/** Shared fixtures of the legal clock tests. */

/** An instant written in Vietnam time, e.g. vn('2026-11-27 10:00'). */
export function vn(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+07:00`);
}

export { seededRandom } from '../src/testing/seeded-random.js';

/** `count` instants spread at random (to the millisecond) between two Vietnam times. */
export function randomInstants(next: () => number, count: number, from: string, to: string): Date[] {
  const start = vn(from).getTime();
  const end = vn(to).getTime();
  return Array.from({ length: count }, () => new Date(start + Math.floor(next() * (end - start))));
}
