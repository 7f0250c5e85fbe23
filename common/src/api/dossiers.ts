import { z } from 'zod';
import { DOSSIER_CHANNELS, DOSSIER_STATUSES } from '../dossier-status.js';
import { DateTimeSchema } from './date-time.js';

/** Dossiers as officers see them (GET /api/dossiers, /api/dossiers/{code}) and the list query. */

const NamedSchema = z.object({ code: z.string(), name: z.string() });

export const DossierSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  channel: z.enum(DOSSIER_CHANNELS),
  receivedAt: DateTimeSchema,
  dueAt: DateTimeSchema.nullable(),
  finishedAt: DateTimeSchema.nullable(),
  processInstanceId: z.string().nullable(),
  applicant: z.object({ fullName: z.string(), idNumber: z.string(), phone: z.string(), address: z.string() }),
  procedure: NamedSchema.extend({ processingDays: z.number().int() }),
  /** The receiving agency. */
  agency: NamedSchema,
});
export type Dossier = z.infer<typeof DossierSchema>;

export const DossierListSchema = z.object({
  data: z.array(DossierSchema),
  total: z.number().int(),
});
export type DossierList = z.infer<typeof DossierListSchema>;

export const QueryDossierSchema = z.object({
  status: z.enum(DOSSIER_STATUSES).optional(),
  /** Part of the code or of the applicant's name, or the identity number. */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueryDossier = z.infer<typeof QueryDossierSchema>;
