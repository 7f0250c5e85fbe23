import { z } from 'zod';
import { DateTimeSchema } from './date-time.js';

/** The audit replay of a dossier (GET /api/dossiers/{code}/history). */

/** One activity the engine executed. */
export const HistoryStepSchema = z.object({
  activityId: z.string(),
  activityName: z.string().nullable(),
  activityType: z.string(),
  assignee: z.string().nullable(),
  startedAt: DateTimeSchema,
  endedAt: DateTimeSchema.nullable(),
});
export type HistoryStep = z.infer<typeof HistoryStepSchema>;

/** One entry of our append-only dossier log; `type` is one of DOSSIER_EVENT_TYPES for events we write. */
export const HistoryEventSchema = z.object({
  type: z.string(),
  actor: z.string(),
  activityId: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  occurredAt: DateTimeSchema,
});
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

export const DossierHistorySchema = z.object({
  dossierCode: z.string(),
  /** Oldest first. */
  steps: z.array(HistoryStepSchema),
  /** Oldest first. */
  events: z.array(HistoryEventSchema),
});
export type DossierHistory = z.infer<typeof DossierHistorySchema>;
