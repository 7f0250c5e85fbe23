import { ProcessStepsError, readProcessSteps, type TaskOutcome } from '@motcua/common';
import type { EngineClient } from '@motcua/common/engine';

/** The outcomes each step of one process definition offers, by the step's activity id. */
export type StepOutcomes = Map<string, TaskOutcome[]>;

/**
 * The outcomes of the steps of process definitions, read from the engine once per definition id:
 * its diagram and its key come from the engine's own definition (issue 7, finding 1: a key parsed
 * out of the id broke the work list, since the engine gives a bare id when `key:version:id` would
 * exceed 64 characters). A deployed definition never changes, so the map is kept for the life of
 * the server; a diagram that cannot be read stays unreadable, and is not asked for again, while a
 * failed call to the engine is tried again at the next request.
 */
export function createStepOutcomes(engine: Pick<EngineClient, 'definition' | 'definitionXml'>) {
  const byDefinition = new Map<string, Promise<StepOutcomes>>();
  return function stepOutcomes(definitionId: string): Promise<StepOutcomes> {
    const cached = byDefinition.get(definitionId);
    if (cached) return cached;
    const loading = Promise.all([engine.definition(definitionId), engine.definitionXml(definitionId)]).then(
      ([definition, { bpmn20Xml }]) => {
        const steps = readProcessSteps(bpmn20Xml, definition.key);
        return new Map(steps.map((step) => [step.activityId, step.outcomes]));
      },
    );
    loading.catch((error: unknown) => {
      if (!(error instanceof ProcessStepsError)) byDefinition.delete(definitionId);
    });
    byDefinition.set(definitionId, loading);
    return loading;
  };
}
