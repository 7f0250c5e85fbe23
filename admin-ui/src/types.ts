import type { Applicant, DossierChannel, DossierEventType, DossierStatus } from '@motcua/common';

/**
 * The records the UI shows, as the API returns them (see the API contract in docs/). react-admin
 * identifies dossiers and procedures by their public codes, so `id` is the code for those.
 */
export interface DossierRecord {
  id: string;
  code: string;
  status: DossierStatus;
  channel: DossierChannel;
  receivedAt: string;
  dueAt: string | null;
  finishedAt: string | null;
  processInstanceId: string | null;
  applicant: Applicant;
  procedure: { code: string; name: string; processingDays: number };
  agency: { code: string; name: string };
}

export interface TaskRecord {
  id: string;
  name: string | null;
  taskDefinitionKey: string;
  assignee: string | null;
  created: string;
  due: string | null;
  dossierCode: string;
  procedureName: string;
  applicantName: string;
}

export interface ProcedureRecord {
  id: string;
  code: string;
  name: string;
  processingDays: number;
  processKey: string;
  agency?: { code: string; name: string };
}

export interface HistoryStep {
  activityId: string;
  activityName: string | null;
  activityType: string;
  assignee: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface HistoryEvent {
  type: DossierEventType | string;
  actor: string;
  activityId: string | null;
  note: string | null;
  occurredAt: string;
}

export interface DossierHistory {
  dossierCode: string;
  steps: HistoryStep[];
  events: HistoryEvent[];
}

/** What the engine answered to a deployment. */
export interface ProcessDeployment {
  id: string;
  key: string;
  version: number;
}
