import { describe, expect, it } from 'vitest';
import { completionProblems, EMPTY_COMPLETION, toCompleteTask } from '../src/tasks/completion.js';

const appraisal = {
  taskDefinitionKey: 'appraisal',
  outcomes: ['approve', 'request_supplement', 'refuse', 'transfer'] as const,
};
const partnerReview = { taskDefinitionKey: 'partner-review', outcomes: [] };
const returnResult = { taskDefinitionKey: 'return-result', outcomes: [] };
const mutable = <T extends { outcomes: readonly string[] }>(task: T) =>
  ({ ...task, outcomes: [...task.outcomes] }) as never;

describe('completing a task', () => {
  it('asks for a decision only where the step offers decisions', () => {
    expect(completionProblems(mutable(appraisal), EMPTY_COMPLETION)).toEqual({
      outcome: 'motcua.tasks.complete_dialog.outcome_required',
    });
    expect(completionProblems(mutable(partnerReview), EMPTY_COMPLETION)).toEqual({});
  });

  it('asks for what each decision needs: the items, the reasons, the partner agency', () => {
    const task = mutable(appraisal);
    expect(
      completionProblems(task, { ...EMPTY_COMPLETION, outcome: 'request_supplement', supplementItems: ['  '] }),
    ).toEqual({
      supplementItems: 'motcua.tasks.complete_dialog.supplement_items_required',
    });
    expect(completionProblems(task, { ...EMPTY_COMPLETION, outcome: 'refuse', refusalReason: 'no' })).toEqual({
      refusalReason: 'motcua.tasks.complete_dialog.refusal_reason_required',
    });
    expect(completionProblems(task, { ...EMPTY_COMPLETION, outcome: 'transfer' })).toEqual({
      partnerAgencyCode: 'motcua.tasks.complete_dialog.partner_required',
    });
  });

  it('asks how the result went back and, by post, the tracking reference', () => {
    const task = mutable(returnResult);
    expect(completionProblems(task, EMPTY_COMPLETION)).toEqual({
      returnMethod: 'motcua.tasks.complete_dialog.return_method_required',
    });
    expect(completionProblems(task, { ...EMPTY_COMPLETION, returnMethod: 'post' })).toEqual({
      postalTrackingRef: 'motcua.tasks.complete_dialog.tracking_required',
    });
    expect(completionProblems(task, { ...EMPTY_COMPLETION, returnMethod: 'counter' })).toEqual({});
  });

  it('sends the decision with only its own data, every supplement item trimmed', () => {
    const task = mutable(appraisal);
    const state = {
      ...EMPTY_COMPLETION,
      outcome: 'request_supplement' as const,
      supplementItems: [' Bản vẽ mặt cắt ', '', 'Bản sao sổ đỏ có chứng thực'],
      refusalReason: 'typed before changing the decision',
      partnerAgencyCode: '000.08.17.H41',
      comment: '  Thiếu bản vẽ ',
    };
    expect(toCompleteTask(task, state)).toEqual({
      outcome: 'request_supplement',
      comment: 'Thiếu bản vẽ',
      supplementItems: ['Bản vẽ mặt cắt', 'Bản sao sổ đỏ có chứng thực'],
    });
    expect(toCompleteTask(task, { ...state, outcome: 'transfer', comment: '' })).toEqual({
      outcome: 'transfer',
      partnerAgencyCode: '000.08.17.H41',
    });
  });

  it('returns the result by post with its tracking reference, and never sends a decision the step does not offer', () => {
    const task = mutable(returnResult);
    expect(
      toCompleteTask(task, {
        ...EMPTY_COMPLETION,
        outcome: 'approve',
        returnMethod: 'post',
        postalTrackingRef: ' EB123456789VN ',
      }),
    ).toEqual({ returnMethod: 'post', postalTrackingRef: 'EB123456789VN' });
  });
});
