/** Every topic the workers serve: one worker per topic of TOPICS. */
import { computeAppointment } from './compute-appointment.js';
import { recordResultReady } from './record-result-ready.js';
import { recordReturned } from './record-returned.js';
import { remindAppraisalOverdue } from './remind-appraisal-overdue.js';
import type { TopicWorker } from './topic-worker.js';

export const TOPIC_WORKERS: readonly TopicWorker[] = [
  computeAppointment,
  remindAppraisalOverdue,
  recordResultReady,
  recordReturned,
];

export type { TopicWorker, WorkerDeps } from './topic-worker.js';
