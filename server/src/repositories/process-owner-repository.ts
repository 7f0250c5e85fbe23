import type { Db, Prisma } from '@motcua/db';
import type { AuditEntry } from './audit-repository.js';

/**
 * Who owns a process key (the ProcessOwner model in prisma/schema.prisma): the agency of its
 * ProcessOwner row, written when an admin first deploys a key nobody owned, and the agencies of
 * the procedures whose versions run it. The rules on top of these rows (who may deploy or read a
 * key) are the process service's.
 */

/** An agency owning a process key. */
export interface ProcessKeyOwner {
  agencyId: string;
  agencyCode: string;
}

type Client = Db | Prisma.TransactionClient;

/** The owners of a key, each agency once, by code. */
async function ownersOf(client: Client, processKey: string): Promise<ProcessKeyOwner[]> {
  const claimed = await client.processOwner.findUnique({
    where: { processKey },
    select: { agency: { select: { id: true, code: true } } },
  });
  const procedures = await client.procedure.findMany({
    where: { versions: { some: { processKey } } },
    select: { agency: { select: { id: true, code: true } } },
  });
  const agencies = [...(claimed ? [claimed.agency] : []), ...procedures.map((procedure) => procedure.agency)];
  const byId = new Map(agencies.map((agency) => [agency.id, { agencyId: agency.id, agencyCode: agency.code }]));
  return [...byId.values()].sort((a, b) => a.agencyCode.localeCompare(b.agencyCode));
}

/** What a deployment may do with the ownership of its key, inside the transaction it runs in. */
export interface KeyOwnership {
  /** The key's owners as this transaction sees them. */
  owners(): Promise<ProcessKeyOwner[]>;
  /**
   * Claims the key for an agency unless it has a ProcessOwner row already; false when another
   * deployment claimed it first (its transaction has committed by the time this answers).
   */
  claim(agencyId: string, createdBy: string): Promise<boolean>;
  /** Writes the audit row in the same transaction as the claim. */
  audit(entry: AuditEntry): Promise<void>;
  /**
   * Records who deployed a version, when and why (once per definition: an unchanged diagram keeps
   * its first record), and removes the key's draft, which the deployment supersedes.
   */
  recordDeployment(record: DeploymentRecord): Promise<void>;
}

/** A deployment as the designer records it (ProcessDeployment). */
export interface DeploymentRecord {
  definitionId: string;
  version: number;
  deploymentId: string;
  comment: string | null;
  deployedBy: string;
}

/** The longest a deployment may hold its transaction: the engine parses a large diagram slowly on a busy machine. */
const DEPLOYMENT_TRANSACTION_MS = 120_000;

export function createProcessOwnerRepository(db: Db) {
  return {
    /** The owners of a key; empty for a key nobody owns yet. */
    owners(processKey: string): Promise<ProcessKeyOwner[]> {
      return ownersOf(db, processKey);
    },

    /**
     * Runs `work` in one transaction with the key's ownership: a claim and the audit row are written
     * together, and rolled back together if `work` throws (the engine refused the diagram, say).
     */
    withOwnership<T>(processKey: string, work: (ownership: KeyOwnership) => Promise<T>): Promise<T> {
      return db.$transaction(
        (tx) =>
          work({
            owners: () => ownersOf(tx, processKey),
            async claim(agencyId, createdBy) {
              const { count } = await tx.processOwner.createMany({
                data: [{ processKey, agencyId, createdBy }],
                skipDuplicates: true,
              });
              return count > 0;
            },
            async audit(entry) {
              await tx.auditLog.create({ data: entry });
            },
            async recordDeployment(record) {
              await tx.processDeployment.createMany({ data: [{ processKey, ...record }], skipDuplicates: true });
              await tx.processDraft.deleteMany({ where: { processKey } });
            },
          }),
        { timeout: DEPLOYMENT_TRANSACTION_MS },
      );
    },
  };
}
export type ProcessOwnerRepository = ReturnType<typeof createProcessOwnerRepository>;
