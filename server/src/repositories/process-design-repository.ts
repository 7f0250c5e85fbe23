import { FINAL_STATUSES } from '@motcua/common';
import type { EngineClient } from '@motcua/common/engine';
import type { Db } from '@motcua/db';
import { appendEvent, lockDossier, syncInstanceTasks } from '@motcua/domain';

/**
 * The designer's records of a process key (ProcessDraft and ProcessDeployment in
 * prisma/schema.prisma) and the running dossiers on each of its versions. Who may read or write
 * them is the process service's rule; a deployment's row is written in the deployment's own
 * transaction (KeyOwnership.recordDeployment in ./process-owner-repository.ts).
 * A migration's records too: the dossiers moved to another version of their key, each with its event.
 */

/** A running dossier on a version, as a migration reads it. */
export interface MigratableDossier {
  id: string;
  code: string;
  processInstanceId: string;
  processDefinitionId: string;
}

/** One version of a key, as a migration records it. */
export interface MigrationVersion {
  id: string;
  version: number;
}

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

    /** The running dossiers on a definition, oldest first, at most `limit`, and how many there are. */
    async runningDossiersOn(
      definitionId: string,
      limit: number,
    ): Promise<{ dossiers: MigratableDossier[]; total: number }> {
      const where = {
        processDefinitionId: definitionId,
        processInstanceId: { not: null },
        status: { notIn: [...FINAL_STATUSES] },
      };
      const [rows, total] = await Promise.all([
        db.dossier.findMany({
          where,
          select: { id: true, code: true, processInstanceId: true, processDefinitionId: true },
          orderBy: [{ receivedAt: 'asc' }, { code: 'asc' }],
          take: limit,
        }),
        db.dossier.count({ where }),
      ]);
      return { dossiers: rows as MigratableDossier[], total };
    },

    /** The running dossiers with these codes on a definition; the others are left out. */
    async runningDossiersByCode(definitionId: string, codes: readonly string[]): Promise<MigratableDossier[]> {
      const rows = await db.dossier.findMany({
        where: {
          code: { in: [...codes] },
          processDefinitionId: definitionId,
          processInstanceId: { not: null },
          status: { notIn: [...FINAL_STATUSES] },
        },
        select: { id: true, code: true, processInstanceId: true, processDefinitionId: true },
      });
      return rows as MigratableDossier[];
    },

    /**
     * After the engine moved their processes: each dossier now runs on the target version, and its
     * log says so (one event per dossier and pair of versions, whoever repeats the migration). Each
     * dossier in a transaction of its own, under its row lock, like every other writer of a dossier.
     */
    async recordMigration(input: {
      dossiers: readonly MigratableDossier[];
      key: string;
      source: MigrationVersion;
      target: MigrationVersion;
      actor: string;
    }): Promise<void> {
      const { key, source, target, actor } = input;
      for (const dossier of input.dossiers) {
        await db.$transaction(async (tx) => {
          if (!(await lockDossier(tx, dossier.id))) return;
          await tx.dossier.updateMany({
            where: { id: dossier.id, processDefinitionId: source.id },
            data: { processDefinitionId: target.id },
          });
          await appendEvent(tx, {
            dossierId: dossier.id,
            type: 'process_migrated',
            actor,
            dedupeKey: `process-migrated:${source.id}:${target.id}`,
            data: {
              processKey: key,
              fromDefinitionId: source.id,
              fromVersion: source.version,
              toDefinitionId: target.id,
              toVersion: target.version,
            },
          });
        });
      }
    },

    /**
     * The work list's rows of migrated processes, made what the engine has now: their open tasks keep
     * their ids and now belong to the target version (the projection's upsert takes the new definition
     * and step, whose outcomes the list reads).
     */
    async projectMigratedTasks(engine: EngineClient, processInstanceIds: readonly string[]) {
      for (const processInstanceId of processInstanceIds) await syncInstanceTasks(db, engine, processInstanceId);
    },
  };
}
export type ProcessDesignRepository = ReturnType<typeof createProcessDesignRepository>;
