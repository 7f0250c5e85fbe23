import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, poolOf, type Db } from '../src/client.js';
import { createTestDatabase, query, type TestDatabase } from './database.js';

/**
 * The connections of createDb on the machine's PostgreSQL: opened without JIT compilation, whatever
 * the database's own setting, for both Prisma's statements and the hot reads sent on its pool.
 */
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  // every session of this database compiles with JIT unless its connection says otherwise
  await query(database.url, `ALTER DATABASE "${database.name}" SET jit = on`);
  db = createDb(database.url, { max: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe('createDb', () => {
  it('opens its connections with jit off, where a plain connection to the same database has it on', async () => {
    // given a database whose sessions have JIT on
    expect(await query<{ jit: string }>(database.url, 'SHOW jit')).toEqual([{ jit: 'on' }]);
    // then the client's statements run with it off, on Prisma's path and on its pool
    expect(await db.$queryRaw<{ jit: string }[]>`SHOW jit`).toEqual([{ jit: 'off' }]);
    const pool = poolOf(db);
    expect(pool).toBeDefined();
    expect((await pool!.query<{ jit: string }>('SHOW jit')).rows).toEqual([{ jit: 'off' }]);
  });
});
