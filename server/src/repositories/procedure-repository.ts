import type { Db } from '@motcua/db';
import type { Procedure } from '../schemas/procedures.js';

/** The procedure catalogue, limited to what a set of agencies handles. */
export function createProcedureRepository(db: Db) {
  return {
    async listActive(agencyIds: string[]): Promise<Procedure[]> {
      const rows = await db.procedure.findMany({
        where: { active: true, agencyId: { in: agencyIds } },
        include: { agency: true },
        orderBy: { code: 'asc' },
      });
      return rows.map((row) => ({
        code: row.code,
        name: row.name,
        processingDays: row.processingDays,
        processKey: row.processKey,
        agency: { code: row.agency.code, name: row.agency.name },
      }));
    },

    findActiveByCode(code: string, agencyIds: string[]) {
      return db.procedure.findFirst({
        where: { code, active: true, agencyId: { in: agencyIds } },
        include: { agency: true },
      });
    },
  };
}
export type ProcedureRepository = ReturnType<typeof createProcedureRepository>;
