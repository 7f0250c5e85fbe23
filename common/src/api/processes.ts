import { z } from 'zod';
import { stringFormat } from './errors.js';

/** BPMN deployment by the admin (POST /api/processes) and the deployed diagram (GET /api/processes/{key}/xml). */

export const DeployProcessSchema = z.object({
  /** A BPMN 2.0 document with exactly one executable process. */
  xml: z.string().min(1).max(2_000_000),
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
