import type { Db } from '@motcua/db';

/** Agencies and the tree they form; the tree is what scopes an officer's view. */
export function createAgencyRepository(db: Db) {
  return {
    findByCode(code: string) {
      return db.agency.findUnique({ where: { code } });
    },

    /** Ids of the agency with this code and of every agency below it (empty if the code is unknown). */
    async subtreeIds(code: string): Promise<string[]> {
      const rows = await db.$queryRaw<{ id: string }[]>`
        WITH RECURSIVE subtree AS (
          SELECT id FROM "Agency" WHERE code = ${code}
          UNION
          SELECT child.id FROM "Agency" child JOIN subtree ON child."parentId" = subtree.id
        )
        SELECT id::text AS id FROM subtree`;
      return rows.map((row) => row.id);
    },
  };
}
export type AgencyRepository = ReturnType<typeof createAgencyRepository>;
