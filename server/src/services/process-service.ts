import { httpErrors } from '@fastify/sensible';
import { EngineError, type EngineClient } from '@motcua/common/engine';
import type { Db } from '@motcua/db';
import type { TokenPayload } from '../schemas/auth.js';
import type { DeployedProcess } from '../schemas/processes.js';
import { invalidField } from '../errors.js';

/**
 * Deploying BPMN diagrams drawn by the admin and reading back the latest deployed diagram.
 * Each deployment is written to the audit log with the admin who made it.
 */

const BPMN_MODEL_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/**
 * The id of the one executable process in a BPMN document, or a message saying why there is none.
 * This reads just enough XML to decide which process key a deployment creates; the engine's
 * parser validates the rest. A process without `isExecutable` counts as executable, as the engine
 * treats it.
 */
export function findExecutableProcessId(xml: string): { id: string } | { problem: string } {
  const source = xml.replace(/<!--[\s\S]*?-->/g, '');
  const root = /<(?:([\w.-]+):)?definitions\b[^>]*>/.exec(source);
  if (!root || !source.includes(BPMN_MODEL_NAMESPACE)) {
    return { problem: 'is not a BPMN 2.0 document (no bpmn:definitions element in the BPMN model namespace)' };
  }
  const processes = [...source.matchAll(/<(?:[\w.-]+:)?process\b([^>]*)>/g)].map((match) => {
    const attributes = match[1] ?? '';
    return {
      id: /\bid\s*=\s*["']([^"']+)["']/.exec(attributes)?.[1],
      executable: /\bisExecutable\s*=\s*["']([^"']+)["']/.exec(attributes)?.[1] !== 'false',
    };
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

export function createProcessService(deps: { db: Db; engine: EngineClient }) {
  const { db, engine } = deps;

  return {
    async deploy(caller: TokenPayload, xml: string): Promise<DeployedProcess> {
      const found = findExecutableProcessId(xml);
      if ('problem' in found) throw invalidField('body/xml', found.problem);
      const key = found.id;

      const deployment = await engine
        .deploy({ name: key, source: 'motcua-admin', files: [{ fileName: `${key}.bpmn`, content: xml }] })
        .catch((error: unknown) => {
          // the engine's parser found the diagram invalid: the admin must fix it
          if (error instanceof EngineError && error.status === 400) {
            throw invalidField('body/xml', `was rejected by the engine: ${error.message.replace(/^.*?→ \d+: /, '')}`);
          }
          throw error;
        });
      // an unchanged diagram is not deployed again; its current version is the answer
      const definition =
        Object.values(deployment.deployedProcessDefinitions ?? {}).find((candidate) => candidate.key === key) ??
        (await engine.latestDefinition(key));

      await db.auditLog.create({
        data: {
          actor: caller.sub,
          action: 'process.deploy',
          entity: 'process',
          entityId: definition.id,
          data: { key, version: definition.version, deploymentId: deployment.id },
        },
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
