import { z } from 'zod';
import { DateTimeSchema } from './date-time.js';

/**
 * What the reconciler (domain/src/reconciliation.ts) finds between the engine's processes and our
 * dossiers, as GET /api/reconciliation answers it and the admins' page shows it.
 */

/** orphan_process: a process no dossier stores; process_gone: its process neither runs nor completed; process_never_started: none. */
export const FINDING_KINDS = ['orphan_process', 'process_gone', 'process_never_started'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** open: waiting for an admin; resolved: repaired by the reconciler, or no longer seen. */
export const FINDING_STATES = ['open', 'resolved'] as const;

export const FindingQuerySchema = z.object({
  state: z
    .enum(FINDING_STATES)
    .default('open')
    .describe('open: waiting for an admin; resolved: repaired by the reconciler, or no longer seen'),
});

export const FindingSchema = z
  .object({
    id: z.string().describe('the finding’s number'),
    kind: z
      .enum(FINDING_KINDS)
      .describe(
        'orphan_process: a process no dossier stores (deleted by the reconciler); process_gone: an open ' +
          'dossier whose process neither runs nor completed; process_never_started: an open dossier without a process',
      ),
    processInstanceId: z.string().nullable(),
    dossierCode: z.string().nullable(),
    detail: z
      .record(z.string(), z.unknown())
      .describe('what the pass saw: process key and start, engine state, dossier status'),
    repair: z.string().nullable().describe('what the reconciler did, e.g. "process deleted"; null: left to an admin'),
    firstSeenAt: DateTimeSchema,
    lastSeenAt: DateTimeSchema,
    resolvedAt: DateTimeSchema.nullable(),
  })
  .meta({ id: 'ReconciliationFinding' });

export const FindingListSchema = z.object({ data: z.array(FindingSchema) }).meta({ id: 'ReconciliationFindingList' });

export const ReconciliationRunSchema = z
  .object({
    startedAt: DateTimeSchema,
    deleted: z.number().int().describe('orphan processes deleted by this pass'),
    data: z.array(FindingSchema).describe('the findings open after the pass that the caller may read'),
  })
  .meta({ id: 'ReconciliationRun' });

export type FindingQuery = z.infer<typeof FindingQuerySchema>;
export type FindingDto = z.infer<typeof FindingSchema>;
export type ReconciliationRun = z.infer<typeof ReconciliationRunSchema>;
export type FindingList = z.infer<typeof FindingListSchema>;
