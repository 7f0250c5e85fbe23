import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGRAM_POLICY_RULES } from '@motcua/common';
import { recordGenerativeCount } from '@motcua/common/testing';
import { PROCESSES_DIR } from '@motcua/processes';
import {
  checkBpmnPolicy,
  describeViolations,
  disallowedExpressions,
  parseXml,
  XmlSyntaxError,
} from '../../src/services/bpmn-policy.js';
import {
  bpmnFilesIn,
  byElementAndRule,
  caseFiles,
  CASES_DIR,
  isConstruct,
  readCase,
  sharedCases as shared,
} from '../helpers/policy-cases.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';

/** A definitions document with one executable process "p" holding `body`. */
const diagram = (body: string) =>
  `<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:camunda="${CAMUNDA}" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

const check = (xml: string) => checkBpmnPolicy(parseXml(xml));

describe('parseXml', () => {
  it('resolves namespaces by URI, whatever the prefix', () => {
    const root = parseXml(
      `<a:definitions xmlns:a="${BPMN}" xmlns:c="${CAMUNDA}"><process xmlns="${BPMN}" c:topic="x"/></a:definitions>`,
    );
    expect(root).toMatchObject({ namespace: BPMN, localName: 'definitions' });
    expect(root.children[0]).toMatchObject({
      namespace: BPMN,
      localName: 'process',
      attributes: [{ namespace: CAMUNDA, localName: 'topic', name: 'c:topic', value: 'x' }],
    });
  });

  it('decodes references and joins text across comments and CDATA sections, as the engine reads it', () => {
    const root = parseXml('<a b="&#36;{x}&amp;">&#x24;<!-- c -->{y}<![CDATA[ <z> ]]>&lt;</a>');
    expect(root.attributes[0]?.value).toBe('${x}&');
    expect(root.text).toBe('${y} <z> <');
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE a><a/>', /DOCTYPE or entity declaration is not accepted/],
    ['mismatched tags', '<a><b></a></b>', /closing tag mismatch/],
    ['an unclosed document', '<a>', /unexpected end of file/],
    ['an unbound prefix', '<x:a/>', /prefix of <x:a> is not bound/],
    ['two root elements', '<a/><b/>', /second root element/],
    ['an attribute given twice through two prefixes', '<a xmlns:x="u" xmlns:y="u" x:b="1" y:b="2"/>', /given twice/],
    ['text outside the root element', '<a/>text', /non-whitespace outside of root node/],
  ])('refuses %s', (_case, xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
    expect(() => parseXml(xml)).toThrow(message);
  });
});

describe('the shared policy cases', () => {
  it('list every .bpmn file of the case folder, and only files that exist', () => {
    const listed = Object.keys(shared.cases).filter((key) => !key.includes('/'));
    expect(listed.length).toBeGreaterThan(0);
    expect(bpmnFilesIn(CASES_DIR)).toEqual([...listed].sort());
    expect(caseFiles.filter(([file]) => !isConstruct(file) && !existsSync(path.join(CASES_DIR, file)))).toEqual([]);
  });

  it('include the diagrams the procedures run', () => {
    const shipped = bpmnFilesIn(PROCESSES_DIR).map((file) => path.join('..', file));
    expect(caseFiles.filter(([, expected]) => expected.verdict === 'allowed').map(([file]) => file)).toEqual(
      expect.arrayContaining(shipped),
    );
  });

  it('name the rules of the policy, and refuse something under each', () => {
    expect([...shared.rules].sort()).toEqual([...DIAGRAM_POLICY_RULES].sort());
    const covered = new Set(
      caseFiles.flatMap(([, expected]) => (expected.violations ?? []).map((found) => found.rule)),
    );
    expect(DIAGRAM_POLICY_RULES.filter((rule) => !covered.has(rule))).toEqual([]);
  });

  recordGenerativeCount('diagram policy cases (TypeScript)', caseFiles.length, 'diagrams with recorded verdicts');

  it.each(caseFiles)('%s gets its recorded verdict', (file, expected) => {
    // given the case's diagram, when the policy checks it
    const violations = check(readCase(file));
    // then it finds exactly the recorded violations, by element and rule, each with a reason
    expect(byElementAndRule(violations)).toEqual(byElementAndRule(expected.violations ?? []));
    expect(expected.verdict === 'refused').toBe(violations.length > 0);
    expect(violations.filter(({ reason }) => reason.trim() === '')).toEqual([]);
  });
});

describe('disallowedExpressions', () => {
  it.each(shared.expressions.allowed)('allows %s', (text) => {
    expect(disallowedExpressions(text)).toEqual([]);
  });

  it.each(Object.entries(shared.expressions.refused))('refuses %s, naming %s', (text, refused) => {
    expect(disallowedExpressions(text)).toEqual([refused]);
  });
});

describe('describeViolations', () => {
  it('names the element and gives the reason of each violation', () => {
    const xml = diagram('<bpmn:serviceTask id="steal" camunda:class="com.example.Steal"/>');
    expect(describeViolations(check(xml))).toBe(
      'element "steal": camunda:class names a Java class for the engine to run',
    );
  });

  it('says a task goes to candidate groups when it names a person', () => {
    const xml = diagram('<bpmn:userTask id="decide" camunda:assignee="nguyen.van.a"/>');
    expect(check(xml)).toEqual([
      {
        elementId: 'decide',
        rule: 'assignee',
        reason:
          'camunda:assignee gives the task to one person: a task goes to candidate groups only (camunda:candidateGroups)',
      },
    ]);
  });

  it('describes the first five violations and counts the rest', () => {
    const xml = diagram(
      Array.from({ length: 7 }, (_, index) => `<bpmn:serviceTask id="t${index}" camunda:class="C"/>`).join(''),
    );
    expect(describeViolations(check(xml))).toMatch(/^element "t0": .*element "t4": [^;]*; and 2 more$/);
  });
});
