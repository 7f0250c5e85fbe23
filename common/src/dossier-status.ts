/**
 * The dossier status vocabulary shared by the database, the workers, the API and the UI.
 * Labels are the words printed on the citizen page; the UI translates keys itself.
 */
export const DOSSIER_STATUSES = ['received', 'in_progress', 'result_ready', 'returned', 'refused', 'withdrawn'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_STATUS_LABELS: Record<DossierStatus, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  in_progress: { vi: 'Đang giải quyết', en: 'In progress' },
  result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Returned to the applicant' },
  refused: { vi: 'Từ chối giải quyết', en: 'Refused' },
  withdrawn: { vi: 'Công dân rút hồ sơ', en: 'Withdrawn by the applicant' },
};

/** How a dossier reached us (Art. 2.2, 16 of the regulation). */
export const DOSSIER_CHANNELS = ['counter', 'online', 'post'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

/** Kinds of entries in the append-only dossier event log. */
export const DOSSIER_EVENT_TYPES = [
  'received',
  'appointment_computed',
  'task_claimed',
  'task_unclaimed',
  'task_completed',
  'appraisal_overdue',
  'result_ready',
  'returned',
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];
