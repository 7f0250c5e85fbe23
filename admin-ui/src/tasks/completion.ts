import { USER_TASKS, type CompleteTask, type ResultDelivery, type Task, type TaskOutcome } from '@motcua/common';

/** What the officer entered in the completion dialog. */
export interface CompletionState {
  outcome: TaskOutcome | null;
  comment: string;
  supplementItems: string[];
  refusalReason: string;
  partnerAgencyCode: string;
  returnMethod: ResultDelivery | null;
  postalTrackingRef: string;
}

export const EMPTY_COMPLETION: CompletionState = {
  outcome: null,
  comment: '',
  supplementItems: [''],
  refusalReason: '',
  partnerAgencyCode: '',
  returnMethod: null,
  postalTrackingRef: '',
};

/** Lengths the API asks for (CompleteTaskSchema). */
const MIN_REFUSAL_REASON = 5;
const MIN_TRACKING_REF = 3;

export type CompletionField =
  'outcome' | 'supplementItems' | 'refusalReason' | 'partnerAgencyCode' | 'returnMethod' | 'postalTrackingRef';

/** Whether completing the task hands the result over (and so needs how). */
export function returnsResult(task: Pick<Task, 'taskDefinitionKey'>): boolean {
  return task.taskDefinitionKey === USER_TASKS.returnResult;
}

const filled = (items: readonly string[]) => items.map((item) => item.trim()).filter((item) => item !== '');

/**
 * The fields still wrong, each with the translation key of its message: a decision when the step
 * offers outcomes, and the data the decision needs (every supplement item, the refusal reasons, the
 * partner agency; how the result went back and, by post, the tracking reference).
 */
export function completionProblems(task: Pick<Task, 'taskDefinitionKey' | 'outcomes'>, state: CompletionState) {
  const problems: Partial<Record<CompletionField, string>> = {};
  if (task.outcomes.length > 0 && !state.outcome) problems.outcome = 'motcua.tasks.complete_dialog.outcome_required';
  if (state.outcome === 'request_supplement' && filled(state.supplementItems).length === 0) {
    problems.supplementItems = 'motcua.tasks.complete_dialog.supplement_items_required';
  }
  if (state.outcome === 'refuse' && state.refusalReason.trim().length < MIN_REFUSAL_REASON) {
    problems.refusalReason = 'motcua.tasks.complete_dialog.refusal_reason_required';
  }
  if (state.outcome === 'transfer' && state.partnerAgencyCode === '') {
    problems.partnerAgencyCode = 'motcua.tasks.complete_dialog.partner_required';
  }
  if (returnsResult(task)) {
    if (!state.returnMethod) problems.returnMethod = 'motcua.tasks.complete_dialog.return_method_required';
    if (state.returnMethod === 'post' && state.postalTrackingRef.trim().length < MIN_TRACKING_REF) {
      problems.postalTrackingRef = 'motcua.tasks.complete_dialog.tracking_required';
    }
  }
  return problems;
}

/** The completion the API receives: the decision and only the data it needs. */
export function toCompleteTask(
  task: Pick<Task, 'taskDefinitionKey' | 'outcomes'>,
  state: CompletionState,
): CompleteTask {
  const input: CompleteTask = {};
  const offered = state.outcome && task.outcomes.includes(state.outcome) ? state.outcome : null;
  if (offered) input.outcome = offered;
  const comment = state.comment.trim();
  if (comment) input.comment = comment;
  if (offered === 'request_supplement') input.supplementItems = filled(state.supplementItems);
  if (offered === 'refuse') input.refusalReason = state.refusalReason.trim();
  if (offered === 'transfer') input.partnerAgencyCode = state.partnerAgencyCode;
  if (returnsResult(task) && state.returnMethod) {
    input.returnMethod = state.returnMethod;
    if (state.returnMethod === 'post') input.postalTrackingRef = state.postalTrackingRef.trim();
  }
  return input;
}
