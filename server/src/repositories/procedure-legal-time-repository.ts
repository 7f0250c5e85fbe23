import type { Db } from '@motcua/db';

/**
 * The legal processing time of the procedures a process key runs, for the diagram rule that the
 * step budgets add up to it: the processingDays of each procedure whose newest version runs the key.
 */
export function createProcedureLegalTimeRepository(db: Db) {
  return {
    /** The distinct processingDays of the newest version of each procedure, where that version runs `processKey`. */
    async processingDaysOf(processKey: string): Promise<number[]> {
      const procedures = await db.procedure.findMany({
        where: { versions: { some: { processKey } } },
        select: {
          versions: { orderBy: { version: 'desc' }, take: 1, select: { processKey: true, processingDays: true } },
        },
      });
      const days = procedures.flatMap(({ versions }) =>
        versions.filter((version) => version.processKey === processKey).map((version) => version.processingDays),
      );
      return [...new Set(days)].sort((a, b) => a - b);
    },
  };
}
export type ProcedureLegalTimeRepository = ReturnType<typeof createProcedureLegalTimeRepository>;
