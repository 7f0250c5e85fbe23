import { z } from 'zod';
import { AgencyCodeSchema } from '../agency-code.js';
import { DateTimeSchema } from './date-time.js';
import { text } from './errors.js';

/**
 * Agencies as officers see them (GET /api/agencies) and the resolution of an agency code, current
 * or old, to the agency that handles its work today (GET /api/agencies/resolve/{code}). Agencies
 * keep every code they had: codes were reissued after the 2025 mergers, and dossiers received under
 * an old code keep it (issue 3 point 2).
 */

/** One code an agency has had; `validUntil` is null while it is current. */
export const AgencyCodeRecordSchema = z.object({
  code: z.string(),
  validFrom: DateTimeSchema,
  validUntil: DateTimeSchema.nullable(),
  /** The decision that issued or withdrew the code. */
  legalRef: z.string().nullable(),
});
export type AgencyCodeRecord = z.infer<typeof AgencyCodeRecordSchema>;

const AgencyRefSchema = z.object({ code: z.string(), name: z.string() });

/**
 * An agency in the tree. The list is flat and depth-first (each agency follows its parent), with
 * `parentCode` and `depth` to draw the tree.
 */
export const AgencySchema = z.object({
  id: z.string(),
  /** The current code. */
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  /** 0 for a root agency, 1 for its children, … */
  depth: z.number().int(),
  /** After a merger: the agency that took over this one's work. */
  successor: AgencyRefSchema.nullable(),
  /** Every code the agency has had, oldest first, the current one included. */
  codes: z.array(AgencyCodeRecordSchema),
});
export type Agency = z.infer<typeof AgencySchema>;

export const AgencyListSchema = z.object({ data: z.array(AgencySchema) });
export type AgencyList = z.infer<typeof AgencyListSchema>;

export const AgencyCodeParamsSchema = z.object({ code: AgencyCodeSchema });

/** GET /api/agencies/resolve/{code}. */
export const ResolvedAgencySchema = z.object({
  /** The code asked about. */
  code: z.string(),
  /** Whether that code is still in use: the current code of the agency it names, not withdrawn. */
  current: z.boolean(),
  /** The agency the code names (by its current code). */
  namedAgency: AgencyRefSchema,
  /** The agency that handles that work today: the named agency, or its last successor. */
  agency: AgencySchema,
  /** The agencies from the named one to the one handling it today, both included. */
  successionPath: z.array(AgencyRefSchema),
});
export type ResolvedAgency = z.infer<typeof ResolvedAgencySchema>;

/**
 * A new agency (POST /api/agencies): below an agency of the caller's subtree, never a new root. Its
 * code opens its code history (a database trigger keeps the history, whoever writes the agency).
 */
export const CreateAgencySchema = z.object({
  code: AgencyCodeSchema,
  name: text(200).min(2),
  parentCode: AgencyCodeSchema,
  /** The decision that issued the code, kept in its history. */
  legalRef: text(200).min(1).optional(),
  /** Printed above the unit's name on forms (ĐƠN VỊ CHỦ QUẢN), e.g. "UBND TỈNH QUẢNG NAM". */
  parentName: text(200).min(1).optional(),
  /** Place name for the date line of forms. */
  place: text(100).min(1).optional(),
});
export type CreateAgency = z.infer<typeof CreateAgencySchema>;

/**
 * A change to an agency (PATCH /api/agencies/{code}); at least one field. A new `code` closes the
 * old one in the history (with `legalRef`, the decision that reissued it) and the old code keeps
 * resolving to the agency; `successorCode` records a merger: the agency named takes over this one's
 * work, and this one's codes resolve to it.
 */
export const UpdateAgencySchema = z
  .object({
    name: text(200).min(2).optional(),
    code: AgencyCodeSchema.optional(),
    parentCode: AgencyCodeSchema.optional(),
    successorCode: AgencyCodeSchema.nullable().optional(),
    legalRef: text(200).min(1).optional(),
  })
  .refine(
    (change) => [change.name, change.code, change.parentCode, change.successorCode].some((value) => value !== undefined),
    { message: 'must change at least one of name, code, parentCode, successorCode' },
  );
export type UpdateAgency = z.infer<typeof UpdateAgencySchema>;
