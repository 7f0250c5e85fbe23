/**
 * The dossier status vocabulary shared by the database, the workers, the API and the UI (issue 3,
 * point 9). Two separate things are tracked:
 *
 * - the lifecycle status, stored on the dossier (`DossierStatus`): where the dossier is;
 * - the timeliness, derived from the legal clock (`Timeliness`): for an open dossier whether it is
 *   not yet due, nearly due or overdue, or paused while the clock stops; for a finished one whether it
 *   finished early, on time or late against the appointment printed on the receipt (Mẫu 01).
 *
 * Labels are the words printed on the citizen page and on the forms; the UI translates keys itself.
 */
export const DOSSIER_STATUSES = [
  /** Found incomplete at reception: a supplement request (Mẫu 02) was issued; the clock has not started. */
  'incomplete',
  'received',
  'in_progress',
  /** Sent back to the applicant for supplement during processing; the clock is paused. */
  'awaiting_supplement',
  /** Waiting for the applicant to pay fees or meet a financial obligation; the clock is paused. */
  'awaiting_fees',
  /** Transferred to another agency for its part (liên thông). */
  'at_other_agency',
  'result_ready',
  'returned',
  'refused',
  'withdrawn',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_STATUS_LABELS: Record<DossierStatus, { vi: string; en: string }> = {
  incomplete: { vi: 'Yêu cầu bổ sung khi tiếp nhận', en: 'Incomplete at reception' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  in_progress: { vi: 'Đang giải quyết', en: 'In progress' },
  awaiting_supplement: { vi: 'Tạm dừng chờ bổ sung hồ sơ', en: 'Paused for supplement' },
  awaiting_fees: { vi: 'Tạm dừng chờ thực hiện nghĩa vụ tài chính', en: 'Waiting on fees' },
  at_other_agency: { vi: 'Đang xử lý tại cơ quan phối hợp', en: 'At another agency' },
  result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Returned to the applicant' },
  refused: { vi: 'Từ chối giải quyết', en: 'Refused' },
  withdrawn: { vi: 'Công dân rút hồ sơ', en: 'Withdrawn by the applicant' },
};

/** Statuses in which the processing clock does not run (the dossier waits on the applicant). */
export const PAUSED_STATUSES = ['awaiting_supplement', 'awaiting_fees'] as const satisfies readonly DossierStatus[];

/** Statuses after which nothing more happens to the dossier (result returned, refused, withdrawn). */
export const FINAL_STATUSES = ['returned', 'refused', 'withdrawn'] as const satisfies readonly DossierStatus[];

/**
 * Timeliness of a dossier. Open: not_due / nearly_due / overdue, or paused. Finished: early / on_time /
 * late, judged on the Vietnamese calendar day of the finish against the day of the appointment
 * (docs/legal.md §3: early = before the appointment day, on time = on it, late = after).
 */
export const TIMELINESS = ['not_due', 'nearly_due', 'overdue', 'paused', 'early', 'on_time', 'late'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

export const TIMELINESS_LABELS: Record<Timeliness, { vi: string; en: string }> = {
  not_due: { vi: 'Trong hạn', en: 'Not yet due' },
  nearly_due: { vi: 'Sắp đến hạn', en: 'Nearly due' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  paused: { vi: 'Tạm dừng tính thời gian', en: 'Clock paused' },
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
};

/** How a dossier reached us (Art. 2.2, 16 of the regulation). */
export const DOSSIER_CHANNELS = ['counter', 'online', 'post'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

/** How the applicant receives the result: at the counter, by post (with a tracking reference), or online. */
export const RESULT_DELIVERIES = ['counter', 'post', 'online'] as const;
export type ResultDelivery = (typeof RESULT_DELIVERIES)[number];

/** Kinds of entries in the append-only dossier event log. */
export const DOSSIER_EVENT_TYPES = [
  'received',
  'reception_incomplete',
  'reception_refused',
  'back_entered',
  'appointment_computed',
  'task_claimed',
  'task_unclaimed',
  'task_completed',
  'step_overdue',
  'appraisal_overdue',
  'supplement_requested',
  'supplement_received',
  'fees_requested',
  'fees_paid',
  'transferred',
  'transfer_returned',
  'refused',
  'at_risk',
  'apology_drafted',
  'apology_approved',
  'apology_rejected',
  'status_overridden',
  'withdrawn',
  'result_ready',
  'returned',
  'notification_queued',
  /** An admin moved the dossier's running process onto a newer version of its diagram. */
  'process_migrated',
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];
