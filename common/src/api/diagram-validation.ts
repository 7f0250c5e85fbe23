import { z } from 'zod';
import { DeployProcessSchema } from './processes.js';

/**
 * POST /api/processes/validate: a diagram checked against the rules deployment enforces (the policy
 * and our lint, common/src/diagram-lint), without deploying it.
 */
export const ValidateDiagramSchema = z.object({
  /** A BPMN 2.0 document, of the size a deployment takes. */
  xml: DeployProcessSchema.shape.xml,
});
export type ValidateDiagram = z.infer<typeof ValidateDiagramSchema>;

/** One thing to change before the diagram may be deployed. */
export const DiagramProblemSchema = z.object({
  /** The element at fault; null when the problem is the whole document's. */
  elementId: z.string().nullable(),
  /**
   * The rule: `motcua/<rule>` for our lint (DIAGRAM_LINT_RULES), `policy/<rule>` for the policy
   * (DIAGRAM_POLICY_RULES, DIAGRAM_SCOPE_RULES), `document` when the document cannot be read or runs no process.
   */
  rule: z.string(),
  /** What to change, in Vietnamese. */
  message: z.string(),
});
export type DiagramProblem = z.infer<typeof DiagramProblemSchema>;

/** Empty when the diagram may be deployed. */
export const DiagramValidationSchema = z.object({ problems: z.array(DiagramProblemSchema) });
export type DiagramValidation = z.infer<typeof DiagramValidationSchema>;
