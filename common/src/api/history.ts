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

/**
 * The replay of a dossier on the diagram it ran on (GET /api/dossiers/{code}/replay): the exact
 * process definition version the dossier is pinned to, its BPMN, and the path the dossier took
 * through it, step by step, from the engine's history and our dossier log.
 */

/** A pause of the legal clock while the dossier waited on the applicant, as a step of the path shows it. */
export const ReplayPauseSchema = z.object({
  /** supplement (documents) or fees. */
  reason: z.string(),
  /** What the applicant was asked for, every item at once. */
  items: z.array(z.string()),
  pausedAt: DateTimeSchema,
  /** Null while the clock is still paused. */
  resumedAt: DateTimeSchema.nullable(),
});
export type ReplayPause = z.infer<typeof ReplayPauseSchema>;

/** An inter-agency transfer (liên thông), as a step of the path shows it. */
export const ReplayTransferSchema = z.object({
  agencyCode: z.string(),
  agencyName: z.string(),
  sentAt: DateTimeSchema,
  /** The partner's deadline for its part. */
  dueAt: DateTimeSchema,
  /** Null while the partner still holds the dossier. */
  returnedAt: DateTimeSchema.nullable(),
});
export type ReplayTransfer = z.infer<typeof ReplayTransferSchema>;

/** One flow node the dossier passed, or stands at now. */
export const ReplayStepSchema = z.object({
  /** The BPMN element's id in the diagram of `processDefinitionId`. */
  activityId: z.string(),
  name: z.string().nullable(),
  /** The engine's activity type: startEvent, userTask, serviceTask, exclusiveGateway, boundaryTimer, noneEndEvent… */
  type: z.string(),
  startedAt: DateTimeSchema,
  /** Null for the step the dossier stands at now. */
  endedAt: DateTimeSchema.nullable(),
  /** The engine ended it without completing it (a cancelled process, an interrupting event). */
  canceled: z.boolean(),
  /** Username of who did the step: the officer who held the task, the receptionist for the reception, `system` for a worker. */
  actor: z.string().nullable(),
  /** The actor's full name, when the actor is an officer. */
  actorName: z.string().nullable(),
  /** When the officer claimed the task (the engine's operation log). */
  claimedAt: DateTimeSchema.nullable(),
  /** The outcome the officer chose on completing the step. */
  outcome: z.string().nullable(),
  /** The step's deadline at the time (the task's due date). */
  plannedDueAt: DateTimeSchema.nullable(),
  /** It ended after its deadline (by calendar day, as the control sheet judges), or is still open past it. */
  late: z.boolean(),
  /** The clock pause this step began or that was running while it ran. */
  pause: ReplayPauseSchema.nullable(),
  /** The transfer this step sent, or that the partner agency worked on in it. */
  transfer: ReplayTransferSchema.nullable(),
});
export type ReplayStep = z.infer<typeof ReplayStepSchema>;

export const DossierReplaySchema = z.object({
  dossierCode: z.string(),
  /** The engine's process definition the dossier runs on, pinned at its start. */
  processDefinitionId: z.string(),
  processDefinitionKey: z.string(),
  /** The version of that definition (an old one when a newer version was deployed since). */
  version: z.number().int(),
  /** The BPMN 2.0 XML of exactly that version. */
  xml: z.string(),
  /** The process has ended (the dossier is finished or its process was cancelled). */
  ended: z.boolean(),
  /** Oldest first. */
  steps: z.array(ReplayStepSchema),
});
export type DossierReplay = z.infer<typeof DossierReplaySchema>;
