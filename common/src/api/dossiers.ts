import { z } from 'zod';
import { text } from './errors.js';
import { DOSSIER_CHANNELS, DOSSIER_STATUSES, RESULT_DELIVERIES, TIMELINESS } from '../dossier-status.js';
import { DateTimeSchema } from './date-time.js';

/**
 * Dossiers as officers see them (GET /api/dossiers, /api/dossiers/{code}), the list query, and the
 * citizen's public view (GET /api/public/dossiers/{code}).
 */

const NamedSchema = z.object({ code: z.string(), name: z.string() });

/** A stop of the processing clock while the dossier waited, or waits, on the applicant. */
export const ClockPauseSchema = z.object({
  reason: z.enum(['supplement', 'fees']),
  /** Every item asked for, all at once (Mẫu 02). */
  items: z.array(z.string()),
  note: z.string().nullable(),
  requestedBy: z.string(),
  pausedAt: DateTimeSchema,
  /** Working minutes that were left until the appointment when the clock stopped. */
  remainingWorkingMinutes: z.number().int(),
  /** Null while the clock is still stopped. */
  resumedAt: DateTimeSchema.nullable(),
  resumedBy: z.string().nullable(),
});
export type ClockPause = z.infer<typeof ClockPauseSchema>;

/** An inter-agency transfer (liên thông): sent to a partner agency for its part, and back. */
export const TransferSchema = z.object({
  toAgency: NamedSchema,
  sentBy: z.string(),
  sentAt: DateTimeSchema,
  /** The partner's deadline, from its step's own budget. */
  dueAt: DateTimeSchema,
  note: z.string().nullable(),
  /** Null while the partner has the dossier. */
  returnedAt: DateTimeSchema.nullable(),
  returnedBy: z.string().nullable(),
});
export type Transfer = z.infer<typeof TransferSchema>;

export const DossierSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  /**
   * Derived from the legal clock at the time of the answer: not_due / nearly_due / overdue / paused
   * while open, early / on_time / late once finished (against the current appointment `dueAt`).
   * Null while there is no appointment (incomplete, refused at reception, not yet planned).
   */
  timeliness: z.enum(TIMELINESS).nullable(),
  channel: z.enum(DOSSIER_CHANNELS),
  /** When the complete dossier was received: the clock counts from here (the original time for a back-entry). */
  receivedAt: DateTimeSchema,
  /** The appointment now: moved only by a paused clock and by approved apologies. */
  dueAt: DateTimeSchema.nullable(),
  /** The appointment printed on the receipt (Mẫu 01); statistics judge lateness against it. */
  originalDueAt: DateTimeSchema.nullable(),
  /** Set while the clock is stopped. */
  clockPausedAt: DateTimeSchema.nullable(),
  finishedAt: DateTimeSchema.nullable(),
  processInstanceId: z.string().nullable(),
  /** The process version the dossier runs on; null while no process started (incomplete, refused). */
  processDefinitionId: z.string().nullable(),
  /** The decree the dossier is handled under, e.g. "Nghị định 118/2025/NĐ-CP". */
  legalRegime: z.string(),
  applicant: z.object({
    fullName: z.string(),
    idNumber: z.string(),
    phone: z.string(),
    address: z.string(),
    email: z.string().nullable(),
  }),
  /** Nội dung yêu cầu giải quyết. */
  requestSummary: z.string(),
  /** What was handed in (Mẫu 01 item 1). */
  documents: z.array(z.object({ name: z.string(), originals: z.number().int(), copies: z.number().int() })),
  setCount: z.number().int(),
  resultDelivery: z.enum(RESULT_DELIVERIES),
  deliveryAddress: z.string().nullable(),
  /** Reception found the dossier incomplete: what the applicant was asked to bring (Mẫu 02); empty otherwise. */
  missingItems: z.array(z.string()),
  /** Refused at reception or during processing: the reasons. */
  refusalReason: z.string().nullable(),
  /** How the result was handed over, once returned. */
  returnedVia: z.enum(RESULT_DELIVERIES).nullable(),
  postalTrackingRef: z.string().nullable(),
  /** Entered after an outage with its original times (regulation Art. 7.2); null for a live reception. */
  backEntry: z.object({ reason: z.string(), enteredAt: DateTimeSchema, enteredBy: z.string() }).nullable(),
  pauses: z.array(ClockPauseSchema),
  transfers: z.array(TransferSchema),
  /** Username of the receptionist. */
  receivedBy: z.string(),
  /** The procedure, as the version the dossier is pinned to states it. */
  procedure: NamedSchema.extend({
    processingDays: z.number().int(),
    version: z.number().int(),
    field: z.string(),
    level: z.enum(['full_online', 'partial_online']),
  }),
  /** The receiving agency. */
  agency: NamedSchema,
});
export type Dossier = z.infer<typeof DossierSchema>;

/**
 * The dossier list's total is counted up to this many dossiers and answered as one more beyond it:
 * "more than 10 000", 400 pages of 25, more than anyone pages through. An exact count of a
 * province's million dossiers would read them all on every page.
 */
export const DOSSIER_LIST_TOTAL_CAP = 10_000;

export const DossierListSchema = z.object({
  data: z.array(DossierSchema),
  total: z
    .number()
    .int()
    .describe(
      `The number of matching dossiers, counted up to ${DOSSIER_LIST_TOTAL_CAP}; ${DOSSIER_LIST_TOTAL_CAP + 1} means more than that.`,
    ),
});
export type DossierList = z.infer<typeof DossierListSchema>;

/** The last page GET /api/dossiers serves. */
export const DOSSIER_LIST_MAX_PAGE = 10_000;

export const QueryDossierSchema = z.object({
  status: z.enum(DOSSIER_STATUSES).optional(),
  /** Derived from the legal clock now (see DossierSchema.timeliness). */
  timeliness: z.enum(TIMELINESS).optional(),
  /** Part of the code or of the applicant's name, or the identity number. */
  q: text(100).optional(),
  /** Bounded: past 1,000,000 dossiers (10,000 pages of 100) a search narrows the list better than an offset scan. */
  page: z.coerce.number().int().min(1).max(DOSSIER_LIST_MAX_PAGE).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueryDossier = z.infer<typeof QueryDossierSchema>;

/** What anyone may learn about a dossier from its code: no name, identity number, phone, address or e-mail. */
export const PublicDossierSchema = z.object({
  code: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  /** The status in the words of the citizen page. */
  statusLabel: z.string(),
  timeliness: z.enum(TIMELINESS).nullable(),
  timelinessLabel: z.string().nullable(),
  procedure: NamedSchema,
  agency: NamedSchema,
  receivedAt: DateTimeSchema,
  /** The appointment (ngày hẹn trả), ISO 8601. */
  dueAt: DateTimeSchema.nullable(),
  finishedAt: DateTimeSchema.nullable(),
});
export type PublicDossier = z.infer<typeof PublicDossierSchema>;
