import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PROCESSES_DIR } from '@motcua/processes';
import { inspectDiagram } from '../../src/services/process-service.js';

const definitions = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">${body}</bpmn:definitions>`;

describe('inspectDiagram', () => {
  it('finds the process key of the house construction permit diagram', async () => {
    const xml = await readFile(`${PROCESSES_DIR}/house-construction-permit.bpmn`, 'utf8');
    expect(inspectDiagram(xml)).toEqual({ key: 'house-construction-permit' });
  });

  it('ignores non-executable pools and commented-out processes', () => {
    const xml = definitions(`
      <!-- <bpmn:process id="old" isExecutable="true"/> -->
      <bpmn:collaboration id="c"><bpmn:participant id="p" processRef="citizen"/></bpmn:collaboration>
      <bpmn:process id="citizen" isExecutable="false"/>
      <bpmn:process id="permit" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>`);
    expect(inspectDiagram(xml)).toEqual({ key: 'permit' });
  });

  it('reads a document whose BPMN namespace is the default one', () => {
    const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p1" isExecutable="true"/></definitions>`;
    expect(inspectDiagram(xml)).toEqual({ key: 'p1' });
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

  it('rejects a diagram the BPMN policy refuses, naming the element and the reason', () => {
    const xml = definitions(`
      <bpmn:process id="a" isExecutable="true">
        <bpmn:serviceTask id="steal" camunda:class="com.example.Steal"/>
      </bpmn:process>`);
    expect(inspectDiagram(xml)).toEqual({
      problem: 'is not allowed: element "steal": camunda:class names a Java class for the engine to run',
    });
  });
});
