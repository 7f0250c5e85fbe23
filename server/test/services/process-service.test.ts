import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { createEngineClient, EngineError } from '@motcua/common/engine';
import { PROCESSES_DIR } from '@motcua/processes';
import { splitCandidateGroup } from '@motcua/common/diagram-lint';
import { inspectDiagram, violationsInEngineRefusal } from '../../src/services/process-service.js';
import { byElementAndRule, readCase, refusedLocalCases, resourceNameOf } from '../helpers/policy-cases.js';

const definitions = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">${body}</bpmn:definitions>`;

describe('inspectDiagram', () => {
  it('finds the process key of the house construction permit diagram', async () => {
    const xml = await readFile(`${PROCESSES_DIR}/house-construction-permit.bpmn`, 'utf8');
    expect(inspectDiagram(xml)).toMatchObject({ key: 'house-construction-permit' });
  });

  it('ignores non-executable pools and commented-out processes', () => {
    const xml = definitions(`
      <!-- <bpmn:process id="old" isExecutable="true"/> -->
      <bpmn:collaboration id="c"><bpmn:participant id="p" processRef="citizen"/></bpmn:collaboration>
      <bpmn:process id="citizen" isExecutable="false"/>
      <bpmn:process id="permit" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>`);
    expect(inspectDiagram(xml)).toMatchObject({ key: 'permit' });
  });

  it('reads a document whose BPMN namespace is the default one', () => {
    const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p1" isExecutable="true"/></definitions>`;
    expect(inspectDiagram(xml)).toMatchObject({ key: 'p1' });
  });

  it('rejects a document with two executable processes, naming both', () => {
    const xml = definitions('<bpmn:process id="a" isExecutable="true"/><bpmn:process id="b" isExecutable="true"/>');
    expect(inspectDiagram(xml)).toEqual({
      problem: 'contains 2 executable processes (a, b); deploy exactly one',
    });
  });

  it('rejects a document without an executable process', () => {
    expect(inspectDiagram(definitions('<bpmn:process id="a" isExecutable="false"/>'))).toEqual({
      problem: 'contains no executable process (isExecutable="true")',
    });
  });

  it('does not count a process without isExecutable, as the engine deploys no definition for it', () => {
    expect(inspectDiagram(definitions('<bpmn:process id="a"/>'))).toEqual({
      problem: 'contains no executable process (isExecutable="true")',
    });
  });

  it('rejects a document that is not BPMN', () => {
    expect(inspectDiagram('<html><body>process</body></html>')).toEqual({
      problem: 'is not a BPMN 2.0 document (no bpmn:definitions element in the BPMN model namespace)',
    });
  });

  it('rejects malformed XML, saying where', () => {
    expect(inspectDiagram(definitions('\n<bpmn:process id="a" isExecutable="true"></bpmn:task>'))).toEqual({
      problem: expect.stringMatching(/^cannot be read as XML: .*\(line 4\)$/),
    });
  });

  it('rejects a document type declaration, which could define entities the policy does not see', () => {
    const xml = `<!DOCTYPE definitions [<!ENTITY task "<scriptTask id='s'/>">]>${definitions('<bpmn:process id="a" isExecutable="true">&task;</bpmn:process>')}`;
    expect(inspectDiagram(xml)).toEqual({
      problem: 'cannot be read as XML: a DOCTYPE or entity declaration is not accepted (line 1)',
    });
  });

  it('rejects a diagram the BPMN policy refuses, naming the element, the rule and the reason', () => {
    const xml = definitions(`
      <bpmn:process id="a" isExecutable="true">
        <bpmn:serviceTask id="steal" camunda:class="com.example.Steal"/>
      </bpmn:process>`);
    expect(inspectDiagram(xml)).toEqual({
      violations: [
        { elementId: 'steal', rule: 'java_class', reason: 'camunda:class names a Java class for the engine to run' },
      ],
    });
  });
});

describe('splitCandidateGroup', () => {
  it.each([
    ['specialist:000.00.17.H41', { role: 'specialist', agency: '000.00.17.H41' }],
    ['specialist:${agencyCode}', { role: 'specialist', agency: '${agencyCode}' }],
    ["${outcome == 'a:b'}:000.00.17.H41", { role: "${outcome == 'a:b'}", agency: '000.00.17.H41' }],
    ['${group}', { role: '${group}', agency: undefined }],
    ['specialist', { role: 'specialist', agency: undefined }],
  ])('splits %s at the first colon outside an expression', (group, parts) => {
    expect(splitCandidateGroup(group)).toEqual(parts);
  });
});

/**
 * The engine's own refusals, read back: the refused shared cases (processes/policy-cases) sent
 * straight to the engine of the test run, past the server's check, as anyone with its credentials
 * could. What the server reads out of each answer is what the case records.
 */
describe('violationsInEngineRefusal', () => {
  it.each(refusedLocalCases)('reads every violation of %s out of the engine refusal', async (file, expected) => {
    const engine = createEngineClient({
      baseUrl: inject('engineUrl'),
      user: inject('engineUser'),
      password: inject('enginePassword'),
    });
    const refusal = await engine
      .deploy({
        name: `policy-case-${file}`,
        source: 'server/test',
        files: [{ fileName: resourceNameOf(file), content: readCase(file) }],
      })
      .then(
        () => new Error('deployed, but the case is refused'),
        (error: unknown) => error,
      );
    expect(refusal).toBeInstanceOf(EngineError);
    expect((refusal as EngineError).status).toBe(400);
    const violations = violationsInEngineRefusal((refusal as EngineError).message);
    expect(byElementAndRule(violations)).toEqual(byElementAndRule(expected.violations ?? []));
    expect(violations.filter(({ reason }) => reason.trim() === '')).toEqual([]);
  });

  it('finds nothing in a refusal for another reason', () => {
    expect(
      violationsInEngineRefusal('ENGINE-09005 Could not parse BPMN process. Errors: \n* Invalid sequence flow'),
    ).toEqual([]);
  });
});
