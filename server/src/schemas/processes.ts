import { z } from 'zod';
import {
  DeployedProcessSchema as SharedDeployedProcessSchema,
  DeployProcessSchema as SharedDeployProcessSchema,
  ProcessKeySchema,
} from '@motcua/common';

/** BPMN deployment by the admin, and reading back the deployed diagram (shapes from @motcua/common). */
export {
  ProcessDraftAnswerSchema,
  ProcessVersionsSchema,
  ProcessVersionXmlSchema,
  ProcessXmlSchema,
  SaveProcessDraftSchema,
  type DeployedProcess,
  type ProcessDraftAnswer,
  type ProcessVersions,
  type ProcessVersionXml,
  type SaveProcessDraft,
} from '@motcua/common';

export const DeployProcessSchema = SharedDeployProcessSchema.extend({
  xml: SharedDeployProcessSchema.shape.xml.describe('a BPMN 2.0 document with exactly one executable process'),
});

export const DeployedProcessSchema = SharedDeployedProcessSchema.extend({
  id: SharedDeployedProcessSchema.shape.id.describe('process definition id'),
});

export const ProcessKeyParamsSchema = z.object({ key: ProcessKeySchema });

/** POST /api/processes/validate: a diagram to check, and every problem to fix before deploying it. */
export { DiagramValidationSchema, ValidateDiagramSchema } from '@motcua/common';

/** Moving the running dossiers of an older version onto a newer one (shapes from @motcua/common). */
export {
  MigrateDossiersSchema,
  MigrationPreviewRequestSchema,
  MigrationPreviewSchema,
  MigrationResultSchema,
} from '@motcua/common';

export const ProcessVersionParamsSchema = ProcessKeyParamsSchema.extend({
  version: z.coerce.number().int().min(1).max(2_147_483_647).describe('the process definition version'),
});
