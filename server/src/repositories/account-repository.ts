import type { Db, Prisma } from '@motcua/db';
import type { AuditEntry } from './audit-repository.js';

/** Officer accounts with their agency; each administrative write is stored with its audit row, in one transaction. */

const WITH_AGENCY = { agency: { select: { code: true, name: true } } } as const;
export type AccountRow = Prisma.AccountGetPayload<{ include: typeof WITH_AGENCY }>;

export function createAccountRepository(db: Db) {
  return {
    findByUsername(username: string) {
      return db.account.findUnique({ where: { username }, include: { agency: true } });
    },

    /** What a token is checked against: whether the account is active, its token version, and whether its password is temporary. */
    tokenState(
      username: string,
    ): Promise<{ active: boolean; tokenVersion: number; mustChangePassword: boolean } | null> {
      return db.account.findUnique({
        where: { username },
        select: { active: true, tokenVersion: true, mustChangePassword: true },
      });
    },

    /** One page of the accounts of the given agencies, by username, and how many there are in all. */
    async list(filter: {
      agencyIds: string[];
      q?: string;
      active?: boolean;
      skip: number;
      take: number;
    }): Promise<{ rows: AccountRow[]; total: number }> {
      const where: Prisma.AccountWhereInput = {
        agencyId: { in: filter.agencyIds },
        ...(filter.active === undefined ? {} : { active: filter.active }),
        ...(filter.q
          ? {
              OR: [
                { username: { contains: filter.q, mode: 'insensitive' } },
                { fullName: { contains: filter.q, mode: 'insensitive' } },
              ],
            }
          : {}),
      };
      const [rows, total] = await Promise.all([
        db.account.findMany({ where, include: WITH_AGENCY, orderBy: { username: 'asc' }, skip: filter.skip, take: filter.take }),
        db.account.count({ where }),
      ]);
      return { rows, total };
    },

    /** Creates the account and its audit row; null when the username is taken. */
    async create(
      data: Omit<Prisma.AccountUncheckedCreateInput, 'id'>,
      audit: AuditEntry,
    ): Promise<AccountRow | null> {
      return db.$transaction(async (tx) => {
        const inserted = await tx.account.createMany({ data: [data], skipDuplicates: true });
        if (inserted.count === 0) return null;
        await tx.auditLog.create({ data: audit });
        return tx.account.findUniqueOrThrow({ where: { username: data.username }, include: WITH_AGENCY });
      });
    },

    /** The officer's own new password: it is theirs from now on, no longer temporary. */
    async changePassword(username: string, passwordHash: string, audit: AuditEntry): Promise<AccountRow> {
      return db.$transaction(async (tx) => {
        const updated = await tx.account.update({
          where: { username },
          data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
          include: WITH_AGENCY,
        });
        await tx.auditLog.create({ data: audit });
        return updated;
      });
    },

    /** Changes the account and writes its audit row. The database trigger revokes its tokens when what they stand for changed. */
    async update(
      username: string,
      data: Prisma.AccountUncheckedUpdateInput,
      audit: AuditEntry,
    ): Promise<AccountRow> {
      return db.$transaction(async (tx) => {
        const updated = await tx.account.update({ where: { username }, data, include: WITH_AGENCY });
        await tx.auditLog.create({ data: audit });
        return updated;
      });
    },
  };
}
export type AccountRepository = ReturnType<typeof createAccountRepository>;
