import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES, FINAL_STATUSES, PAUSED_STATUSES, type DossierStatus } from '@motcua/common';
import { Prisma } from '@motcua/db';
import {
  DOSSIER_PHASES,
  dossiersIn,
  isFinal,
  isOpen,
  isPaused,
  isRunning,
  phaseOf,
  sqlStatusIn,
  statusesIn,
  type DossierPhase,
} from '../src/status.js';
import { useTestDatabase } from './support/database.js';
import { insertDossier } from './support/dossiers.js';

/**
 * Where each status of the vocabulary stands towards the legal clock, and that the predicates, the
 * Prisma fragments and the SQL conditions say the same, on a real database.
 */
const database = useTestDatabase();

/** Each predicate with the phases it accepts. */
const PREDICATES: { name: string; holds: (status: DossierStatus) => boolean; phases: DossierPhase[] }[] = [
  { name: 'open', holds: isOpen, phases: DOSSIER_PHASES.filter((phase) => phase !== 'final') },
  { name: 'running', holds: isRunning, phases: ['running'] },
  { name: 'paused', holds: isPaused, phases: ['paused'] },
  { name: 'final', holds: isFinal, phases: ['final'] },
];

describe('the phase of a status', () => {
  it('calls paused and final exactly what the status vocabulary calls so', () => {
    for (const status of DOSSIER_STATUSES) {
      expect(isPaused(status), status).toBe((PAUSED_STATUSES as readonly string[]).includes(status));
      expect(isFinal(status), status).toBe((FINAL_STATUSES as readonly string[]).includes(status));
    }
  });

  it('gives every status one phase, and every phase is some status’s', () => {
    expect(DOSSIER_STATUSES.map(phaseOf).every((phase) => DOSSIER_PHASES.includes(phase))).toBe(true);
    expect(new Set(DOSSIER_STATUSES.map(phaseOf))).toEqual(new Set(DOSSIER_PHASES));
    expect(DOSSIER_PHASES.flatMap((phase) => statusesIn(phase)).sort()).toEqual([...DOSSIER_STATUSES].sort());
  });

  it('holds a dossier whose result is ready open, but its clock no longer runs', () => {
    expect(isOpen('result_ready')).toBe(true);
    expect(isRunning('result_ready')).toBe(false);
    expect(statusesIn('running')).not.toContain('result_ready');
  });

  it('counts only a dossier received complete and not waiting on the applicant as running', () => {
    expect(DOSSIER_STATUSES.filter(isRunning)).toEqual(['received', 'in_progress', 'at_other_agency']);
  });
});

describe('the database conditions of a phase', () => {
  it('select, by the Prisma fragment and by SQL, exactly the statuses each predicate accepts', async () => {
    // given one dossier in every status of the vocabulary
    const ids: string[] = [];
    for (const status of DOSSIER_STATUSES) ids.push((await insertDossier(database(), { status })).id);
    for (const predicate of PREDICATES) {
      const expected = DOSSIER_STATUSES.filter(predicate.holds);
      // when the dossiers are selected by the predicate's phases through Prisma
      const byPrisma = await database().dossier.findMany({
        where: { AND: [{ id: { in: ids } }, dossiersIn(...predicate.phases)] },
        select: { status: true },
      });
      // and through SQL
      const bySql = await database().$queryRaw<{ status: DossierStatus }[]>`
        SELECT d.status::text AS status FROM "Dossier" d
        WHERE d.id = ANY(${ids}::uuid[]) AND ${sqlStatusIn(Prisma.sql`d.status`, ...predicate.phases)}`;
      // then both find the dossiers whose status the predicate accepts
      expect(byPrisma.map((row) => row.status).sort(), predicate.name).toEqual([...expected].sort());
      expect(bySql.map((row) => row.status).sort(), predicate.name).toEqual([...expected].sort());
    }
  });
});
