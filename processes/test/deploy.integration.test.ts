import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineClient, EngineError, type EngineClient } from '@motcua/common/engine';
import { startTestEngine, type TestEngine } from '@motcua/common/testing';
import { deployProcesses, describeDeployment } from '../deploy.js';
import { decodeXml, MIWG_DIR, miwgFiles } from './bpmn.js';
import { PROCESS_KEY_LIST } from './diagrams.js';

const RUN = Date.now().toString(36);
let testEngine: TestEngine;
let engine: EngineClient;

beforeAll(async () => {
  testEngine = await startTestEngine();
  engine = createEngineClient({
    baseUrl: testEngine.url,
    user: testEngine.user,
    password: testEngine.password,
    timeoutMs: 60_000,
  });
}, 200_000);

afterAll(async () => {
  await testEngine?.stop();
}, 60_000);

describe('deployProcesses against the real engine', () => {
  it('deploys the three procedures, and deploying unchanged files again adds no version', async () => {
    const first = await deployProcesses(engine);
    const versions = await Promise.all(
      PROCESS_KEY_LIST.map(async (key) => (await engine.latestDefinition(key)).version),
    );

    const second = await deployProcesses(engine);

    expect(describeDeployment(first)).toHaveLength(PROCESS_KEY_LIST.length);
    expect(describeDeployment(second)).toEqual([expect.stringMatching(/nothing new deployed/)]);
    for (const [index, key] of PROCESS_KEY_LIST.entries()) {
      expect((await engine.latestDefinition(key)).version, key).toBe(versions[index]);
    }
  }, 30_000);
});

/**
 * What the engine makes of the MIWG reference models, recorded: most deploy (non-executable processes
 * deploy as documentation only, with no process definition); the models with an executable process
 * that leaves the diagram policy are refused by it, before the engine reads their elements (their
 * verdicts are in processes/policy-cases/cases.json); the rest use BPMN the engine does not execute
 * (imports of DMN documents, an edge without its element, several collaborations). C.4.0 is refused
 * with HTTP 500, not 400: a caller validating uploads must treat both as "not deployable".
 */
const POLICY_REFUSAL = /The diagram is not allowed on this engine: element /;
const EXPECTED: Record<string, { deployed: string[] } | { refused: number; because: RegExp }> = {
  'A.1.0.bpmn': { deployed: [] },
  'A.2.0.bpmn': { deployed: [] },
  'A.2.1.bpmn': { deployed: [] },
  'A.3.0.bpmn': { deployed: [] },
  'A.4.0.bpmn': { deployed: [] },
  'A.4.1.bpmn': { deployed: [] },
  'B.1.0.bpmn': { deployed: [] },
  'B.2.0.bpmn': { deployed: [] },
  'C.1.0.bpmn': { refused: 400, because: POLICY_REFUSAL },
  'C.1.1.bpmn': { refused: 400, because: POLICY_REFUSAL },
  'C.2.0.bpmn': { deployed: [] },
  'C.3.0.bpmn': { refused: 400, because: POLICY_REFUSAL },
  'C.4.0.bpmn': { refused: 500, because: /multiple elements with tag name collaboration found/ },
  'C.5.0.bpmn': { deployed: [] },
  'C.6.0.bpmn': { deployed: [] },
  'C.7.0.bpmn': { refused: 400, because: /'bpmnElement' attribute is required on BPMNEdge/ },
  'C.8.0.bpmn': { refused: 400, because: /Could not import item of type https:\/\/www.omg.org\/spec\/DMN/ },
  'C.8.1.bpmn': { refused: 400, because: POLICY_REFUSAL },
  'C.9.0.bpmn': { refused: 400, because: POLICY_REFUSAL },
  // send tasks as external tasks, a receive task and message events: all allowed since the policy widened
  'C.9.1.bpmn': { deployed: ['requestDocument_en'] },
  'C.9.2.bpmn': { refused: 400, because: POLICY_REFUSAL },
};

describe('MIWG reference models on the real engine', () => {
  it('covers every model in the folder', () => {
    expect(miwgFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(miwgFiles())(
    '%s deploys or is refused as recorded',
    async (file) => {
      const expected = EXPECTED[file];
      const content = decodeXml(readFileSync(path.join(MIWG_DIR, file)));
      // A name of its own per run: the engine skips files it already has under the same deployment name.
      const attempt = engine.deploy({
        name: `miwg-${file}-${RUN}`,
        source: 'processes/test',
        files: [{ fileName: file, content }],
      });
      if (expected && 'deployed' in expected) {
        const deployment = await attempt;
        const keys = Object.values(deployment.deployedProcessDefinitions ?? {}).map((definition) => definition.key);
        expect(keys.sort()).toEqual(expected.deployed);
      } else {
        const error = await attempt.then(
          () => new Error('deployed, but expected a refusal'),
          (refusal: unknown) => refusal,
        );
        expect(error).toBeInstanceOf(EngineError);
        expect((error as EngineError).status).toBe(expected?.refused);
        expect((error as EngineError).message).toMatch(expected?.because ?? /./);
      }
    },
    30_000,
  );
});
