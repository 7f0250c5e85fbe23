import { describe, expect, it } from 'vitest';
import { build } from '../helpers/build.js';

/** The decorators' database client: its pool is as large as DATABASE_POOL_SIZE says. */
describe('the database pool', () => {
  it.each([3, 12])('opens up to DATABASE_POOL_SIZE=%i connections for queries that run at once', async (size) => {
    const app = await build({ DATABASE_POOL_SIZE: String(size) });
    try {
      // when more queries than the pool holds run at once, each holding its connection a while
      const backends = await Promise.all(
        Array.from(
          { length: size * 3 },
          () => app.db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid, pg_sleep(0.2)::text AS slept`,
        ),
      );
      // then they shared exactly as many database connections as configured
      expect(new Set(backends.map(([row]) => row!.pid)).size).toBe(size);
    } finally {
      await app.close();
    }
  });
});
