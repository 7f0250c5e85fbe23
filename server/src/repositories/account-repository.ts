import type { Db } from '@motcua/db';

/** Officer accounts with their agency. */
export function createAccountRepository(db: Db) {
  return {
    findByUsername(username: string) {
      return db.account.findUnique({ where: { username }, include: { agency: true } });
    },

    /** True when the account exists and is active: one lookup by the unique username. */
    async isActive(username: string): Promise<boolean> {
      const account = await db.account.findUnique({ where: { username }, select: { active: true } });
      return account?.active === true;
    },
  };
}
export type AccountRepository = ReturnType<typeof createAccountRepository>;
