import { z } from 'zod';
import { DateTimeSchema } from './date-time.js';
import { DossierCodeSchema } from '../dossier-dto.js';
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

/**
 * Moving the running dossiers of an older version onto a newer one (POST
 * /api/processes/{key}/migrations/preview, then /migrations): the engine's migration plan between
 * the two versions, which dossiers can follow it and why the others cannot. Those that cannot finish
 * on the version they started on.
 */

/** The largest number of dossiers one migration moves (the engine moves them in one synchronous call). */
export const MIGRATION_BATCH_MAX = 200;

/** Why an activity where dossiers wait now does not carry over to the target version. */
export const MIGRATION_PROBLEM_RULES = [
  /** The target version has no activity with this id. */
  'removed',
  /** The target has the id, but as another kind of element or in another place (a sub-process). */
  'not_mapped',
  /** The engine refused the instruction the plan made for it. */
  'refused',
  /** The target has a step whose deadline was computed at reception for its own dossiers, not for these. */
  'missing_deadline',
] as const;
export type MigrationProblemRule = (typeof MIGRATION_PROBLEM_RULES)[number];

const MigrationVersionFieldSchema = z.number().int().min(1).max(2_147_483_647);

export const MigrationPreviewRequestSchema = z.object({
  /** The older version whose running dossiers would move. */
  sourceVersion: MigrationVersionFieldSchema,
  /** The version they would move to; the newest when left out. */
  targetVersion: MigrationVersionFieldSchema.optional(),
});
export type MigrationPreviewRequest = z.infer<typeof MigrationPreviewRequestSchema>;

export const MigrateDossiersSchema = MigrationPreviewRequestSchema.extend({
  targetVersion: MigrationVersionFieldSchema,
  /** The dossiers the admin confirmed, each of which the preview showed as able to move. */
  dossierCodes: z.array(DossierCodeSchema).min(1).max(MIGRATION_BATCH_MAX),
});
export type MigrateDossiers = z.infer<typeof MigrateDossiersSchema>;

const MigrationVersionSchema = z.object({ id: z.string(), version: z.number().int() });

export const MigrationProblemSchema = z.object({
  /** The activity of the source version. */
  activityId: z.string(),
  name: z.string(),
  rule: z.enum(MIGRATION_PROBLEM_RULES),
  /** A Vietnamese sentence for the admin. */
  message: z.string(),
});
export type MigrationProblem = z.infer<typeof MigrationProblemSchema>;

export const MigrationCandidateSchema = z.object({
  dossierCode: z.string(),
  processInstanceId: z.string(),
  /** The activities the dossier waits at now. */
  activityIds: z.array(z.string()),
  movable: z.boolean(),
  /** Why it cannot move; empty when it can. */
  problems: z.array(MigrationProblemSchema),
});
export type MigrationCandidate = z.infer<typeof MigrationCandidateSchema>;

export const MigrationPreviewSchema = z.object({
  key: z.string(),
  source: MigrationVersionSchema,
  target: MigrationVersionSchema,
  /** What the plan does with each activity of the source that is not carried over as it is. */
  problems: z.array(MigrationProblemSchema),
  /** The running dossiers of the source version (at most MIGRATION_BATCH_MAX, oldest first). */
  dossiers: z.array(MigrationCandidateSchema),
  /** Running dossiers on the source version, listed or not. */
  runningDossiers: z.number().int(),
});
export type MigrationPreview = z.infer<typeof MigrationPreviewSchema>;

export const MigrationResultSchema = z.object({
  key: z.string(),
  source: MigrationVersionSchema,
  target: MigrationVersionSchema,
  /** The dossiers now on the target version. */
  migrated: z.array(z.string()),
});
export type MigrationResult = z.infer<typeof MigrationResultSchema>;
