import { z } from 'zod';
import { DOSSIER_CHANNELS, DOSSIER_STATUSES, DossierCodeSchema } from '@motcua/common';
import { DateTimeSchema } from './common.js';

/** Dossiers as officers see them, the list query, and the audit history. */
export { CreateDossierSchema, type CreateDossier } from '@motcua/common';

export const DossierSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    status: z.enum(DOSSIER_STATUSES),
    channel: z.enum(DOSSIER_CHANNELS),
    receivedAt: DateTimeSchema,
    dueAt: DateTimeSchema.nullable(),
    finishedAt: DateTimeSchema.nullable(),
    processInstanceId: z.string().nullable(),
    applicant: z.object({ fullName: z.string(), idNumber: z.string(), phone: z.string(), address: z.string() }),
    procedure: z.object({ code: z.string(), name: z.string(), processingDays: z.number().int() }),
    agency: z.object({ code: z.string(), name: z.string() }).describe('the receiving agency'),
  })
  .meta({ id: 'Dossier' });
export type Dossier = z.infer<typeof DossierSchema>;

export const QueryDossierSchema = z.object({
  status: z.enum(DOSSIER_STATUSES).optional(),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('part of the code or of the applicant name, or the identity number'),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueryDossier = z.infer<typeof QueryDossierSchema>;

export const DossierListSchema = z.object({
  data: z.array(DossierSchema),
  total: z.number().int(),
});

export const DossierCodeParamsSchema = z.object({ code: DossierCodeSchema });

export const DossierHistorySchema = z.object({
  dossierCode: z.string(),
  steps: z
    .array(
      z.object({
        activityId: z.string(),
        activityName: z.string().nullable(),
        activityType: z.string(),
        assignee: z.string().nullable(),
        startedAt: DateTimeSchema,
        endedAt: DateTimeSchema.nullable(),
      }),
    )
    .describe('what the engine executed, oldest first'),
  events: z
    .array(
      z.object({
        type: z.string(),
        actor: z.string(),
        activityId: z.string().nullable(),
        note: z.string().nullable(),
        data: z.record(z.string(), z.unknown()).nullable(),
        occurredAt: DateTimeSchema,
      }),
    )
    .describe('our append-only dossier log, oldest first'),
});
export type DossierHistory = z.infer<typeof DossierHistorySchema>;
