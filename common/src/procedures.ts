/**
 * Process keys, external-task topics, user-task ids and process variable names: the contract between
 * the BPMN files in processes/, the workers and the server. A BPMN file's name is its process key.
 */
export const PROCESS_KEYS = {
  houseConstructionPermit: 'house-construction-permit',
  birthRegistration: 'birth-registration',
  householdBusinessRegistration: 'household-business-registration',
} as const;
export type ProcessKey = (typeof PROCESS_KEYS)[keyof typeof PROCESS_KEYS];

/** External-task topics; each has one file in workers/src/topics/<topic>.ts. */
export const TOPICS = {
  /** Plans the appointment and every step's deadline from the step budgets in the diagram. */
  computeAppointment: 'compute-appointment',
  /** A step's deadline passed (non-interrupting timer): tells its handler, writes step_overdue. */
  remindStepOverdue: 'remind-step-overdue',
  /** Kept for process versions deployed before remind-step-overdue existed. */
  remindAppraisalOverdue: 'remind-appraisal-overdue',
  /** Pauses the clock, sets awaiting_supplement, queues the supplement request (Mẫu 02) to the applicant. */
  requestSupplement: 'request-supplement',
  /** The applicant supplemented: resumes the clock with the remaining time and re-plans the deadlines. */
  resumeAfterSupplement: 'resume-after-supplement',
  /** Refusal during processing: status refused, reasons stored, applicant notified. */
  recordRefusal: 'record-refusal',
  /** Inter-agency transfer (liên thông): status at_other_agency, the partner step's own deadline. */
  transferToAgency: 'transfer-to-agency',
  /** The partner agency handed its part back: status in_progress. */
  recordTransferReturned: 'record-transfer-returned',
  recordResultReady: 'record-result-ready',
  /** Result handed over at the counter, sent by post (tracking reference) or online. */
  recordReturned: 'record-returned',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** User-task definition keys (BPMN element ids) that the server and UI treat specially. */
export const USER_TASKS = {
  appraisal: 'appraisal',
  leaderApproval: 'leader-approval',
  returnResult: 'return-result',
  /** At the one-stop unit: the applicant brings the requested items; completing it resumes the clock. */
  receiveSupplement: 'receive-supplement',
  /** At the partner agency during a transfer (candidate group `<role>:${partnerAgencyCode}`). */
  partnerReview: 'partner-review',
} as const;

/**
 * Outcomes an officer may choose when completing a task; the diagram's gateways test `outcome`.
 * Which ones a task offers is listed in its `outcomes` extension property (see STEP_PROPERTIES).
 */
export const TASK_OUTCOMES = ['approve', 'send_back', 'request_supplement', 'refuse', 'transfer'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

/**
 * Extension properties (camunda:properties) on a user task that make it a step of the procedure's ISO
 * internal process: its order, its time budget and the outcomes it offers. The modeler's properties
 * panel edits them, so the process and its budgets live in one file. The reception, done before the
 * process starts, is the start event's step (budget only). `readProcessSteps` reads them.
 *
 * - `step`: the step's position in the internal process (1, 2, …); steps are planned in this order.
 * - `budget`: the step's time budget in working time, `<number>d` (working days) or `<number>h`
 *   (working hours), e.g. `10d`, `0.5d`, `4h`.
 * - `outcomes`: comma-separated TASK_OUTCOMES the officer may choose; none means "complete".
 */
export const STEP_PROPERTIES = { step: 'step', budget: 'budget', outcomes: 'outcomes' } as const;

/** The process variable holding a step's planned deadline: `due_<activity id with - as _>`. */
export function stepDueVariable(activityId: string): string {
  return `due_${activityId.replaceAll('-', '_')}`;
}

/** Process variables set by the server when a dossier is received, and by the workers on the way. */
export const VARIABLES = {
  dossierCode: 'dossierCode',
  procedureCode: 'procedureCode',
  agencyCode: 'agencyCode',
  receivedAt: 'receivedAt',
  processingDays: 'processingDays',
  /** The appointment (current; moved only by pauses and approved apologies). */
  dueAt: 'dueAt',
  appraisalDueAt: 'appraisalDueAt',
  appraisalWorkingDays: 'appraisalWorkingDays',
  outcome: 'outcome',
  comment: 'comment',
  /** request_supplement: JSON array of the missing items, all listed at once (Mẫu 02). */
  supplementItems: 'supplementItems',
  /** refuse: the reasons (Mẫu 03 when at reception, a refusal notice during processing). */
  refusalReason: 'refusalReason',
  /** transfer: the partner agency's code; its tasks go to `<role>:${partnerAgencyCode}`. */
  partnerAgencyCode: 'partnerAgencyCode',
  /** return-result: counter | post | online, and the postal tracking reference when by post. */
  returnMethod: 'returnMethod',
  postalTrackingRef: 'postalTrackingRef',
  /** remind-step-overdue: the activity id of the step whose deadline passed (input parameter of the reminder task). */
  overdueStep: 'overdueStep',
} as const;
