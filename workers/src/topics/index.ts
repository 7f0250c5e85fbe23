/** Every topic the workers serve: one worker per topic of TOPICS. */
import { computeAppointment } from './compute-appointment.js';
import { recordRefusal } from './record-refusal.js';
import { recordResultReady } from './record-result-ready.js';
import { recordReturned } from './record-returned.js';
import { recordTransferReturned } from './record-transfer-returned.js';
import { remindAppraisalOverdue } from './remind-appraisal-overdue.js';
import { remindStepOverdue } from './remind-step-overdue.js';
import { requestSupplement } from './request-supplement.js';
import { resumeAfterSupplement } from './resume-after-supplement.js';
import { transferToAgency } from './transfer-to-agency.js';
import type { TopicWorker } from './topic-worker.js';

export const TOPIC_WORKERS: readonly TopicWorker[] = [
  computeAppointment,
  remindStepOverdue,
  remindAppraisalOverdue,
  requestSupplement,
  resumeAfterSupplement,
  recordRefusal,
  transferToAgency,
  recordTransferReturned,
  recordResultReady,
  recordReturned,
];

export type { TopicWorker, WorkerDeps } from './topic-worker.js';
