import type { Db, Prisma } from '@motcua/db';

/** The audit log of administrative writes that are not dossier events: logins, deployments. */
export interface AuditEntry {
  /** Username, or 'anonymous'. */
  actor: string;
  /** What happened, e.g. 'login.failed' or 'process.deploy'. */
  action: string;
  entity: string;
  entityId?: string | null;
  data?: Prisma.InputJsonObject;
}

export function createAuditRepository(db: Db) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db.auditLog.create({ data: entry });
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
