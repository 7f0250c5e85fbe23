/**
 * The steps of a process definition, read from its BPMN over the engine's REST API and kept by
 * definition id: a deployed definition version never changes, so it is read once per process. A
 * dossier runs on the version it started with, so a procedure's new budgets apply to new dossiers
 * only.
 */
import { ProcessStepsError, readProcessSteps, type ProcessStep } from '@motcua/common';
import type { EngineClient } from '@motcua/common/engine';
import { PermanentTaskError } from './run-task.js';

export interface ProcessDefinitions {
  /**
   * The steps of the process `processKey` of a definition, in step order (see readProcessSteps); empty
   * for a diagram without steps. A diagram whose steps cannot be read fails with a PermanentTaskError.
   */
  steps(task: { processDefinitionId: string; processDefinitionKey: string | null }): Promise<ProcessStep[]>;
}

export function createProcessDefinitions(engine: EngineClient): ProcessDefinitions {
  const cache = new Map<string, Promise<ProcessStep[]>>();
  return {
    steps({ processDefinitionId, processDefinitionKey }) {
      let steps = cache.get(processDefinitionId);
      if (!steps) {
        steps = engine.definitionXml(processDefinitionId).then(({ bpmn20Xml }) => {
          try {
            return readProcessSteps(bpmn20Xml, processDefinitionKey ?? undefined);
          } catch (error) {
            if (error instanceof ProcessStepsError) {
              throw new PermanentTaskError(`process definition ${processDefinitionId}: ${error.message}`);
            }
            throw error;
          }
        });
        // a failed read (engine unreachable) is not kept: the task's retry reads again
        steps.catch(() => cache.delete(processDefinitionId));
        cache.set(processDefinitionId, steps);
      }
      return steps;
    },
  };
}
