/** Shared fixtures of the legal clock tests. */

/** An instant written in Vietnam time, e.g. vn('2026-11-27 10:00'). */
export function vn(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+07:00`);
}

/** mulberry32: a small seeded generator, so a failing property reproduces. Returns numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` instants spread at random (to the millisecond) between two Vietnam times. */
export function randomInstants(next: () => number, count: number, from: string, to: string): Date[] {
  const start = vn(from).getTime();
  const end = vn(to).getTime();
  return Array.from({ length: count }, () => new Date(start + Math.floor(next() * (end - start))));
}
