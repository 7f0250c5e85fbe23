import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PROCESSES_DIR } from '@motcua/processes';
import { findExecutableProcessId } from '../../src/services/process-service.js';

const definitions = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">${body}</bpmn:definitions>`;

describe('findExecutableProcessId', () => {
  it('finds the process key of the house construction permit diagram', async () => {
    const xml = await readFile(`${PROCESSES_DIR}/house-construction-permit.bpmn`, 'utf8');
    expect(findExecutableProcessId(xml)).toEqual({ id: 'house-construction-permit' });
  });

  it('ignores non-executable pools and commented-out processes', () => {
    const xml = definitions(`
      <!-- <bpmn:process id="old" isExecutable="true"/> -->
      <bpmn:collaboration id="c"><bpmn:participant id="p" processRef="citizen"/></bpmn:collaboration>
      <bpmn:process id="citizen" isExecutable="false"/>
      <bpmn:process id="permit" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>`);
    expect(findExecutableProcessId(xml)).toEqual({ id: 'permit' });
  });

  it('reads a document whose BPMN namespace is the default one', () => {
    const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p1" isExecutable="true"/></definitions>`;
    expect(findExecutableProcessId(xml)).toEqual({ id: 'p1' });
  });

  it('rejects a document with two executable processes, naming both', () => {
    const xml = definitions('<bpmn:process id="a" isExecutable="true"/><bpmn:process id="b" isExecutable="true"/>');
    expect(findExecutableProcessId(xml)).toEqual({
      problem: 'contains 2 executable processes (a, b); deploy exactly one',
    });
  });

  it('rejects a document without an executable process', () => {
    expect(findExecutableProcessId(definitions('<bpmn:process id="a" isExecutable="false"/>'))).toEqual({
      problem: 'contains no executable process (isExecutable="true")',
    });
  });

  it('rejects a document that is not BPMN', () => {
    expect(findExecutableProcessId('<html><body>process</body></html>')).toHaveProperty('problem');
  });
});
