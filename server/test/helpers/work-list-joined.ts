import { isDeepStrictEqual } from 'node:util';
import { TASK_LIST_TOTAL_CAP, TASK_TIMELINESS, type QueryTask } from '@motcua/common';
import { Prisma, type Db } from '@motcua/db';
import { dossierAccessOf, sqlWorksNow, type DossierAccess } from '@motcua/domain';
import { timelinessCondition, type TimelinessBounds } from '../../src/repositories/dossier-repository.js';
import { sqlOfferedTo, WORK_LIST_ROW, workListStatements } from '../../src/repositories/task-repository.js';
import type { TokenPayload } from '../../src/schemas/auth.js';

/**
 * The work list's two statements as they were before each open task kept copies of its dossier's
 * columns: every task of the caller's groups joined with its dossier (found by the process instance)
 * and its procedure, the rules applied to the dossier row itself. The reference the list's answers
 * are checked against along every path of every procedure (test/journeys/procedure-journeys.test.ts)
 * and after an apology's new appointment (test/routes/api/apologies.test.ts), and the baseline
 * bench/work-list-plans.ts times beside them.
 */
export function joinedWorkListStatements(
  caller: TokenPayload,
  access: DossierAccess,
  query: QueryTask,
  bounds: TimelinessBounds,
): { page: Prisma.Sql; total: Prisma.Sql } {
  const where = Prisma.join(
    [
      ...sqlOfferedTo(caller, query),
      sqlWorksNow(access, Prisma.sql`d`),
      ...(query.procedureCode ? [Prisma.sql`p.code = ${query.procedureCode}`] : []),
      ...(query.dossierCode ? [Prisma.sql`d.code LIKE ${`${query.dossierCode}%`}`] : []),
      ...(query.timeliness ? [timelinessCondition(query.timeliness, bounds)] : []),
    ],
    ' AND ',
  );
  const from = Prisma.sql`
    FROM "OpenTask" t
    JOIN "Dossier" d ON d."processInstanceId" = t."processInstanceId"
    JOIN "Procedure" p ON p.id = d."procedureId"`;
  const order = query.order === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const column = query.sort === 'created' ? Prisma.sql`t.created` : Prisma.sql`t.due`;
  return {
    page: Prisma.sql`
      SELECT ${WORK_LIST_ROW} ${from}
      JOIN "ProcedureVersion" v ON v.id = d."procedureVersionId"
      WHERE ${where}
      ORDER BY ${column} ${order}, t.id ${order}
      LIMIT ${query.perPage} OFFSET ${(query.page - 1) * query.perPage}`,
    total: Prisma.sql`SELECT LEAST(COUNT(*), ${TASK_LIST_TOTAL_CAP + 1})::int AS total ${from} WHERE ${where}`,
  };
}

/** The requests each comparison makes: the plain list and each filter, sort and assignment. */
function requestShapes(dossierCode: string, procedureCode: string): Partial<QueryTask>[] {
  return [
    {},
    { sort: 'created', order: 'desc' },
    { perPage: 1, page: 2 },
    { assignment: 'mine' },
    { assignment: 'claimable' },
    ...TASK_TIMELINESS.map((timeliness) => ({ timeliness })),
    { dossierCode },
    { dossierCode: dossierCode.slice(0, -3) },
    { procedureCode },
  ];
}

/**
 * The requests for which the officer's work list (`workListStatements`) answers otherwise than the
 * joined statements, read in one snapshot (walks and workers change dossiers meanwhile): for each
 * request shape, its page and total by both, when they differ. Empty when the two agree on all.
 */
export async function workListDisagreements(
  db: Db,
  username: string,
  dossier: { code: string; procedureCode: string },
  bounds: TimelinessBounds,
): Promise<{ query: Partial<QueryTask>; listed: unknown; joined: unknown }[]> {
  const account = await db.account.findUniqueOrThrow({ where: { username }, include: { agency: true } });
  const caller = { sub: username, roles: account.roles, agencyCode: account.agency.code } as TokenPayload;
  const access = await dossierAccessOf(db, caller);
  const base: QueryTask = { page: 1, perPage: 25, sort: 'due', order: 'asc' };
  return db.$transaction(
    async (tx) => {
      const answer = async (statements: { page: Prisma.Sql; total: Prisma.Sql }) => ({
        rows: await tx.$queryRaw(statements.page),
        total: await tx.$queryRaw(statements.total),
      });
      const disagreements = [];
      for (const shape of requestShapes(dossier.code, dossier.procedureCode)) {
        const query = { ...base, ...shape };
        const listed = await answer(workListStatements(caller, access, query, bounds));
        const joined = await answer(joinedWorkListStatements(caller, access, query, bounds));
        if (!isDeepStrictEqual(listed, joined)) disagreements.push({ query: shape, listed, joined });
      }
      return disagreements;
    },
    // the walks run side by side on a busy machine: the comparison's reads may take more than Prisma's 5 s
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 60_000, timeout: 120_000 },
  );
}
