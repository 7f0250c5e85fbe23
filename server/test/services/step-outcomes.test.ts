import { describe, expect, it } from 'vitest';
import { readProcessSteps } from '@motcua/common';
import type { EngineClient } from '@motcua/common/engine';
import { createStepOutcomes } from '../../src/services/step-outcomes.js';
import { engineGet, testEngine } from '../helpers/engine.js';

/**
 * The steps' outcomes of every process definition the test engine holds (the shipped procedures,
 * deployed by the global setup, and whatever the files before this one deployed), read through the
 * cache the work list uses: the engine is asked for a definition's diagram once, whoever asks and
 * however often (issue 7, finding 1).
 */
type Calls = Record<'definition' | 'definitionXml', string[]>;

/** The real engine client, with a record of the calls the cache makes to it. */
function countingEngine(engine: EngineClient, calls: Calls): Pick<EngineClient, 'definition' | 'definitionXml'> {
  return {
    definition: (id) => {
      calls.definition.push(id);
      return engine.definition(id);
    },
    definitionXml: (id) => {
      calls.definitionXml.push(id);
      return engine.definitionXml(id);
    },
  };
}

describe('the steps of a process definition', () => {
  it('are read from the engine once per definition id, for requests at once and later', async () => {
    // given every definition the engine holds
    const definitions = await engineGet<{ id: string; key: string }[]>('/process-definition?latestVersion=true');
    expect(definitions.length).toBeGreaterThanOrEqual(3);
    const engine = testEngine();
    const calls: Calls = { definition: [], definitionXml: [] };
    const stepOutcomes = createStepOutcomes(countingEngine(engine, calls));

    // when three pages ask for each at once, and a fourth later
    const answers = await Promise.allSettled(
      definitions.flatMap(({ id }) => [stepOutcomes(id), stepOutcomes(id), stepOutcomes(id)]),
    );
    await Promise.allSettled(definitions.map(({ id }) => stepOutcomes(id)));

    // then each definition was read once
    const ids = definitions.map(({ id }) => id).sort();
    expect(calls.definition.sort()).toEqual(ids);
    expect(calls.definitionXml.sort()).toEqual(ids);
    // and the answers are the diagrams' steps, read with the engine's key (never a key parsed out of an id)
    for (const [index, { id, key }] of definitions.entries()) {
      const answer = answers[index * 3];
      let expected: [string, string[]][];
      try {
        expected = readProcessSteps((await engine.definitionXml(id)).bpmn20Xml, key).map((step) => [
          step.activityId,
          step.outcomes,
        ]);
      } catch {
        expect(answer?.status, `${key}: an unreadable diagram is refused`).toBe('rejected');
        continue;
      }
      expect(answer?.status === 'fulfilled' && [...answer.value.entries()], key).toEqual(expected);
    }
  });
});
