import type { Agency, AgencyCodeRecord, ResolvedAgency } from '@motcua/common';
import { resolveAgencySuccession, type Db, type Prisma } from '@motcua/db';
import type { AuditEntry } from './audit-repository.js';
import { agencySubtreeIds } from '@motcua/domain';

/**
 * Agencies, the tree they form (the tree is what scopes an officer's view) and their code history:
 * each code an agency has had stays resolvable, and an agency merged into another names its
 * successor.
 */

interface AgencyRow {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  successorId: string | null;
  createdAt: Date;
  codeHistory: { code: string; validFrom: Date; validUntil: Date | null; legalRef: string | null }[];
}

/**
 * The codes of an agency, oldest first. The current code is always among them: when the history
 * has no row for it (an agency created before code history was kept), it is listed as valid since
 * the agency was created.
 */
function codesOf(row: AgencyRow): AgencyCodeRecord[] {
  const records = row.codeHistory.map((entry) => ({
    code: entry.code,
    validFrom: entry.validFrom.toISOString(),
    validUntil: entry.validUntil?.toISOString() ?? null,
    legalRef: entry.legalRef,
  }));
  if (!records.some((record) => record.code === row.code)) {
    records.push({ code: row.code, validFrom: row.createdAt.toISOString(), validUntil: null, legalRef: null });
  }
  return records.sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.code.localeCompare(b.code));
}

const WITH_HISTORY = { codeHistory: true } as const;

export function createAgencyRepository(db: Db) {
  /** Every agency as the API shows it, depth-first (a parent before its children, siblings by code). */
  async function tree(): Promise<Agency[]> {
    const rows: AgencyRow[] = await db.agency.findMany({ include: WITH_HISTORY, orderBy: { code: 'asc' } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const children = new Map<string | null, AgencyRow[]>();
    for (const row of rows) {
      // a parent that is missing would hide its subtree: such an agency is shown as a root
      const parentId = row.parentId !== null && byId.has(row.parentId) ? row.parentId : null;
      children.set(parentId, [...(children.get(parentId) ?? []), row]);
    }
    const ordered: Agency[] = [];
    const visited = new Set<string>();
    function visit(row: AgencyRow, depth: number) {
      if (visited.has(row.id)) return;
      visited.add(row.id);
      const successor = row.successorId ? byId.get(row.successorId) : undefined;
      ordered.push({
        id: row.id,
        code: row.code,
        name: row.name,
        parentCode: row.parentId ? (byId.get(row.parentId)?.code ?? null) : null,
        depth,
        successor: successor ? { code: successor.code, name: successor.name } : null,
        codes: codesOf(row),
      });
      for (const child of children.get(row.id) ?? []) visit(child, depth + 1);
    }
    for (const root of children.get(null) ?? []) visit(root, 0);
    return ordered;
  }

  return {
    /** The agency whose current code this is. */
    findByCode(code: string) {
      return db.agency.findUnique({ where: { code } });
    },

    /** Ids of the agency with this code and of every agency below it (empty if the code is unknown). */
    subtreeIds(code: string): Promise<string[]> {
      return agencySubtreeIds(db, code);
    },

    list: tree,

    /** The agency with this id as the API shows it, with its code history. */
    async show(id: string): Promise<Agency | null> {
      return (await tree()).find((agency) => agency.id === id) ?? null;
    },

    /** Whether any agency has, or ever had, this code (codes are never reissued). */
    async codeEverUsed(code: string): Promise<boolean> {
      const [history, current] = await Promise.all([
        db.agencyCode.findUnique({ where: { code }, select: { code: true } }),
        db.agency.findUnique({ where: { code }, select: { id: true } }),
      ]);
      return history !== null || current !== null;
    },

    /** The successor ids from the agency with this id on, in order (a merger's chain). */
    async successionIds(id: string): Promise<string[]> {
      const ids: string[] = [];
      let next = (await db.agency.findUnique({ where: { id }, select: { successorId: true } }))?.successorId ?? null;
      while (next && !ids.includes(next)) {
        ids.push(next);
        next = (await db.agency.findUnique({ where: { id: next }, select: { successorId: true } }))?.successorId ?? null;
      }
      return ids;
    },

    /**
     * Writes an agency (a new one, or a change to one) with its audit row in one transaction. The
     * database trigger keeps the code history; `legalRef` is recorded on the row of the code the
     * write gave the agency.
     */
    async write(
      change:
        | { create: Prisma.AgencyUncheckedCreateInput }
        | { id: string; update: Prisma.AgencyUncheckedUpdateInput },
      legalRef: string | undefined,
      audit: (agency: { id: string; code: string }) => AuditEntry,
    ): Promise<string> {
      return db.$transaction(async (tx) => {
        const agency =
          'create' in change
            ? await tx.agency.create({ data: change.create, select: { id: true, code: true } })
            : await tx.agency.update({ where: { id: change.id }, data: change.update, select: { id: true, code: true } });
        if (legalRef !== undefined && ('create' in change || change.update.code !== undefined)) {
          await tx.agencyCode.update({ where: { code: agency.code }, data: { legalRef } });
        }
        if (!('create' in change) && change.update.code !== undefined) {
          // tokens carry the agency's code: its officers sign in again to carry the new one
          await tx.account.updateMany({ where: { agencyId: agency.id }, data: { tokenVersion: { increment: 1 } } });
        }
        await tx.auditLog.create({ data: audit(agency) });
        return agency.id;
      });
    },

    /**
     * The agency a code names, current or old, and the chain of successors from it to the agency
     * that does its work today. Null when no agency ever had the code. The code is current while its
     * history row is open (no validUntil, or one still ahead).
     */
    async resolve(code: string, now: Date = new Date()): Promise<ResolvedAgency | null> {
      const succession = await resolveAgencySuccession(db, code);
      if (!succession) return null;
      const { history, path } = succession;
      const [named] = path;
      const agency = (await tree()).find((entry) => entry.id === path.at(-1)?.id);
      if (!agency) return null;
      const open = history ? history.validUntil === null || history.validUntil > now : named.code === code;
      return {
        code,
        current: open && named.code === code,
        namedAgency: { code: named.code, name: named.name },
        agency,
        successionPath: path.map((step) => ({ code: step.code, name: step.name })),
      };
    },
  };
}
export type AgencyRepository = ReturnType<typeof createAgencyRepository>;
