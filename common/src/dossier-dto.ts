import { z } from 'zod';
import { formattedString, text } from './api/errors.js';
import { DateTimeWithOffsetSchema } from './api/date-time.js';
import { DOSSIER_CHANNELS, DOSSIER_STATUSES, RESULT_DELIVERIES } from './dossier-status.js';
import { TASK_OUTCOMES } from './procedures.js';

/**
 * Data shapes exchanged between the API, the UI and kiosks. The server validates with these,
 * the UI reuses them for its forms, and their inferred types are the only type definitions.
 */

/** Vietnamese citizen identity numbers: 12-digit CCCD, or the older 9-digit CMND. */
export const IdNumberSchema = formattedString(
  'id_number',
  12,
  /^(\d{9}|\d{12})$/,
  'must be a 9-digit or 12-digit identity number',
).meta({ examples: ['049190001234'] });

/** Vietnamese phone numbers: 10 digits starting with 0, or +84 followed by 9 digits. */
export const PhoneSchema = formattedString(
  'phone',
  12,
  /^(0\d{9}|\+84\d{9})$/,
  'must be a Vietnamese phone number, e.g. 0912345678',
).meta({ examples: ['0912345678', '+84912345678'] });

/**
 * An e-mail address: something@domain.tld, without spaces, at most 254 characters (RFC 5321). The
 * domain is dot-separated labels that contain no dot, so the pattern can split a text only one way
 * and runs in linear time; `[^\s@]+\.[^\s@]+`, whose two runs both take dots, tried every dot of a
 * long text against every later one (issue 7).
 */
export const EmailSchema = formattedString(
  'email',
  254,
  /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/,
  'must be an e-mail address, e.g. ten@example.vn',
).meta({ examples: ['ten@example.vn'] });

export const ApplicantSchema = z.object({
  fullName: text(200).min(2, 'must have at least 2 characters'),
  idNumber: IdNumberSchema,
  phone: PhoneSchema,
  address: text(500).min(5, 'must have at least 5 characters'),
  /** Optional; when given, notifications are also sent by e-mail. */
  email: EmailSchema.optional(),
});
export type Applicant = z.infer<typeof ApplicantSchema>;

/**
 * What the receptionist found when checking the dossier (Art. 8.1 of the regulation):
 * - complete: receipt and appointment (Mẫu 01), the process and the clock start;
 * - incomplete: a supplement request listing every missing item at once (Mẫu 02), nothing starts;
 * - refused: a refusal with reasons (Mẫu 03), nothing starts.
 * Every outcome takes a dossier code.
 */
export const RECEPTION_OUTCOMES = ['complete', 'incomplete', 'refused'] as const;
export type ReceptionOutcome = (typeof RECEPTION_OUTCOMES)[number];

/** One component of the dossier as handed in (Mẫu 01 item 1): its name and how many originals and copies. */
export const HandedInDocumentSchema = z.object({
  /** The name of a required document of the procedure version, or of another document handed in. */
  name: text(500).min(1),
  originals: z.number().int().min(0).max(100).default(0),
  copies: z.number().int().min(0).max(100).default(0),
});
export type HandedInDocument = z.infer<typeof HandedInDocumentSchema>;

/**
 * A dossier handled by hand while the system was down, entered afterwards (regulation Art. 7.2):
 * the time it was really received, and why it is entered late. Receptionists and admins only.
 */
export const BackEntrySchema = z.object({
  /** ISO 8601 with an offset or Z, in the past, not before the procedure's first version applied. */
  receivedAt: DateTimeWithOffsetSchema,
  reason: text(1000).min(5, 'must have at least 5 characters'),
});
export type BackEntry = z.infer<typeof BackEntrySchema>;

const ItemListSchema = z.array(text(500).min(1)).min(1, 'must list at least one item').max(100);

/** A text that must be there for one choice of another field: reported as "required" on that field. */
function requireWhen(context: z.RefinementCtx, present: boolean, path: string, message: string) {
  if (!present) context.addIssue({ code: 'custom', path: [path], message });
}

/**
 * POST /api/dossiers: a dossier presented at the counter, by post or online. Online dossiers go
 * through the same check. The fields an outcome needs are required with it.
 */
export const CreateDossierSchema = z
  .object({
    procedureCode: text(50).min(1),
    applicant: ApplicantSchema,
    channel: z.enum(DOSSIER_CHANNELS).default('counter'),
    outcome: z.enum(RECEPTION_OUTCOMES).default('complete'),
    /** Nội dung yêu cầu giải quyết; the procedure's name when not given. */
    requestSummary: text(1000).min(2).optional(),
    /** What was handed in; for outcome complete it must hold every mandatory document of the procedure. */
    documents: z.array(HandedInDocumentSchema).max(100).default([]),
    /** Số lượng hồ sơ (bộ). */
    setCount: z.number().int().min(1).max(100).default(1),
    resultDelivery: z.enum(RESULT_DELIVERIES).default('counter'),
    /** Required when the result is sent by post. */
    deliveryAddress: text(500).min(5).optional(),
    /** Outcome incomplete: every missing or wrong item, all at once (Mẫu 02). */
    missingItems: ItemListSchema.optional(),
    /** Outcome refused: the reasons (Mẫu 03). */
    refusalReason: text(2000).min(5).optional(),
    backEntry: BackEntrySchema.optional(),
  })
  .superRefine((input, context) => {
    if (input.outcome === 'incomplete') {
      requireWhen(context, input.missingItems !== undefined, 'missingItems', 'is required for outcome incomplete');
    }
    if (input.outcome === 'refused') {
      requireWhen(context, input.refusalReason !== undefined, 'refusalReason', 'is required for outcome refused');
    }
    if (input.resultDelivery === 'post') {
      requireWhen(context, input.deliveryAddress !== undefined, 'deliveryAddress', 'is required for delivery by post');
    }
  });
/** The reception as the server reads it, defaults applied. */
export type CreateDossier = z.infer<typeof CreateDossierSchema>;
/** The reception as a client sends it: fields with defaults may be left out. */
export type CreateDossierInput = z.input<typeof CreateDossierSchema>;

/**
 * POST /api/dossiers/{code}/accept: an incomplete dossier brought back complete. What is handed in
 * now replaces the earlier list and must hold every mandatory document.
 */
export const AcceptDossierSchema = z.object({
  documents: z.array(HandedInDocumentSchema).min(1, 'must list the documents handed in').max(100),
  setCount: z.number().int().min(1).max(100).optional(),
});
export type AcceptDossier = z.infer<typeof AcceptDossierSchema>;
export type AcceptDossierInput = z.input<typeof AcceptDossierSchema>;

/**
 * POST /api/dossiers/{code}/status-override: a status change outside the normal flow, which the
 * regulation (Art. 5.3) allows only on the direction of the competent authority.
 */
export const StatusOverrideSchema = z.object({
  status: z.enum(DOSSIER_STATUSES),
  /** The document that directs the change, e.g. "Quyết định số 12/QĐ-UBND ngày 01/12/2026". */
  authorisingDocument: text(500).min(5, 'must name the authorising document'),
  reason: text(2000).min(5, 'must have at least 5 characters'),
});
export type StatusOverride = z.infer<typeof StatusOverrideSchema>;

/**
 * The dossier code: receiving agency code, receipt date YYMMDD, daily sequence of at least 4 digits
 * (Circular 01/2018/TT-VPCP; see docs/glossary.md), e.g. 000.00.17.H41-181106-0001.
 */
export const DossierCodeSchema = formattedString(
  'dossier_code',
  60,
  /^[0-9A-Z.]{1,35}-\d{6}-\d{4,}$/,
  'is not a dossier code such as 000.00.17.H41-181106-0001',
).meta({ examples: ['000.00.17.H41-181106-0001'] });

/**
 * POST /api/tasks/{id}/complete. The outcome must be one the task offers (its `outcomes` property in
 * the diagram); each outcome needs its data, which goes to the engine as process variables. The
 * comment stays in our event log and is never sent to the engine.
 */
export const CompleteTaskSchema = z
  .object({
    outcome: z.enum(TASK_OUTCOMES).optional(),
    comment: text(2000).optional(),
    /** request_supplement: every item the applicant must bring, all at once (Mẫu 02). */
    supplementItems: ItemListSchema.optional(),
    /** refuse: the reasons given to the applicant. */
    refusalReason: text(2000).min(5).optional(),
    /** transfer: the code of the agency that does its part (liên thông). */
    partnerAgencyCode: text(35).min(1).optional(),
    /** return-result: how the result was handed over. */
    returnMethod: z.enum(RESULT_DELIVERIES).optional(),
    /** return-result by post: the postal tracking reference. */
    postalTrackingRef: text(100).min(3).optional(),
  })
  .superRefine((input, context) => {
    if (input.outcome === 'request_supplement') {
      requireWhen(
        context,
        input.supplementItems !== undefined,
        'supplementItems',
        'is required for outcome request_supplement',
      );
    }
    if (input.outcome === 'refuse') {
      requireWhen(context, input.refusalReason !== undefined, 'refusalReason', 'is required for outcome refuse');
    }
    if (input.outcome === 'transfer') {
      requireWhen(
        context,
        input.partnerAgencyCode !== undefined,
        'partnerAgencyCode',
        'is required for outcome transfer',
      );
    }
    if (input.returnMethod === 'post') {
      requireWhen(
        context,
        input.postalTrackingRef !== undefined,
        'postalTrackingRef',
        'is required when the result is sent by post',
      );
    }
  });
export type CompleteTask = z.infer<typeof CompleteTaskSchema>;
