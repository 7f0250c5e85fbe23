/**
 * Agency codes over time (issue 3, point 2): agencies keep every code they have had (`AgencyCode`,
 * kept by a database trigger on `Agency`), and after a merger an agency points to its successor. A
 * dossier code, a transfer or a report naming an old code still finds the agency that does the work
 * now. Legal basis of the identifiers: Decision 20/2020/QĐ-TTg Art. 4, amended by Decision
 * 09/2025/QĐ-TTg (codes reissued with the 2025 reorganisation, in force from 01/07/2025).
 */
import type { Agency, AgencyCode, Prisma } from '#generated/client';
import type { Db } from './client.js';

/** Longest successor chain followed; a longer one is a data error (a cycle). */
const MAX_SUCCESSIONS = 16;

/** How a code resolves: the history row it was issued under, and the agencies it leads through. */
export interface AgencySuccession {
  /** The code's history row; null for a current code the history has no row for (kept before it was). */
  history: AgencyCode | null;
  /** The agency the code was issued to, then each successor after a merger, to the one doing its work now. */
  path: [Agency, ...Agency[]];
}

/**
 * The agencies that `code` leads through: the one it was issued to (current or old code), followed
 * through its successors after mergers. Null when no agency ever had that code.
 */
export async function resolveAgencySuccession(
  db: Db | Prisma.TransactionClient,
  code: string,
): Promise<AgencySuccession | null> {
  const history = await db.agencyCode.findUnique({ where: { code } });
  const named = history
    ? await db.agency.findUnique({ where: { id: history.agencyId } })
    : await db.agency.findUnique({ where: { code } });
  if (!named) return null;
  const path: AgencySuccession['path'] = [named];
  const seen = new Set<string>();
  let agency = named;
  while (agency.successorId) {
    if (seen.has(agency.id) || seen.size >= MAX_SUCCESSIONS) {
      throw new Error(`Agency succession from code ${code} does not end (cycle through agency ${agency.code})`);
    }
    seen.add(agency.id);
    const successor = await db.agency.findUnique({ where: { id: agency.successorId } });
    if (!successor) return null;
    path.push(successor);
    agency = successor;
  }
  return { history, path };
}

/**
 * The agency that does the work of `code` now: the last of its succession. Null when no agency ever
 * had that code.
 */
export async function resolveAgency(db: Db | Prisma.TransactionClient, code: string): Promise<Agency | null> {
  return (await resolveAgencySuccession(db, code))?.path.at(-1) ?? null;
}

/** Every code an agency has had, oldest first; the current one has no `validUntil`. */
export async function agencyCodeHistory(db: Db | Prisma.TransactionClient, agencyId: string): Promise<AgencyCode[]> {
  return db.agencyCode.findMany({ where: { agencyId }, orderBy: [{ validFrom: 'asc' }, { code: 'asc' }] });
}
