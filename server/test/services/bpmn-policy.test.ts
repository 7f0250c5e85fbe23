import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESSES_DIR } from '@motcua/processes';
import {
  checkBpmnPolicy,
  describeViolations,
  disallowedExpressions,
  parseXml,
  XmlSyntaxError,
} from '../../src/services/bpmn-policy.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';

/** A definitions document with one executable process "p" holding `body`. */
const diagram = (body: string, process = 'isExecutable="true"') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:camunda="${CAMUNDA}"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t">
  <bpmn:process id="p" ${process}>${body}</bpmn:process>
</bpmn:definitions>`;

const check = (xml: string) => checkBpmnPolicy(parseXml(xml));

/** A user task whose extensionElements hold `extensions`. */
const userTaskWith = (extensions: string) =>
  `<bpmn:userTask id="t"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:userTask>`;

describe('parseXml', () => {
  it('resolves namespaces by URI, whatever the prefix', () => {
    const root = parseXml(`<a:definitions xmlns:a="${BPMN}" xmlns:c="${CAMUNDA}"><process xmlns="${BPMN}" c:topic="x"/></a:definitions>`);
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

describe('disallowedExpressions', () => {
  it.each([
    '${agencyCode}',
    'specialist:${agencyCode}',
    '#{agencyCode}',
    '${10}',
    "${'text'}",
    "${execution.getVariable('outcome') == 'send_back'}",
    '${execution.getVariable("outcome") != "approve"}',
    "${outcome == 'approve'}",
    '${ count != 3 }',
    '${approved == true}',
    "${a == '}'} and ${b}",
    'no expression at all { }',
  ])('allows %s', (text) => {
    expect(disallowedExpressions(text)).toEqual([]);
  });

  it.each([
    ['${dataSource.connection}', '${dataSource.connection}'],
    ["${''.getClass().forName('java.lang.Runtime')}", "${''.getClass().forName('java.lang.Runtime')}"],
    ['${execution.getProcessEngineServices()}', '${execution.getProcessEngineServices()}'],
    ["${execution.removeVariable('outcome')}", "${execution.removeVariable('outcome')}"],
    ['${!approved}', '${!approved}'],
    ['${a == b}', '${a == b}'],
    ['${a && b}', '${a && b}'],
    ['${now()}', '${now()}'],
    ['${beans["dataSource"]}', '${beans["dataSource"]}'],
    ["ok ${x} then #{identityService.createUser('x')}", "#{identityService.createUser('x')}"],
    ['${unclosed', '${unclosed'],
  ])('refuses %s', (text, refused) => {
    expect(disallowedExpressions(text)).toEqual([refused]);
  });
});

describe('checkBpmnPolicy', () => {
  it('allows the house construction permit diagram', async () => {
    const xml = await readFile(`${PROCESSES_DIR}/house-construction-permit.bpmn`, 'utf8');
    expect(check(xml)).toEqual([]);
  });

  it('allows drawing-only elements, user tasks, external tasks, gateways and timers', () => {
    const xml = diagram(`
      <bpmn:laneSet id="ls"><bpmn:lane id="l" name="Một cửa"><bpmn:flowNodeRef>s</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
      <bpmn:startEvent id="s" camunda:initiator="starter"/>
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="w"/>
      <bpmn:task id="w" name="Chuẩn bị"><bpmn:documentation>Hồ sơ \${dossierCode}</bpmn:documentation></bpmn:task>
      <bpmn:userTask id="u" camunda:candidateGroups="specialist:\${agencyCode}" camunda:dueDate="\${dueAt}" camunda:asyncBefore="true">
        <bpmn:extensionElements>
          <camunda:inputOutput><camunda:inputParameter name="days">\${10}</camunda:inputParameter></camunda:inputOutput>
          <camunda:properties><camunda:property name="hint" value="x"/></camunda:properties>
          <camunda:failedJobRetryTimeCycle>R3/PT5M</camunda:failedJobRetryTimeCycle>
          <zeebe:taskDefinition xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" type="ignored"/>
        </bpmn:extensionElements>
      </bpmn:userTask>
      <bpmn:boundaryEvent id="b" attachedToRef="u" cancelActivity="false">
        <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">\${appraisalDueAt}</bpmn:timeDate></bpmn:timerEventDefinition>
      </bpmn:boundaryEvent>
      <bpmn:intermediateCatchEvent id="wait">
        <bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:exclusiveGateway id="g" default="f3"/>
      <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="x">
        <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${execution.getVariable('outcome') == 'send_back'}</bpmn:conditionExpression>
      </bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="x"/>
      <bpmn:serviceTask id="x" camunda:type="external" camunda:topic="record-result-ready"/>
      <bpmn:parallelGateway id="pg"/>
      <bpmn:endEvent id="e"><bpmn:errorEventDefinition id="ee" camunda:errorCodeVariable="code"/></bpmn:endEvent>
      <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
      <bpmn:dataObjectReference id="dor" dataObjectRef="do"/><bpmn:dataObject id="do"/>
      <bpmn:textAnnotation id="ta"><bpmn:text>Ghi chú</bpmn:text></bpmn:textAnnotation>
      <bpmn:association id="as" sourceRef="u" targetRef="ta"/>
      <bpmn:group id="gr"/>
      <bpmn:subProcess id="sp"><bpmn:startEvent id="ss"/></bpmn:subProcess>
      <bpmn:extensionElements>
        <camunda:executionListener event="end" expression="\${execution.removeVariable('outcome')}"/>
      </bpmn:extensionElements>`);
    expect(check(xml)).toEqual([]);
  });

  it.each([
    [
      'a Java class on a service task',
      '<bpmn:serviceTask id="t" camunda:class="com.example.Steal"/>',
      'element "t": camunda:class names a Java class for the engine to run',
    ],
    [
      'a delegate expression',
      '<bpmn:serviceTask id="t" camunda:delegateExpression="${dataSource}"/>',
      'element "t": camunda:delegateExpression resolves a Java object from an expression for the engine to run',
    ],
    [
      'an expression on a service task',
      '<bpmn:serviceTask id="t" camunda:expression="${dataSource.getConnection()}"/>',
      'element "t": camunda:expression lets the engine call methods through an expression',
    ],
    [
      'a script task',
      '<bpmn:scriptTask id="t" scriptFormat="juel"><bpmn:script>${1}</bpmn:script></bpmn:scriptTask>',
      'element "t": bpmn:scriptTask runs a script on the engine',
    ],
    [
      'a script task in another namespace, which the engine still finds by its local name',
      '<x:scriptTask xmlns:x="urn:x" id="t"/>',
      'element "t": x:scriptTask runs a script on the engine',
    ],
    [
      'a script in an execution listener',
      userTaskWith('<camunda:executionListener event="start"><camunda:script scriptFormat="groovy">1</camunda:script></camunda:executionListener>'),
      'element "t": camunda:script runs a script on the engine',
    ],
    [
      'a script in an input parameter',
      userTaskWith('<camunda:inputOutput><camunda:inputParameter name="x"><camunda:script scriptFormat="groovy">1</camunda:script></camunda:inputParameter></camunda:inputOutput>'),
      'element "t": camunda:script runs a script on the engine',
    ],
    [
      'a script loaded from a resource',
      '<bpmn:sequenceFlow id="f" sourceRef="a" targetRef="b"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" camunda:resource="deployment://x.js"/></bpmn:sequenceFlow>',
      'element "f": camunda:resource loads a script or a file for the engine to run',
    ],
    [
      'a script condition',
      '<bpmn:sequenceFlow id="f" sourceRef="a" targetRef="b"><bpmn:conditionExpression language="javascript">true</bpmn:conditionExpression></bpmn:sequenceFlow>',
      'element "f": language="javascript" makes the engine run the expression as a script',
    ],
    [
      'a task listener',
      userTaskWith('<camunda:taskListener event="create" class="com.example.Steal"/>'),
      'element "t": camunda:taskListener: task listeners run Java classes, expressions or scripts on the engine',
    ],
    [
      'a Java class on an execution listener',
      userTaskWith('<camunda:executionListener event="start" class="com.example.Steal"/>'),
      'element "t": camunda:executionListener class="com.example.Steal" names a Java class for the engine to run',
    ],
    [
      'a delegate expression on an execution listener',
      userTaskWith('<camunda:executionListener event="start" delegateExpression="${dataSource}"/>'),
      'element "t": camunda:executionListener delegateExpression="${dataSource}" resolves a Java object from an expression for the engine to run',
    ],
    [
      'an execution listener doing more than clearing a variable',
      userTaskWith('<camunda:executionListener event="start" expression="${execution.getProcessEngineServices()}"/>'),
      `element "t": camunda:executionListener may only clear a variable, as in expression="\${execution.removeVariable('outcome')}"`,
    ],
    [
      'a method call in a user task attribute',
      '<bpmn:userTask id="t" camunda:assignee="${identityService.createUserQuery().list()}"/>',
      'element "t": camunda:assignee: expression "${identityService.createUserQuery().list()}" is not allowed',
    ],
    [
      'reflection in a condition',
      "<bpmn:sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"b\"><bpmn:conditionExpression>${''.getClass().forName('java.lang.Runtime') != null}</bpmn:conditionExpression></bpmn:sequenceFlow>",
      'element "f": bpmn:conditionExpression: expression "${\'\'.getClass().forName(\'java.lang.Runtime\') != null}" is not allowed',
    ],
    [
      'a deferred expression reaching a bean',
      '<bpmn:userTask id="t" camunda:candidateGroups="#{dataSource.connection}"/>',
      'element "t": camunda:candidateGroups: expression "#{dataSource.connection}" is not allowed',
    ],
    [
      'an expression in documentation, which the engine evaluates as the task description',
      '<bpmn:userTask id="t"><bpmn:documentation>${dataSource.connection}</bpmn:documentation></bpmn:userTask>',
      'element "t": bpmn:documentation: expression "${dataSource.connection}" is not allowed',
    ],
    [
      'an expression written with a character reference',
      '<bpmn:userTask id="t" camunda:assignee="&#36;{dataSource.connection}"/>',
      'element "t": camunda:assignee: expression "${dataSource.connection}" is not allowed',
    ],
    [
      'an expression split by a comment',
      '<bpmn:userTask id="t"><bpmn:documentation>$<!-- -->{dataSource.connection}</bpmn:documentation></bpmn:userTask>',
      'element "t": bpmn:documentation: expression "${dataSource.connection}" is not allowed',
    ],
    [
      'an expression in a CDATA section',
      '<bpmn:userTask id="t"><bpmn:documentation><![CDATA[${dataSource.connection}]]></bpmn:documentation></bpmn:userTask>',
      'element "t": bpmn:documentation: expression "${dataSource.connection}" is not allowed',
    ],
    [
      'a timer computed by a comparison',
      "<bpmn:intermediateCatchEvent id=\"t\"><bpmn:timerEventDefinition><bpmn:timeDate>${a == 'b'}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>",
      'element "t": bpmn:timeDate "${a == \'b\'}" is not allowed: a timer holds an ISO 8601 value or one variable',
    ],
    [
      'a service task that is not an external task',
      '<bpmn:serviceTask id="t"/>',
      'element "t": bpmn:serviceTask must be an external task (camunda:type="external" with a camunda:topic) for our workers',
    ],
    [
      'a task type other than external',
      '<bpmn:serviceTask id="t" camunda:type="shell" camunda:topic="x"/>',
      'element "t": camunda:type="shell" is not allowed: the only task type is "external"',
    ],
    [
      'a connector',
      '<bpmn:serviceTask id="t" camunda:type="external" camunda:topic="x"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>',
      'element "t": camunda:connector: connectors call other systems from the engine',
    ],
    [
      'field injection',
      userTaskWith('<camunda:field name="x" stringValue="y"/>'),
      'element "t": camunda:field: field injection configures Java delegates, which are not allowed',
    ],
    [
      'a generated form, which may name validator classes',
      userTaskWith('<camunda:formData><camunda:formField id="f" type="string"/></camunda:formData>'),
      'element "t": camunda:formData: generated forms may name Java validator classes',
    ],
    [
      'a list inside an input parameter',
      userTaskWith('<camunda:inputOutput><camunda:inputParameter name="x"><camunda:list><camunda:value>1</camunda:value></camunda:list></camunda:inputParameter></camunda:inputOutput>'),
      'element "t": camunda:inputParameter may not contain camunda:list',
    ],
    [
      'a form handler class',
      '<bpmn:startEvent id="t" camunda:formHandlerClass="com.example.Steal"/>',
      'element "t": camunda:formHandlerClass names a Java class for the engine to run',
    ],
    [
      'a business rule task',
      '<bpmn:businessRuleTask id="t" camunda:decisionRef="d"/>',
      'element "t": bpmn:businessRuleTask evaluates a DMN decision, and decisions are switched off on the engine',
    ],
    [
      'a call activity',
      '<bpmn:callActivity id="t" calledElement="other"/>',
      'element "t": bpmn:callActivity starts another process with variables passed between them',
    ],
    [
      'multi-instance',
      '<bpmn:userTask id="t"><bpmn:multiInstanceLoopCharacteristics camunda:collection="${x}"/></bpmn:userTask>',
      'element "t": bpmn:multiInstanceLoopCharacteristics is not allowed: multi-instance is not in the allow-list',
    ],
    [
      'a message throw event',
      '<bpmn:intermediateThrowEvent id="t"><bpmn:messageEventDefinition id="m"/></bpmn:intermediateThrowEvent>',
      'element "m": bpmn:messageEventDefinition is not in the allow-list of process elements',
    ],
    [
      'a non-BPMN element among the flow elements',
      '<x:userTask xmlns:x="urn:x" id="t"/>',
      'element "t": x:userTask is not a BPMN element; other vocabularies belong inside extensionElements',
    ],
    [
      'a camunda extension outside extensionElements',
      '<camunda:executionListener event="start" expression="${execution.removeVariable(\'a\')}"/>',
      'element "p": camunda:executionListener is not in the allow-list of camunda extension elements',
    ],
  ])('refuses %s', (_case, body, expected) => {
    expect(describeViolations(check(diagram(body)))).toContain(expected);
  });

  it('reads the legacy Activiti namespace as the engine does', () => {
    const xml = diagram(
      '<bpmn:serviceTask xmlns:activiti="http://activiti.org/bpmn" id="t" activiti:delegateExpression="${dataSource}"/>',
    );
    expect(check(xml)).toEqual([
      {
        elementId: 't',
        reason: 'activiti:delegateExpression resolves a Java object from an expression for the engine to run',
      },
    ]);
  });

  it('checks a process without isExecutable, which the engine treats as executable when it parses a deployment again', () => {
    const xml = diagram('<bpmn:serviceTask id="t" camunda:class="com.example.Steal"/>', '');
    expect(check(xml)).toEqual([{ elementId: 't', reason: 'camunda:class names a Java class for the engine to run' }]);
  });

  it('does not check a process marked isExecutable="false", which the engine never parses', () => {
    const xml = diagram('<bpmn:scriptTask id="t"/>', 'isExecutable="false"');
    expect(check(xml)).toEqual([]);
  });

  it('checks camunda attributes and expressions outside processes too', () => {
    const xml = `<bpmn:definitions xmlns:bpmn="${BPMN}" xmlns:camunda="${CAMUNDA}" id="d" camunda:class="x">
      <bpmn:signal id="s" name="\${dataSource.connection}"/></bpmn:definitions>`;
    expect(describeViolations(check(xml))).toBe(
      'element "d": camunda:class names a Java class for the engine to run; ' +
        'element "s": name: expression "${dataSource.connection}" is not allowed: only variables, literals and ' +
        "comparisons of a variable with a literal are allowed (e.g. ${agencyCode}, ${outcome == 'approve'})",
    );
  });

  it('describes the first five violations and counts the rest', () => {
    const xml = diagram(
      Array.from({ length: 7 }, (_, index) => `<bpmn:serviceTask id="t${index}" camunda:class="C"/>`).join(''),
    );
    expect(describeViolations(check(xml))).toMatch(/^element "t0": .*element "t4": [^;]*; and 2 more$/);
  });
});

/**
 * The OMG BPMN Model Interchange Working Group's reference models (shared/ sits beside the
 * repository), through the policy, recorded. They carry no camunda extensions meant for us: the
 * models with only non-executable processes pass (the engine never parses those); every model with
 * an executable process is refused, for constructs our allow-list leaves out (most of which the
 * engine refuses anyway: see processes/test/deploy.integration.test.ts) and, in C.1.0 and C.1.1, for
 * the Camunda invoice example's delegate expression written in the legacy Activiti namespace.
 */
const MIWG_DIR = path.resolve(import.meta.dirname, '../../../processes/test/fixtures/bpmn-miwg');
const MIWG_EXPECTED: Record<string, 'allowed' | { violations: number; among: string }> = {
  'A.1.0.bpmn': 'allowed',
  'A.2.0.bpmn': 'allowed',
  'A.2.1.bpmn': 'allowed',
  'A.3.0.bpmn': 'allowed',
  'A.4.0.bpmn': 'allowed',
  'A.4.1.bpmn': 'allowed',
  'B.1.0.bpmn': 'allowed',
  'B.2.0.bpmn': 'allowed',
  'C.1.0.bpmn': {
    violations: 12,
    among: 'element "archiveInvoice": camunda:delegateExpression resolves a Java object from an expression for the engine to run',
  },
  'C.1.1.bpmn': {
    violations: 13,
    among: 'element "archiveInvoice": camunda:delegateExpression resolves a Java object from an expression for the engine to run',
  },
  'C.2.0.bpmn': 'allowed',
  'C.3.0.bpmn': {
    violations: 4,
    among: 'element "Bpmn_FormalExpression_8pPK4BqGEeWDuOtG0oS24A": language="http://www.w3.org/1999/XPath" makes the engine run the expression as a script',
  },
  'C.4.0.bpmn': 'allowed',
  'C.5.0.bpmn': 'allowed',
  'C.6.0.bpmn': 'allowed',
  'C.7.0.bpmn': 'allowed',
  'C.8.0.bpmn': 'allowed',
  'C.8.1.bpmn': {
    violations: 19,
    among: 'element "_1a818a94-ba6f-413b-a7e8-6f8fd2a11e32": semantic:businessRuleTask evaluates a DMN decision, and decisions are switched off on the engine',
  },
  'C.9.0.bpmn': {
    violations: 13,
    among: 'element "Activity_ManualCheck": bpmn2:callActivity starts another process with variables passed between them',
  },
  'C.9.1.bpmn': {
    violations: 3,
    among: 'element "SendTask_RequestDocument": bpmn:sendTask is not allowed: use a service task with camunda:type="external"',
  },
  'C.9.2.bpmn': {
    violations: 4,
    among: 'element "CallActivity_RequestDocument": bpmn2:callActivity starts another process with variables passed between them',
  },
};

/** Reads an XML file in the encoding its declaration names (some MIWG models are ISO-8859-1). */
function readXml(file: string): string {
  const bytes = readFileSync(path.join(MIWG_DIR, file));
  const declaration = bytes.subarray(0, 200).toString('latin1');
  return /encoding="ISO-8859-1"/i.test(declaration) ? bytes.toString('latin1') : bytes.toString('utf8');
}

describe('the BPMN policy on the MIWG reference models', () => {
  const files = readdirSync(MIWG_DIR)
    .filter((name) => name.endsWith('.bpmn'))
    .sort();

  it('covers every model in the folder', () => {
    expect(files).toEqual(Object.keys(MIWG_EXPECTED).sort());
  });

  it.each(files)('%s is allowed or refused as recorded', (file) => {
    const violations = check(readXml(file));
    const expected = MIWG_EXPECTED[file];
    if (expected === 'allowed') {
      expect(violations).toEqual([]);
    } else {
      expect(violations).toHaveLength(expected?.violations ?? -1);
      expect(violations.map((violation) => describeViolations([violation]))).toContain(expected?.among);
    }
  });
});
