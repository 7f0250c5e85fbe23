import { FINAL_STATUSES } from '@motcua/common';
import type { Db } from '@motcua/db';

/**
 * The designer's records of a process key (ProcessDraft and ProcessDeployment in
 * prisma/schema.prisma) and the running dossiers on each of its versions. Who may read or write
 * them is the process service's rule; a deployment's row is written in the deployment's own
 * transaction (KeyOwnership.recordDeployment in ./process-owner-repository.ts).
 */

/** A saved draft as stored. */
export interface StoredDraft {
  processKey: string;
  xml: string;
  comment: string | null;
  savedBy: string;
  savedAt: Date;
}

/** Who deployed one version from the designer, when and why. */
export interface StoredDeployment {
  definitionId: string;
  version: number;
  comment: string | null;
  deployedBy: string;
  deployedAt: Date;
}

export function createProcessDesignRepository(db: Db) {
  return {
    draft(processKey: string): Promise<StoredDraft | null> {
      return db.processDraft.findUnique({ where: { processKey } });
    },

    /** Replaces the key's draft: there is one per key, the last save wins. */
    saveDraft(draft: Omit<StoredDraft, 'savedAt'>): Promise<StoredDraft> {
      const { processKey, ...fields } = draft;
      return db.processDraft.upsert({
        where: { processKey },
        create: draft,
        update: { ...fields, savedAt: new Date() },
      });
    },

    deployments(processKey: string): Promise<StoredDeployment[]> {
      return db.processDeployment.findMany({
        where: { processKey },
        select: { definitionId: true, version: true, comment: true, deployedBy: true, deployedAt: true },
      });
    },

    /** Per process definition id, the dossiers running on it: those not yet in a final status. */
    async runningDossiers(definitionIds: readonly string[]): Promise<Map<string, number>> {
      if (definitionIds.length === 0) return new Map();
      const groups = await db.dossier.groupBy({
        by: ['processDefinitionId'],
        where: { processDefinitionId: { in: [...definitionIds] }, status: { notIn: [...FINAL_STATUSES] } },
        _count: { _all: true },
      });
      return new Map(groups.map((group) => [group.processDefinitionId ?? '', group._count._all]));
    },
  };
}
export type ProcessDesignRepository = ReturnType<typeof createProcessDesignRepository>;
