import { z } from 'zod';
import {
  DeployedProcessSchema as SharedDeployedProcessSchema,
  DeployProcessSchema as SharedDeployProcessSchema,
  ProcessKeySchema,
} from '@motcua/common';

/** BPMN deployment by the admin, and reading back the deployed diagram (shapes from @motcua/common). */
export { ProcessXmlSchema, type DeployedProcess } from '@motcua/common';

export const DeployProcessSchema = SharedDeployProcessSchema.extend({
  xml: SharedDeployProcessSchema.shape.xml.describe('a BPMN 2.0 document with exactly one executable process'),
});

export const DeployedProcessSchema = SharedDeployedProcessSchema.extend({
  id: SharedDeployedProcessSchema.shape.id.describe('process definition id'),
});

export const ProcessKeyParamsSchema = z.object({ key: ProcessKeySchema });
