import { z } from 'zod';
import { text } from './errors.js';
import { DateTimeSchema } from './date-time.js';

/**
 * Apologies with a new appointment (Mẫu 04, docs/legal.md §6): drafted by the dossier's handler,
 * approved or rejected by the leader of the handling agency (POST /api/dossiers/{code}/apologies,
 * GET /api/apologies, POST /api/apologies/{id}/approve|reject).
 */

export const APOLOGY_STATUSES = ['draft', 'approved', 'rejected'] as const;
export type ApologyStatus = (typeof APOLOGY_STATUSES)[number];

export const APOLOGY_STATUS_LABELS: Record<ApologyStatus, { vi: string; en: string }> = {
  draft: { vi: 'Chờ lãnh đạo duyệt', en: 'Awaiting approval' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  rejected: { vi: 'Không duyệt', en: 'Rejected' },
};

/** The handler's draft: why the dossier will be late and the new appointment proposed. */
export const CreateApologySchema = z.object({
  reason: text(2000).min(10, 'must explain the delay in at least 10 characters'),
  /** A working day inside office hours, later than the current appointment. */
  newDueAt: DateTimeSchema,
});
export type CreateApology = z.infer<typeof CreateApologySchema>;

/** The leader's decision; a note is required to reject. */
export const ApproveApologySchema = z.object({ note: text(2000).optional() });
export type ApproveApology = z.infer<typeof ApproveApologySchema>;

export const RejectApologySchema = z.object({
  note: text(2000).min(1, 'must say why the apology is rejected'),
});
export type RejectApology = z.infer<typeof RejectApologySchema>;

const PersonSchema = z.object({ username: z.string(), fullName: z.string() });

export const ApologySchema = z.object({
  id: z.string(),
  dossierCode: z.string(),
  applicantName: z.string(),
  procedureName: z.string(),
  /** The agency that handles the dossier; it numbers and signs the letter. */
  agency: z.object({ code: z.string(), name: z.string() }),
  status: z.enum(APOLOGY_STATUSES),
  /** "Số N/PXL": set on approval, counted per agency and year. */
  number: z.number().int().nullable(),
  /** The printed letter number, e.g. "3/PXL", once approved. */
  letterNumber: z.string().nullable(),
  reason: z.string(),
  /** The appointment the apology moves. */
  previousDueAt: DateTimeSchema,
  newDueAt: DateTimeSchema,
  draftedBy: PersonSchema,
  draftedAt: DateTimeSchema,
  decidedBy: PersonSchema.nullable(),
  decidedAt: DateTimeSchema.nullable(),
  decisionNote: z.string().nullable(),
  /**
   * For an approved apology of a running process: whether the engine's deadlines already follow the
   * new date (they are updated after the approval is stored; approving again retries). Null otherwise.
   */
  engineSynced: z.boolean().nullable(),
});
export type Apology = z.infer<typeof ApologySchema>;

export const ApologyListSchema = z.object({ data: z.array(ApologySchema) });
export type ApologyList = z.infer<typeof ApologyListSchema>;

/** A dossier's apologies (GET /api/dossiers/{code}/apologies), and whether the caller may draft one now. */
export const DossierApologiesSchema = ApologyListSchema.extend({
  /**
   * True when POST /api/dossiers/{code}/apologies would be taken from the caller now: the caller is
   * the dossier's current handler, its clock runs, no draft waits and the limit is not reached.
   */
  mayDraft: z.boolean(),
});
export type DossierApologies = z.infer<typeof DossierApologiesSchema>;

export const QueryApologySchema = z.object({
  status: z.enum(APOLOGY_STATUSES).optional(),
});
export type QueryApology = z.infer<typeof QueryApologySchema>;
