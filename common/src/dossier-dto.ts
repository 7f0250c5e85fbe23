import { z } from 'zod';
import { DateTimeSchema } from './api/date-time.js';
import { stringFormat } from './api/errors.js';
import { DOSSIER_CHANNELS, DOSSIER_STATUSES } from './dossier-status.js';
import { TASK_OUTCOMES } from './procedures.js';

/**
 * Data shapes exchanged between the API, the UI and kiosks. The server validates with these,
 * the UI reuses them for its forms, and their inferred types are the only type definitions.
 */

/** Vietnamese citizen identity numbers: 12-digit CCCD, or the older 9-digit CMND. */
export const IdNumberSchema = z
  .string()
  .trim()
  .check(stringFormat('id_number', /^(\d{9}|\d{12})$/, 'must be a 9-digit or 12-digit identity number'));

/** Vietnamese phone numbers: 10 digits starting with 0, or +84 followed by 9 digits. */
export const PhoneSchema = z
  .string()
  .trim()
  .check(stringFormat('phone', /^(0\d{9}|\+84\d{9})$/, 'must be a Vietnamese phone number, e.g. 0912345678'));

export const ApplicantSchema = z.object({
  fullName: z.string().trim().min(2, 'must have at least 2 characters').max(200),
  idNumber: IdNumberSchema,
  phone: PhoneSchema,
  address: z.string().trim().min(5, 'must have at least 5 characters').max(500),
});
export type Applicant = z.infer<typeof ApplicantSchema>;

export const CreateDossierSchema = z.object({
  procedureCode: z.string().trim().min(1).max(50),
  applicant: ApplicantSchema,
  channel: z.enum(DOSSIER_CHANNELS).default('counter'),
});
export type CreateDossier = z.infer<typeof CreateDossierSchema>;

/**
 * The dossier code: receiving agency code, receipt date YYMMDD, daily sequence of at least 4 digits
 * (Circular 01/2018/TT-VPCP; see docs/glossary.md), e.g. 000.00.17.H41-181106-0001.
 */
export const DossierCodeSchema = z
  .string()
  .trim()
  .max(60)
  .check(
    stringFormat(
      'dossier_code',
      /^[0-9A-Z.]{1,35}-\d{6}-\d{4,}$/,
      'is not a dossier code such as 000.00.17.H41-181106-0001',
    ),
  );

/** What anyone may learn about a dossier from its code: no personal data. */
export const PublicDossierSchema = z.object({
  code: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  procedure: z.object({ code: z.string(), name: z.string() }),
  agency: z.object({ code: z.string(), name: z.string() }),
  receivedAt: DateTimeSchema,
  dueAt: DateTimeSchema.nullable(),
  finishedAt: DateTimeSchema.nullable(),
});
export type PublicDossier = z.infer<typeof PublicDossierSchema>;

export const CompleteTaskSchema = z.object({
  outcome: z.enum(TASK_OUTCOMES).optional(),
  comment: z.string().trim().max(2000).optional(),
});
export type CompleteTask = z.infer<typeof CompleteTaskSchema>;
