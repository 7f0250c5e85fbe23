import { httpErrors } from '@fastify/sensible';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import type { AuditRepository } from '../repositories/audit-repository.js';
import type { TokenPayload } from '../schemas/auth.js';
import type { DeployedProcess } from '../schemas/processes.js';
import { invalidField } from '../errors.js';
import {
  BPMN_MODEL_NAMESPACE,
  checkBpmnPolicy,
  describeViolations,
  parseXml,
  XmlSyntaxError,
  type XmlElement,
} from './bpmn-policy.js';

/**
 * Deploying BPMN diagrams drawn by the admin and reading back the latest deployed diagram.
 * A diagram is deployed only if it passes the BPMN policy (./bpmn-policy.ts: nothing in it may run
 * code on the engine). Each deployment is written to the audit log with the admin who made it.
 */

/**
 * The id of the one executable process in a BPMN document, or a message saying why there is none.
 * Like the engine, only a process with isExecutable="true" is executable: the engine deploys no
 * definition for a process without the attribute.
 */
export function findExecutableProcessId(definitions: XmlElement): { id: string } | { problem: string } {
  // the engine finds processes by local name, whatever their namespace
  const processes = definitions.children
    .filter((child) => child.localName === 'process')
    .map((process) => {
      const attribute = (name: string) =>
        process.attributes.find((candidate) => candidate.namespace === '' && candidate.localName === name)?.value;
      return { id: attribute('id'), executable: attribute('isExecutable')?.toLowerCase() === 'true' };
    });
  const executable = processes.filter((process) => process.executable);
  if (executable.length === 0) return { problem: 'contains no executable process (isExecutable="true")' };
  if (executable.length > 1) {
    const ids = executable.map((process) => process.id ?? '?').join(', ');
    return { problem: `contains ${executable.length} executable processes (${ids}); deploy exactly one` };
  }
  const id = executable[0]?.id;
  if (!id) return { problem: 'has an executable process without an id' };
  return { id };
}

/** The process key a diagram deploys, or why it may not be deployed (the message follows "body/xml"). */
export function inspectDiagram(xml: string): { key: string } | { problem: string } {
  let definitions: XmlElement;
  try {
    definitions = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { problem: `cannot be read as XML: ${error.message}` };
    throw error;
  }
  if (definitions.namespace !== BPMN_MODEL_NAMESPACE || definitions.localName !== 'definitions') {
    return { problem: 'is not a BPMN 2.0 document (no bpmn:definitions element in the BPMN model namespace)' };
  }
  const found = findExecutableProcessId(definitions);
  if ('problem' in found) return found;
  const violations = checkBpmnPolicy(definitions);
  if (violations.length > 0) return { problem: `is not allowed: ${describeViolations(violations)}` };
  return { key: found.id };
}

export function createProcessService(deps: { audit: AuditRepository; engine: EngineClient }) {
  const { audit, engine } = deps;

  return {
    async deploy(caller: TokenPayload, xml: string): Promise<DeployedProcess> {
      const inspected = inspectDiagram(xml);
      if ('problem' in inspected) throw invalidField('body/xml', inspected.problem, 'invalid_bpmn');
      const { key } = inspected;

      const deployment = await engine
        .deploy({ name: key, source: 'motcua-admin', files: [{ fileName: `${key}.bpmn`, content: xml }] })
        .catch((error: unknown) => {
          // the engine's parser found the diagram invalid: the admin must fix it
          if (error instanceof EngineError && error.status === 400) {
            throw invalidField(
              'body/xml',
              `was rejected by the engine: ${error.message.replace(/^.*?→ \d+: /, '')}`,
              'invalid_bpmn',
            );
          }
          throw error;
        });
      // an unchanged diagram is not deployed again; its current version is the answer
      const definition =
        Object.values(deployment.deployedProcessDefinitions ?? {}).find((candidate) => candidate.key === key) ??
        (await engine.latestDefinition(key));

      await audit.record({
        actor: caller.sub,
        action: 'process.deploy',
        entity: 'process',
        entityId: definition.id,
        data: { key, version: definition.version, deploymentId: deployment.id },
      });
      return { id: definition.id, key: definition.key, version: definition.version };
    },

    async latestXml(key: string): Promise<{ key: string; xml: string }> {
      try {
        const { bpmn20Xml } = await engine.latestDefinitionXml(key);
        return { key, xml: bpmn20Xml };
      } catch (error) {
        if (error instanceof EngineError && error.status === 404)
          throw httpErrors.notFound(`process ${key} is not deployed`);
        throw error;
      }
    },
  };
}
export type ProcessService = ReturnType<typeof createProcessService>;
