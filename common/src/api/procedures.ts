import { z } from 'zod';
import { AgencyCodeSchema } from '../agency-code.js';
import { DateTimeSchema, DateTimeWithOffsetSchema } from './date-time.js';
import { formattedString, stringFormat, text } from './errors.js';
import { ProcessKeySchema } from './processes.js';

/**
 * The procedure catalogue (thủ tục hành chính, issue 3 point 1): officers read it under
 * /api/procedures, the admin unit edits it there, and anyone reads the active procedures under
 * /api/public/procedures (point 11). A procedure's legal content lives in immutable versions; each
 * dossier stays pinned to the version it was received under.
 */

/** Online service level: full online ("toàn trình") or partial ("một phần"). */
export const PROCEDURE_LEVELS = ['full_online', 'partial_online'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

/** A national procedure code from the national database of procedures, e.g. 1.009994 or 2.002154. */
export const ProcedureCodeSchema = formattedString(
  'procedure_code',
  50,
  /^[0-9A-Za-z][0-9A-Za-z._-]*$/,
  'is not a procedure code such as 1.009994',
).meta({ examples: ['1.009994'] });

/** A fee or charge (phí, lệ phí) in whole Vietnamese đồng. */
export const FeeSchema = z.object({
  name: text(300).min(1),
  amountVnd: z.number().int('must be a whole number of đồng').min(0).max(1_000_000_000_000),
  note: text(1000).optional(),
});
export type Fee = z.infer<typeof FeeSchema>;

/**
 * A component of the dossier (thành phần hồ sơ): how many originals and copies, and whether the
 * dossier is incomplete without it. At least one original or copy is asked for; the server checks
 * that with the code `document_count_required` (requiredDocumentCountProblems).
 */
export const RequiredDocumentSchema = z.object({
  name: text(500).min(1),
  originals: z.number().int().min(0).max(100),
  copies: z.number().int().min(0).max(100),
  mandatory: z.boolean(),
  note: text(1000).optional(),
});
export type RequiredDocument = z.infer<typeof RequiredDocumentSchema>;

/** Paths (below the list) of the required documents that ask for neither an original nor a copy. */
export function requiredDocumentCountProblems(documents: readonly RequiredDocument[]): string[] {
  return documents.flatMap((document, index) =>
    document.originals < 1 && document.copies < 1 ? [`${index}/originals`] : [],
  );
}

/** The legal content of one version, as the admin writes it (POST /api/procedures/{code}/versions). */
export const ProcedureVersionInputSchema = z.object({
  name: text(500).min(1),
  /** Field of work (lĩnh vực), e.g. "Hoạt động xây dựng". */
  field: text(200).min(1),
  level: z.enum(PROCEDURE_LEVELS),
  /** Legal processing time in working days; 0 = the same working day. */
  processingDays: z.number().int('must be a whole number of working days').min(0).max(365),
  /** Empty for a procedure without fees. */
  fees: z.array(FeeSchema).max(50),
  requiredDocuments: z.array(RequiredDocumentSchema).min(1, 'must list at least one document').max(100),
  /** The documents and articles that give the rule, e.g. "Luật Xây dựng 2014, Điều 102". */
  legalBasis: text(4000).min(1),
  /** The BPMN process that carries the procedure; it must be deployed in the engine. */
  processKey: ProcessKeySchema,
  /** When the version starts to apply (the legal basis's effective date), e.g. 2025-07-01T00:00:00+07:00. */
  effectiveFrom: DateTimeWithOffsetSchema,
});
export type ProcedureVersionInput = z.infer<typeof ProcedureVersionInputSchema>;

/** A new procedure with its first version (POST /api/procedures). */
export const CreateProcedureSchema = ProcedureVersionInputSchema.extend({
  code: ProcedureCodeSchema,
  /** The competent agency; it must be the admin's agency or one below it. */
  agencyCode: AgencyCodeSchema,
});
export type CreateProcedure = z.infer<typeof CreateProcedureSchema>;

/** PATCH /api/procedures/{code}: withdraw a procedure from the catalogue or bring it back. */
export const UpdateProcedureSchema = z.object({ active: z.boolean() });
export type UpdateProcedure = z.infer<typeof UpdateProcedureSchema>;

/** Media types accepted for form templates: PDF, Word (docx, doc) and OpenDocument text. */
export const FORM_TEMPLATE_MEDIA_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/msword',
  'application/vnd.oasis.opendocument.text',
] as const;
export type FormTemplateMediaType = (typeof FORM_TEMPLATE_MEDIA_TYPES)[number];

/** The largest form template, in bytes (5 MiB). */
export const FORM_TEMPLATE_MAX_BYTES = 5 * 1024 * 1024;
/** The base64 text of the largest template. */
const FORM_TEMPLATE_MAX_BASE64 = Math.ceil(FORM_TEMPLATE_MAX_BYTES / 3) * 4;

const OUTSIDE_BASE64_ALPHABET = /[^A-Za-z0-9+/]/;

/**
 * Whether a text is padded base64. Checked by one scan for a character outside the alphabet: zod's
 * base64 pattern, a repeated group of four, takes well over 100 ms on a 7 MB template.
 */
function isBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return !OUTSIDE_BASE64_ALPHABET.test(text.slice(0, text.length - padding));
}

/** POST /api/procedures/{code}/versions/{version}/form-templates: the file travels as base64 in JSON. */
export const UploadFormTemplateSchema = z.object({
  /** What the citizen sees, e.g. "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)". */
  name: text(300).min(1),
  fileName: text(200)
    .min(1)
    .regex(/^[^/\\\r\n"]+$/, 'must be a file name without path separators or quotes'),
  mediaType: z.enum(FORM_TEMPLATE_MEDIA_TYPES),
  /** The file, base64-encoded, at most 5 MiB once decoded. */
  contentBase64: z
    .string()
    .max(FORM_TEMPLATE_MAX_BASE64, { abort: true })
    .min(4)
    .check(stringFormat('base64', isBase64, 'must be the file encoded in base64')),
});
export type UploadFormTemplate = z.infer<typeof UploadFormTemplateSchema>;

export const FormTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  /** Size in bytes. */
  size: z.number().int(),
  /** Where to download it: the public URL for the public catalogue, the officers' URL otherwise. */
  url: z.string(),
});
export type FormTemplate = z.infer<typeof FormTemplateSchema>;

const AgencyRefSchema = z.object({ code: z.string(), name: z.string() });

/** The legal content of a version as stored. */
const VersionContentSchema = z.object({
  name: z.string(),
  field: z.string(),
  level: z.enum(PROCEDURE_LEVELS),
  processingDays: z.number().int(),
  fees: z.array(FeeSchema),
  requiredDocuments: z.array(RequiredDocumentSchema),
  legalBasis: z.string(),
});

/** One version of a procedure (GET /api/procedures/{code} lists them all). */
export const ProcedureVersionSchema = VersionContentSchema.extend({
  version: z.number().int(),
  processKey: z.string(),
  effectiveFrom: DateTimeSchema,
  createdBy: z.string(),
  createdAt: DateTimeSchema,
  formTemplates: z.array(FormTemplateSchema),
});
export type ProcedureVersion = z.infer<typeof ProcedureVersionSchema>;

/**
 * A procedure with the content of its current version: the newest one in effect now, or, for a
 * procedure whose first version is not in effect yet, that first version (its effectiveFrom is in
 * the future). `latestVersion` tells whether a newer version is scheduled.
 */
export const ProcedureSchema = VersionContentSchema.extend({
  code: z.string(),
  active: z.boolean(),
  agency: AgencyRefSchema,
  version: z.number().int(),
  latestVersion: z.number().int(),
  processKey: z.string(),
  effectiveFrom: DateTimeSchema,
  formTemplates: z.array(FormTemplateSchema),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

export const ProcedureListSchema = z.object({ data: z.array(ProcedureSchema) });
export type ProcedureList = z.infer<typeof ProcedureListSchema>;

/** GET /api/procedures/{code}: the procedure and every version, newest first. */
export const ProcedureDetailSchema = ProcedureSchema.extend({ versions: z.array(ProcedureVersionSchema) });
export type ProcedureDetail = z.infer<typeof ProcedureDetailSchema>;

/** GET /api/procedures: inactive procedures are listed only on request (the admin's catalogue page). */
export const QueryProcedureSchema = z.object({
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type QueryProcedure = z.infer<typeof QueryProcedureSchema>;

/**
 * A procedure in the public catalogue (GET /api/public/procedures, no login): what a citizen or a
 * kiosk needs to prepare a dossier, nothing about who edited it.
 */
export const PublicProcedureSchema = VersionContentSchema.extend({
  code: z.string(),
  agency: AgencyRefSchema,
  effectiveFrom: DateTimeSchema,
  formTemplates: z.array(FormTemplateSchema),
});
export type PublicProcedure = z.infer<typeof PublicProcedureSchema>;

export const PublicProcedureListSchema = z.object({ data: z.array(PublicProcedureSchema) });
export type PublicProcedureList = z.infer<typeof PublicProcedureListSchema>;

/** GET /api/public/procedures: optionally only one agency's procedures (with those of the agencies below it). */
export const QueryPublicProcedureSchema = z.object({ agencyCode: AgencyCodeSchema.optional() });
export type QueryPublicProcedure = z.infer<typeof QueryPublicProcedureSchema>;
