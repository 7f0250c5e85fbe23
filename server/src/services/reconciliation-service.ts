import type { EngineClient } from '@motcua/common/engine';
import type { Db } from '@motcua/db';
import { dossierAccessOf, findingsFor, reconcile, type Finding } from '@motcua/domain';
import type { TokenPayload } from '../schemas/auth.js';
import type { FindingDto, FindingQuery, ReconciliationRun } from '../schemas/reconciliation.js';

/**
 * The reconciliation as admins see it: the findings of the reconciler (domain/src/reconciliation.ts)
 * and a pass on demand. An admin reads the findings about the dossiers they may see; orphan processes
 * belong to no agency and name no applicant, and are shown to the admins of a root agency (the
 * province), who answer for the whole system.
 */

/** Findings shown at most: a list for an admin to act on, not an archive. */
const FINDINGS_SHOWN = 500;

function toFinding(row: Finding): FindingDto {
  return {
    id: row.id.toString(),
    kind: row.kind as FindingDto['kind'],
    processInstanceId: row.processInstanceId,
    dossierCode: row.dossier?.code ?? null,
    detail: (row.detail ?? {}) as Record<string, unknown>,
    repair: row.repair,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

export function createReconciliationService(deps: {
  db: Db;
  engine: EngineClient;
  /** RECONCILE_GRACE_MS: a younger process is never judged an orphan. */
  graceMs: number;
  now?: () => Date;
}) {
  const { db, engine } = deps;

  async function list(caller: TokenPayload, query: FindingQuery): Promise<FindingDto[]> {
    const [access, agency] = await Promise.all([
      dossierAccessOf(db, caller),
      db.agency.findUnique({ where: { code: caller.agencyCode }, select: { parentId: true } }),
    ]);
    const rows = await findingsFor(
      db,
      { ...access, seesOrphans: agency !== null && agency.parentId === null },
      { state: query.state, limit: FINDINGS_SHOWN },
    );
    return rows.map(toFinding);
  }

  return {
    /** The findings the admin may read (see the module comment). */
    list: async (caller: TokenPayload, query: FindingQuery) => ({ data: await list(caller, query) }),

    /** Runs one pass now, then answers with the findings left open that the admin may read. */
    async run(caller: TokenPayload): Promise<ReconciliationRun> {
      const pass = await reconcile(db, engine, { graceMs: deps.graceMs, ...(deps.now ? { now: deps.now } : {}) });
      return {
        startedAt: pass.startedAt.toISOString(),
        deleted: pass.deleted,
        data: await list(caller, { state: 'open' }),
      };
    },
  };
}
export type ReconciliationService = ReturnType<typeof createReconciliationService>;
