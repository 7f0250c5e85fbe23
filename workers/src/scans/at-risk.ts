/**
 * The at-risk scan (issue 3, point 7): every AT_RISK_SCAN_INTERVAL_MS, open dossiers whose
 * appointment is at most APOLOGY_LEAD_TIME of working time away (or already past) are flagged to
 * their current handler, who may then draft an apology with a new date for the leader to approve.
 * Legal basis (docs/legal.md §6): a dossier expected to be late gets an apology at the latest one
 * day before the deadline — Decree 61/2018/NĐ-CP until 30/06/2025, Decree 118/2025/NĐ-CP from
 * 01/07/2025; the lead time is configurable (APOLOGY_LEAD_TIME, default 1 working day).
 *
 * Which dossiers: those whose clock runs (@motcua/domain's running phase, the server's rule for the
 * at-risk list and for apologies too: not waiting at reception, not paused, not once the result is
 * ready, not finished), and no approved apology has set the current appointment — an appointment the
 * leader already moved by an apology is not flagged again. A flag is the event `at_risk`, written
 * once per dossier and appointment (its dedupe key names the appointment), with the handler the engine
 * names (the domain's currentHandlers): the active task's assignee, or its candidate groups while
 * nobody has claimed it. Several worker processes may scan at once: the dedupe key keeps the flag single.
 */
import type { LegalClockSetup } from '@motcua/common/calendar';
import type { EngineClient } from '@motcua/common/engine';
import { Prisma, type Db } from '@motcua/db';
import { appendEvent, currentHandlers, statusesIn, SYSTEM_ACTOR } from '@motcua/domain';
import { errorFields, type Logger } from '../logger.js';
import { createPeriodicJob, type PeriodicJob } from '../periodic.js';

/** The dedupe key of the flag: one per dossier and appointment. */
export function atRiskKey(dueAt: Date): string {
  return `at-risk:${dueAt.toISOString()}`;
}

/** atRiskKey in SQL, of a timestamp column holding UTC (Prisma's DateTime): the same text as toISOString. */
function sqlAtRiskKey(dueAt: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`'at-risk:' || to_char(${dueAt}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A dossier the scan flags now, unless the engine cannot name its handler. */
interface UnflaggedDossier {
  id: string;
  code: string;
  dueAt: Date;
  processInstanceId: string;
}

/**
 * The dossiers whose clock runs, due no later than `threshold`, whose appointment no approved
 * apology set and that carry no flag for it yet: one statement with two anti-joins, each an index
 * lookup per candidate (the apologies by dossier, the events by dossier and dedupe key), where a
 * list of every (dossier, key) pair already flagged took minutes at province scale
 * (docs/benchmarks.md "Province scale"). Soonest appointment first.
 */
export function unflaggedStatement(threshold: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT d.id::text AS id, d.code, d."dueAt", d."processInstanceId"
    FROM "Dossier" d
    WHERE d.status = ANY(${statusesIn('running')}::"DossierStatus"[])
      AND d."dueAt" <= ${threshold} AND d."processInstanceId" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "Apology" a
                      WHERE a."dossierId" = d.id AND a.status = 'approved' AND a."newDueAt" = d."dueAt")
      AND NOT EXISTS (SELECT 1 FROM "DossierEvent" e
                      WHERE e."dossierId" = d.id AND e."dedupeKey" = ${sqlAtRiskKey(Prisma.sql`d."dueAt"`)}
                        AND e.type = 'at_risk')
    ORDER BY d."dueAt", d.id`;
}

export interface AtRiskScanOptions {
  db: Db;
  engine: EngineClient;
  clock: () => LegalClockSetup;
  now: () => Date;
  logger: Logger;
  intervalMs: number;
}

export interface AtRiskScan extends PeriodicJob {
  /** One scan; returns the codes of the dossiers it flagged now. */
  scanOnce(): Promise<string[]>;
}

export function createAtRiskScan(options: AtRiskScanOptions): AtRiskScan {
  const { db, engine, logger } = options;

  async function scanOnce(): Promise<string[]> {
    const { clock, apologyLeadMinutes } = options.clock();
    const now = options.now();
    // Working time is monotonic: "at most the lead time left" is "due no later than now + lead time".
    const threshold = clock.addWorkingMinutes(now, apologyLeadMinutes);
    const unflagged = await db.$queryRaw<UnflaggedDossier[]>(unflaggedStatement(threshold));
    if (unflagged.length === 0) return [];

    const codes: string[] = [];
    for (const dossier of unflagged) {
      const { dueAt } = dossier;
      let handlers;
      try {
        handlers = await currentHandlers(engine, dossier.processInstanceId);
      } catch (error) {
        // flagged on a later scan, with its handler, rather than now without one
        logger.warn({ dossierCode: dossier.code, ...errorFields(error) }, 'at-risk scan: could not ask the engine');
        continue;
      }
      const handler = handlers[0];
      const written = await appendEvent(db, {
        dossierId: dossier.id,
        type: 'at_risk',
        actor: SYSTEM_ACTOR,
        activityId: handler?.taskDefinitionKey ?? null,
        dedupeKey: atRiskKey(dueAt),
        data: {
          dueAt: dueAt.toISOString(),
          remainingWorkingMinutes: clock.remainingAt(dueAt, now),
          taskId: handler?.taskId ?? null,
          assignee: handler?.assignee ?? null,
          candidateGroups: handler ? handler.candidateGroups.join(',') : null,
        },
      });
      if (written) {
        codes.push(dossier.code);
        logger.info({ dossierCode: dossier.code, dueAt: dueAt.toISOString() }, 'dossier at risk flagged');
      }
    }
    return codes;
  }

  const job = createPeriodicJob({
    name: 'at-risk scan',
    intervalMs: options.intervalMs,
    logger,
    async run() {
      await scanOnce();
    },
  });
  return { scanOnce, start: job.start, stop: job.stop };
}
