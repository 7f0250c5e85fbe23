/**
 * Process keys, external-task topics, user-task ids and process variable names: the contract between
 * the BPMN files in processes/, the workers and the server. A BPMN file's name is its process key.
 */
export const PROCESS_KEYS = {
  houseConstructionPermit: 'house-construction-permit',
} as const;

/** External-task topics; each has one file in workers/src/topics/<topic>.ts. */
export const TOPICS = {
  computeAppointment: 'compute-appointment',
  remindAppraisalOverdue: 'remind-appraisal-overdue',
  recordResultReady: 'record-result-ready',
  recordReturned: 'record-returned',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** User-task definition keys (BPMN element ids). */
export const USER_TASKS = {
  appraisal: 'appraisal',
  leaderApproval: 'leader-approval',
  returnResult: 'return-result',
} as const;

/** Outcomes an officer may choose when completing a task; the diagram's gateways test `outcome`. */
export const TASK_OUTCOMES = ['approve', 'send_back'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/** Process variables set by the server when a dossier is received, and by the workers on the way. */
export const VARIABLES = {
  dossierCode: 'dossierCode',
  procedureCode: 'procedureCode',
  agencyCode: 'agencyCode',
  receivedAt: 'receivedAt',
  processingDays: 'processingDays',
  dueAt: 'dueAt',
  appraisalDueAt: 'appraisalDueAt',
  appraisalWorkingDays: 'appraisalWorkingDays',
  outcome: 'outcome',
  comment: 'comment',
} as const;
