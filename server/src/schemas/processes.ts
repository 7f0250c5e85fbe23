import { z } from 'zod';
import './common.js';

/** BPMN deployment by the admin, and reading back the deployed diagram. */
export const DeployProcessSchema = z.object({
  xml: z.string().min(1).max(2_000_000).describe('a BPMN 2.0 document with exactly one executable process'),
});

export const DeployedProcessSchema = z.object({
  id: z.string().describe('process definition id'),
  key: z.string(),
  version: z.number().int(),
});
export type DeployedProcess = z.infer<typeof DeployedProcessSchema>;

export const ProcessKeyParamsSchema = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z_][\w.-]*$/, 'must be a BPMN process id such as house-construction-permit')
    .max(255),
});

export const ProcessXmlSchema = z.object({ key: z.string(), xml: z.string() });
