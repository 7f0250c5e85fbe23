import { z } from 'zod';
import { DateTimeSchema } from './date-time.js';
import { stringFormat, text } from './errors.js';

/** BPMN deployment by the admin (POST /api/processes) and the deployed diagram (GET /api/processes/{key}/xml). */

/** The largest diagram the API accepts, deployed or saved as a draft. */
const BPMN_XML = z.string().min(1).max(2_000_000);
/** Why an admin deploys a version or saves a draft, shown in the version list. */
const DesignCommentSchema = text(1000);

export const DeployProcessSchema = z.object({
  /** A BPMN 2.0 document with exactly one executable process. */
  xml: BPMN_XML,
  /** What changed and why, recorded with the version. */
  comment: DesignCommentSchema.optional(),
});
export type DeployProcess = z.infer<typeof DeployProcessSchema>;

export const DeployedProcessSchema = z.object({
  /** The process definition id. */
  id: z.string(),
  key: z.string(),
  version: z.number().int(),
});
export type DeployedProcess = z.infer<typeof DeployedProcessSchema>;

/** A BPMN process id, which is the process key. */
export const ProcessKeySchema = z
  .string()
  .max(255)
  .check(
    stringFormat('process_key', /^[A-Za-z_][\w.-]*$/, 'must be a BPMN process id such as house-construction-permit'),
  );

export const ProcessXmlSchema = z.object({ key: z.string(), xml: z.string() });
export type ProcessXml = z.infer<typeof ProcessXmlSchema>;

/**
 * The designer (admin-ui/src/processes): a draft saved without deploying, the deployed versions of a
 * key with who deployed each, when and why, and how many running dossiers each version carries.
 */

/** PUT /api/processes/{key}/draft: the diagram must define the process `key`. */
export const SaveProcessDraftSchema = z.object({
  xml: BPMN_XML,
  comment: DesignCommentSchema.optional(),
});
export type SaveProcessDraft = z.infer<typeof SaveProcessDraftSchema>;

export const ProcessDraftSchema = z.object({
  key: z.string(),
  xml: z.string(),
  comment: z.string().nullable(),
  /** The username of the admin who saved it. */
  savedBy: z.string(),
  savedAt: DateTimeSchema,
});
export type ProcessDraft = z.infer<typeof ProcessDraftSchema>;

/** GET /api/processes/{key}/draft: the key's draft, or null when none is saved. */
export const ProcessDraftAnswerSchema = z.object({ key: z.string(), draft: ProcessDraftSchema.nullable() });
export type ProcessDraftAnswer = z.infer<typeof ProcessDraftAnswerSchema>;

export const ProcessVersionSchema = z.object({
  /** The process definition id. */
  id: z.string(),
  version: z.number().int(),
  /** Who deployed it from the designer; null for a version deployed by the system (the seed, a script). */
  deployedBy: z.string().nullable(),
  deployedAt: DateTimeSchema.nullable(),
  comment: z.string().nullable(),
  /** Dossiers whose process runs on this version and that have not reached a final status. */
  runningDossiers: z.number().int(),
});
export type ProcessVersion = z.infer<typeof ProcessVersionSchema>;

export const ProcessVersionsSchema = z.object({
  key: z.string(),
  /** Newest first. */
  versions: z.array(ProcessVersionSchema),
  /** Running dossiers on a version older than the newest: they finish on the version they started on. */
  runningOnOlderVersions: z.number().int(),
});
export type ProcessVersions = z.infer<typeof ProcessVersionsSchema>;

export const ProcessVersionXmlSchema = z.object({ key: z.string(), version: z.number().int(), xml: z.string() });
export type ProcessVersionXml = z.infer<typeof ProcessVersionXmlSchema>;
