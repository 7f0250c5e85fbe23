import { describe, expect, it } from 'vitest';
import { ProcessStepsError, readProcessSteps } from '../src/process-steps.js';

/** A diagram with one process holding `body`; `c:` is the Camunda namespace, as some tools write it. */
function diagram(body: string, processAttributes = 'id="permit" isExecutable="true"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:c="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:test">
  <bpmn:process ${processAttributes}>${body}</bpmn:process>
</bpmn:definitions>`;
}

function properties(entries: Record<string, string>): string {
  const list = Object.entries(entries)
    .map(([name, value]) => `<c:property name="${name}" value="${value}" />`)
    .join('');
  return `<bpmn:extensionElements><c:properties>${list}</c:properties></bpmn:extensionElements>`;
}

function userTask(id: string, entries: Record<string, string>, attributes = ''): string {
  return `<bpmn:userTask id="${id}" name="Task ${id}" ${attributes}>${properties(entries)}</bpmn:userTask>`;
}

function errorOf(action: () => unknown): ProcessStepsError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProcessStepsError) return error;
    throw error;
  }
  throw new Error('expected a ProcessStepsError');
}

describe('readProcessSteps', () => {
  it('returns the steps in step order, whatever the document order, with budget, outcomes and candidate groups', () => {
    const xml = diagram(
      userTask(
        'leader-approval',
        { step: '3', budget: '2.5d', outcomes: 'approve, send_back,refuse' },
        'c:candidateGroups="leader:${agencyCode}"',
      ) +
        `<bpmn:startEvent id="received" name="Tiếp nhận">${properties({ step: '1', budget: '0.5d' })}</bpmn:startEvent>` +
        userTask(
          'appraisal',
          { step: '2', budget: '12d', outcomes: 'approve,request_supplement,refuse,transfer' },
          'c:candidateGroups="specialist:${agencyCode}"',
        ) +
        '<bpmn:serviceTask id="compute-appointment" c:type="external" c:topic="compute-appointment" />',
    );

    expect(readProcessSteps(xml)).toEqual([
      {
        activityId: 'received',
        name: 'Tiếp nhận',
        kind: 'startEvent',
        step: 1,
        budget: '0.5d',
        outcomes: [],
        candidateGroups: undefined,
      },
      {
        activityId: 'appraisal',
        name: 'Task appraisal',
        kind: 'userTask',
        step: 2,
        budget: '12d',
        outcomes: ['approve', 'request_supplement', 'refuse', 'transfer'],
        candidateGroups: 'specialist:${agencyCode}',
      },
      {
        activityId: 'leader-approval',
        name: 'Task leader-approval',
        kind: 'userTask',
        step: 3,
        budget: '2.5d',
        outcomes: ['approve', 'send_back', 'refuse'],
        candidateGroups: 'leader:${agencyCode}',
      },
    ]);
  });

  it('reads budgets in hours and a step without outcomes', () => {
    const xml = diagram(userTask('return-result', { step: '1', budget: '4h' }));

    const [step] = readProcessSteps(xml);

    expect(step).toMatchObject({ activityId: 'return-result', budget: '4h', outcomes: [] });
  });

  it('reads the steps inside an embedded sub-process and ignores tasks without step properties', () => {
    const xml = diagram(
      '<bpmn:userTask id="receive-supplement" />' +
        `<bpmn:subProcess id="inner">${userTask('partner-review', { step: '1', budget: '3d' })}</bpmn:subProcess>`,
    );

    expect(readProcessSteps(xml).map((step) => step.activityId)).toEqual(['partner-review']);
  });

  it('falls back to the id for an unnamed step and decodes entity references', () => {
    const xml = diagram(
      `<bpmn:userTask id="check" name="Ki&#7875;m tra &amp; ghi s&#7893;">${properties({ step: '1', budget: '1h' })}</bpmn:userTask>` +
        `<bpmn:userTask id="sign">${properties({ step: '2', budget: '1h' })}</bpmn:userTask>`,
    );

    expect(readProcessSteps(xml).map((step) => step.name)).toEqual(['Kiểm tra & ghi sổ', 'sign']);
  });

  it('reads the process named by its key when the diagram has several', () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
        xmlns:c="http://camunda.org/schema/1.0/bpmn">
      <bpmn:process id="first" isExecutable="true">${userTask('a', { step: '1', budget: '1d' })}</bpmn:process>
      <bpmn:process id="second" isExecutable="true">${userTask('b', { step: '1', budget: '2d' })}</bpmn:process>
    </bpmn:definitions>`;

    expect(readProcessSteps(xml, 'second')).toMatchObject([{ activityId: 'b', budget: '2d' }]);
    expect(errorOf(() => readProcessSteps(xml)).message).toMatch(/2 processes \(2 executable\): name the process key/);
    expect(errorOf(() => readProcessSteps(xml, 'third')).message).toBe('the diagram has no process "third"');
  });

  it('reads the only executable process next to a documentation-only one', () => {
    const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:c="http://camunda.org/schema/1.0/bpmn">
      <process id="notes" isExecutable="false" />
      <process id="run" isExecutable="true">${userTask('a', { step: '1', budget: '1d' }).replaceAll('bpmn:', '')}</process>
    </definitions>`;

    expect(readProcessSteps(xml).map((step) => step.activityId)).toEqual(['a']);
  });

  it('returns no steps for a process without step properties', () => {
    expect(readProcessSteps(diagram('<bpmn:userTask id="a" />'))).toEqual([]);
  });

  it.each([
    ['10x', 'budget "10x" is not a positive number of working days or hours'],
    ['ten days', 'budget "ten days" is not a positive number'],
    ['0d', 'budget "0d" is not a positive number'],
    ['', 'step 1 has no budget'],
  ])('refuses the budget %j, naming the element', (budget, message) => {
    const error = errorOf(() => readProcessSteps(diagram(userTask('appraisal', { step: '1', budget }))));

    expect(error.message).toContain(`element "appraisal": ${message}`);
    expect(error.elementId).toBe('appraisal');
  });

  it('refuses a step without a budget property', () => {
    const error = errorOf(() => readProcessSteps(diagram(userTask('appraisal', { step: '1' }))));

    expect(error.message).toBe('element "appraisal": step 1 has no budget');
  });

  it('refuses an outcome outside TASK_OUTCOMES, and one listed twice', () => {
    const unknown = errorOf(() =>
      readProcessSteps(diagram(userTask('appraisal', { step: '1', budget: '1d', outcomes: 'approve,escalate' }))),
    );
    const twice = errorOf(() =>
      readProcessSteps(diagram(userTask('appraisal', { step: '1', budget: '1d', outcomes: 'approve,approve' }))),
    );

    expect(unknown.message).toMatch(/^element "appraisal": outcome "escalate" is not one of approve, send_back/);
    expect(unknown.elementId).toBe('appraisal');
    expect(twice.message).toBe('element "appraisal": outcome "approve" is listed twice');
  });

  it.each(['0', '1.5', 'first', ''])('refuses the step number %j', (step) => {
    const error = errorOf(() => readProcessSteps(diagram(userTask('appraisal', { step, budget: '1d' }))));

    expect(error.message).toBe(`element "appraisal": step "${step}" is not a whole number ≥ 1`);
  });

  it('refuses two elements with the same step number, naming both', () => {
    const xml = diagram(userTask('appraisal', { step: '2', budget: '1d' }) + userTask('review', { step: '2', budget: '1d' }));

    const error = errorOf(() => readProcessSteps(xml));

    expect(error.message).toBe('element "review": step 2 is also element "appraisal"');
    expect(error.elementId).toBe('review');
  });

  it('refuses a budget or outcomes on an element that is not a step', () => {
    const error = errorOf(() => readProcessSteps(diagram(userTask('appraisal', { budget: '1d' }))));

    expect(error.message).toBe('element "appraisal": property "budget" needs a "step" property');
  });

  it('refuses a property given twice', () => {
    const xml = diagram(
      `<bpmn:userTask id="appraisal">${properties({ step: '1', budget: '1d' }).replace(
        '</c:properties>',
        '<c:property name="budget" value="2d" /></c:properties>',
      )}</bpmn:userTask>`,
    );

    expect(errorOf(() => readProcessSteps(xml)).message).toBe('element "appraisal": property "budget" is given twice');
  });

  it('refuses what is not a BPMN document', () => {
    expect(errorOf(() => readProcessSteps('<bpmn:definitions><oops></bpmn:definitions>')).message).toMatch(
      /^the diagram is not well-formed XML: .*\(line 1\)$/,
    );
    expect(errorOf(() => readProcessSteps('<html xmlns="http://www.w3.org/1999/xhtml" />')).message).toBe(
      'the diagram is not a BPMN 2.0 document',
    );
  });

  it('ignores a property in another namespace that happens to be called step', () => {
    const xml = diagram(
      '<bpmn:userTask id="a"><bpmn:extensionElements><x:properties xmlns:x="urn:other"><x:property name="step" value="1" /></x:properties></bpmn:extensionElements></bpmn:userTask>',
    );

    expect(readProcessSteps(xml)).toEqual([]);
  });
});
