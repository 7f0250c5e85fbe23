import type { Db } from '@motcua/db';

/** Officer accounts with their agency. */
export function createAccountRepository(db: Db) {
  return {
    findByUsername(username: string) {
      return db.account.findUnique({ where: { username }, include: { agency: true } });
    },

    /** What a token is checked against: whether the account is active, and its token version. */
    tokenState(username: string): Promise<{ active: boolean; tokenVersion: number } | null> {
      return db.account.findUnique({ where: { username }, select: { active: true, tokenVersion: true } });
    },
  };
}
export type AccountRepository = ReturnType<typeof createAccountRepository>;
