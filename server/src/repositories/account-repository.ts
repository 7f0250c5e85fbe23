import type { Db } from '@motcua/db';

/** Officer accounts with their agency. */
export function createAccountRepository(db: Db) {
  return {
    findByUsername(username: string) {
      return db.account.findUnique({ where: { username }, include: { agency: true } });
    },
  };
}
export type AccountRepository = ReturnType<typeof createAccountRepository>;
