import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, type Db } from '@motcua/db';

/**
 * A connection pool of `max` connections to the test database of global-setup.ts, opened before the
 * file's tests and closed after them; call it at the top of a test file and read the pool through
 * the returned function.
 */
export function useTestDatabase(max = 3): () => Db {
  let db: Db | undefined;
  beforeAll(() => {
    db = createDb(inject('databaseUrl'), { max });
  });
  afterAll(async () => {
    await db?.$disconnect();
  });
  return () => {
    if (!db) throw new Error('the test database is open inside the tests only');
    return db;
  };
}
