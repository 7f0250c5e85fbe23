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
import type { Db } from '@motcua/db';
import { appendEvent, currentHandlers, dossiersIn, SYSTEM_ACTOR } from '@motcua/domain';
import { errorFields, type Logger } from '../logger.js';
import { createPeriodicJob, type PeriodicJob } from '../periodic.js';

/** The dedupe key of the flag: one per dossier and appointment. */
export function atRiskKey(dueAt: Date): string {
  return `at-risk:${dueAt.toISOString()}`;
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
    const candidates = await db.dossier.findMany({
      where: {
        AND: [dossiersIn('running'), { dueAt: { not: null, lte: threshold }, processInstanceId: { not: null } }],
      },
      select: {
        id: true,
        code: true,
        dueAt: true,
        processInstanceId: true,
        apologies: { where: { status: 'approved' }, select: { newDueAt: true } },
      },
      orderBy: { dueAt: 'asc' },
    });
    const unapproved = candidates.filter(
      (dossier) => !dossier.apologies.some((apology) => apology.newDueAt.getTime() === dossier.dueAt!.getTime()),
    );
    if (unapproved.length === 0) return [];
    const flagged = await db.dossierEvent.findMany({
      where: {
        type: 'at_risk',
        OR: unapproved.map((dossier) => ({ dossierId: dossier.id, dedupeKey: atRiskKey(dossier.dueAt!) })),
      },
      select: { dossierId: true },
    });
    const alreadyFlagged = new Set(flagged.map((event) => event.dossierId));

    const codes: string[] = [];
    for (const dossier of unapproved.filter((entry) => !alreadyFlagged.has(entry.id))) {
      const dueAt = dossier.dueAt!;
      let handlers;
      try {
        handlers = await currentHandlers(engine, dossier.processInstanceId!);
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
