import { z } from 'zod';
import { text } from './errors.js';
import { DOSSIER_STATUSES, RESULT_DELIVERIES } from '../dossier-status.js';
import { parseLocalDate } from '../calendar/vietnam-time.js';
import { CalendarDateSchema } from './calendar.js';
import { DateTimeSchema } from './date-time.js';

/**
 * Per-agency reports (GET /api/reports/…): apologies counted per agency, the dossiers at risk of being
 * late, the tracking register (Mẫu 06) and the process control sheet (Mẫu 05) as data.
 */

/** A reporting period: both days included, in Vietnam time. */
export const PeriodQuerySchema = z
  .object({ from: CalendarDateSchema, to: CalendarDateSchema })
  .refine((period) => period.from <= period.to, { message: 'must not be after `to`', path: ['from'] });
export type PeriodQuery = z.infer<typeof PeriodQuerySchema>;

const AgencyRefSchema = z.object({ code: z.string(), name: z.string() });

export const ApologyCountsSchema = z.object({
  /** Drafted in the period (whatever became of them). */
  drafted: z.number().int(),
  /** Approved in the period. */
  approved: z.number().int(),
  /** Rejected in the period. */
  rejected: z.number().int(),
});
export type ApologyCounts = z.infer<typeof ApologyCountsSchema>;

/** GET /api/reports/apologies: one row per agency of the caller's subtree, and the total. */
export const ApologyReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  agencies: z.array(ApologyCountsSchema.extend({ agency: AgencyRefSchema })),
  total: ApologyCountsSchema,
});
export type ApologyReport = z.infer<typeof ApologyReportSchema>;

/** One dossier flagged at risk of being late whose appointment is still ahead and not yet moved. */
export const AtRiskDossierSchema = z.object({
  code: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  applicantName: z.string(),
  procedureName: z.string(),
  agency: AgencyRefSchema,
  dueAt: DateTimeSchema,
  flaggedAt: DateTimeSchema,
  /** A draft apology waits for the leader. */
  draftApologyId: z.string().nullable(),
});
export type AtRiskDossier = z.infer<typeof AtRiskDossierSchema>;

export const AtRiskListSchema = z.object({ data: z.array(AtRiskDossierSchema) });
export type AtRiskList = z.infer<typeof AtRiskListSchema>;

/**
 * The longest period of one register, in calendar days, both ends included: a leap year. A register
 * lists every dossier of a subtree with the applicants' contact details, so a request for decades of
 * them would be both a heavy query and a bulk export of personal data.
 */
export const REGISTER_MAX_DAYS = 366;

/** Calendar days from `from` to `to`, both included; undefined when one of them is not a date. */
function daysIncluded(from: string, to: string): number | undefined {
  try {
    return parseLocalDate(to) - parseLocalDate(from) + 1;
  } catch {
    return undefined;
  }
}

/** The register (Mẫu 06) of an agency for a period of at most REGISTER_MAX_DAYS days. */
export const RegisterQuerySchema = z
  .object({
    /** The agency (with the agencies below it); the caller's agency when absent. */
    agency: text(35).min(1).optional(),
    from: CalendarDateSchema,
    to: CalendarDateSchema,
  })
  .refine((period) => period.from <= period.to, { message: 'must not be after `to`', path: ['from'] })
  .refine((period) => (daysIncluded(period.from, period.to) ?? 0) <= REGISTER_MAX_DAYS, {
    message: `must be within ${REGISTER_MAX_DAYS} days of \`from\`, both days included`,
    path: ['to'],
  });
export type RegisterQuery = z.infer<typeof RegisterQuerySchema>;

export const RegisterEntrySchema = z.object({
  /** STT. */
  index: z.number().int(),
  code: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  applicantAddress: z.string(),
  applicantPhone: z.string(),
  /** Cơ quan chủ trì giải quyết. */
  resolvingAgencyName: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  receivedAt: DateTimeSchema,
  /** The appointment printed on the receipt. */
  originalDueAt: DateTimeSchema.nullable(),
  /** The appointment now, when an approved apology moved it. */
  dueAt: DateTimeSchema.nullable(),
  /** When the result was returned (or the dossier ended). */
  finishedAt: DateTimeSchema.nullable(),
  resultDelivery: z.enum(RESULT_DELIVERIES),
});
export type RegisterEntry = z.infer<typeof RegisterEntrySchema>;

export const RegisterSchema = z.object({
  agency: AgencyRefSchema,
  from: z.string(),
  to: z.string(),
  entries: z.array(RegisterEntrySchema),
});
export type Register = z.infer<typeof RegisterSchema>;

/** Result of one leg on the control sheet (Mẫu 05): early, on time or late against its planned deadline. */
export const STEP_RESULTS = ['early', 'on_time', 'late'] as const;
export type StepResult = (typeof STEP_RESULTS)[number];

/**
 * One handover (a row of Mẫu 05): the giver's unit hands the dossier to the receiver's unit. The result
 * judges the leg that ended with this handover (the giver's step) against its planned deadline.
 */
export const ControlSheetRowSchema = z.object({
  /** Giao: the unit handing over, e.g. "Bộ phận TN&TKQ"; the first row's is always the one-stop unit. */
  fromUnit: z.string(),
  /** Nhận: the unit receiving; a partner agency's name during a transfer; the applicant at the return. */
  toUnit: z.string(),
  handedOverAt: DateTimeSchema,
  /** Người giao (full name); null when nobody in particular (a unit). */
  handedOverBy: z.string().nullable(),
  /** Người nhận (full name); null while nobody has claimed the step. */
  receivedBy: z.string().nullable(),
  /** The BPMN step that ended with this handover (null for the reception) and the one it began. */
  fromActivityId: z.string().nullable(),
  toActivityId: z.string().nullable(),
  /** Deadline of the leg that ended here: the task's due date at the time. */
  plannedDueAt: DateTimeSchema.nullable(),
  /** Null when the leg had no deadline (the clock was paused). */
  result: z.enum(STEP_RESULTS).nullable(),
  /** Ghi chú: outcome, pauses, transfers, the way the result was returned. */
  note: z.string().nullable(),
});
export type ControlSheetRow = z.infer<typeof ControlSheetRowSchema>;

export const ControlSheetSchema = z.object({
  dossierCode: z.string(),
  /** Cơ quan (bộ phận) giải quyết hồ sơ. */
  resolvingAgencyName: z.string(),
  /** Cơ quan phối hợp giải quyết hồ sơ (transfers). */
  coordinatingAgencyNames: z.array(z.string()),
  receivedAt: DateTimeSchema,
  dueAt: DateTimeSchema.nullable(),
  rows: z.array(ControlSheetRowSchema),
});
export type ControlSheet = z.infer<typeof ControlSheetSchema>;
