import { isDeepStrictEqual } from 'node:util';
import { Prisma, type Db } from '@motcua/db';
import type { DossierAccess } from '@motcua/domain';
import {
  listedIds,
  listStatements,
  listStatementsByOr,
  type DossierListQuery,
  type TimelinessBounds,
} from '../../src/repositories/dossier-repository.js';

/** One request on which the list (`listStatements`) and the rule's OR (`listStatementsByOr`) answer otherwise. */
export interface ListDisagreement {
  access: DossierAccess;
  query: DossierListQuery;
  listed: unknown;
  byOr: unknown;
}

/**
 * The requests, for each access, on which the list's walks by branch of the access rule answer
 * otherwise than one walk with the rule's OR, the reference: the page's ids and the total by both,
 * read in one snapshot. Empty when the two agree on all.
 */
export async function dossierListDisagreements(
  db: Db,
  accesses: readonly DossierAccess[],
  queries: readonly DossierListQuery[],
  bounds: TimelinessBounds,
): Promise<ListDisagreement[]> {
  return db.$transaction(
    async (tx) => {
      const disagreements: ListDisagreement[] = [];
      for (const access of accesses) {
        for (const query of queries) {
          const listed = await listedIds(tx, listStatements(access, query, bounds));
          const byOr = await listedIds(tx, listStatementsByOr(access, query, bounds));
          if (!isDeepStrictEqual(listed, byOr)) disagreements.push({ access, query, listed, byOr });
        }
      }
      return disagreements;
    },
    // many requests on a busy machine: more than Prisma's 5 s
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 60_000, timeout: 300_000 },
  );
}
