/**
 * The fast path's rows: what the real paths write to our database for one dossier, built as plain
 * rows from the same inputs, with the same domain functions (legal regime, applicant messages, dedupe
 * keys). See bench/README.md for which path each row stands for; the self-check compares them field
 * by field with dossiers received and processed through the API.
 */
import { randomUUID } from 'node:crypto';
import { legalRegimeAt } from '@motcua/common';
import type { Dossier, DossierEvent, Notification, Prisma } from '@motcua/db';
import { addresseeOf, messageText, SYSTEM_ACTOR, type ApplicantMessage } from '@motcua/domain';
import type { BenchApplicant } from './model.js';

/** The rows, typed by the schema (Prisma's generated types); serial ids are the database's. */
export type DossierRow = Dossier;
/** The trail's columns are the database's to set (a trigger chains each row, prisma/src/trail.ts). */
export type EventRow = Omit<DossierEvent, 'id' | 'chainSeq' | 'prevHash' | 'hash'>;
export type NotificationRow = Omit<Notification, 'id'>;

export interface DossierRows {
  dossier: DossierRow;
  events: EventRow[];
  notifications: NotificationRow[];
}

/** What the receptionist entered and what the catalogue says, for one dossier. */
export interface DossierInput {
  id: string;
  code: string;
  agency: { id: string; name: string };
  procedure: { id: string; code: string };
  version: { id: string; name: string; requiredDocuments: readonly { name: string; originals: number; copies: number; mandatory: boolean }[] };
  applicant: BenchApplicant;
  receivedAt: Date;
  receivedBy: string;
}

/** What was handed in at the counter: every mandatory document, as many papers as required. */
export function handedIn(version: DossierInput['version']) {
  return version.requiredDocuments
    .filter((document) => document.mandatory)
    .map((document) => ({ name: document.name, originals: document.originals, copies: document.copies }));
}

/** The dispatcher's provider reference for the seeded messages (the log-file provider makes its own). */
export const SEEDED_PROVIDER_REF = 'bench-seed';
const DISPATCH_DELAY_MS = 5_000;

/** The messages queueToApplicant writes for `message` (one per channel), as sent by the dispatcher. */
function sentMessages(
  input: DossierInput,
  message: ApplicantMessage,
  cause: string,
  at: Date,
  publicBaseUrl: string,
): NotificationRow[] {
  const addressee = addresseeOf(
    {
      id: input.id,
      code: input.code,
      applicantName: input.applicant.fullName,
      applicantPhone: input.applicant.phone,
      applicantEmail: input.applicant.email ?? null,
      requestSummary: input.version.name,
    },
    input.agency.name,
  );
  const { subject, body } = messageText(addressee, message, publicBaseUrl);
  const channels = [
    { channel: 'sms' as const, recipient: input.applicant.phone },
    ...(input.applicant.email ? [{ channel: 'email' as const, recipient: input.applicant.email }] : []),
  ];
  return channels.map(({ channel, recipient }) => ({
    dossierId: input.id,
    kind: message.kind,
    channel,
    recipient,
    subject: channel === 'email' ? subject : null,
    body,
    dedupeKey: `${message.kind}:${cause}:${channel}`,
    status: 'sent',
    attempts: 1,
    nextAttemptAt: at,
    lockedUntil: null,
    lockedBy: null,
    sentAt: new Date(at.getTime() + DISPATCH_DELAY_MS),
    providerRef: SEEDED_PROVIDER_REF,
    lastError: null,
    createdAt: at,
  }));
}

/** The event notification_queued that goes with the messages. */
function queuedEvent(input: DossierInput, kind: string, cause: string, actor: string, at: Date): EventRow {
  return {
    dossierId: input.id,
    type: 'notification_queued',
    actor,
    activityId: null,
    dedupeKey: `notification:${kind}:${cause}`,
    note: null,
    data: { kind, channels: input.applicant.email ? 'sms,email' : 'sms' },
    occurredAt: at,
  };
}

function baseDossier(input: DossierInput): DossierRow {
  return {
    id: input.id,
    code: input.code,
    procedureId: input.procedure.id,
    procedureVersionId: input.version.id,
    processDefinitionId: null,
    legalRegime: legalRegimeAt(input.receivedAt).decree,
    agencyId: input.agency.id,
    applicantName: input.applicant.fullName,
    applicantIdNumber: input.applicant.idNumber,
    applicantPhone: input.applicant.phone,
    applicantAddress: input.applicant.address,
    applicantEmail: input.applicant.email ?? null,
    requestSummary: input.version.name,
    documents: handedIn(input.version),
    setCount: 1,
    channel: 'counter',
    resultDelivery: 'counter',
    deliveryAddress: null,
    status: 'received',
    receivedAt: input.receivedAt,
    dueAt: null,
    originalDueAt: null,
    clockPausedAt: null,
    finishedAt: null,
    returnedVia: null,
    postalTrackingRef: null,
    refusalReason: null,
    backEntry: false,
    backEntryReason: null,
    processInstanceId: null,
    receivedBy: input.receivedBy,
    createdAt: input.receivedAt,
    updatedAt: input.receivedAt,
  };
}

/**
 * A reception that starts nothing (dossier-service receive, outcome incomplete or refused): the
 * dossier, its event and the notice to the applicant, all at the receipt.
 */
export function receptionWithoutProcess(
  input: DossierInput,
  outcome: { kind: 'incomplete'; missingItems: string[] } | { kind: 'refused'; reason: string },
  publicBaseUrl: string,
): DossierRows {
  const at = input.receivedAt;
  const cause = `${input.code}:reception`;
  const refused = outcome.kind === 'refused';
  const dossier: DossierRow = {
    ...baseDossier(input),
    status: outcome.kind,
    refusalReason: refused ? outcome.reason : null,
    finishedAt: refused ? at : null,
  };
  const notice: ApplicantMessage = refused
    ? { kind: 'refusal', reason: outcome.reason, atReception: true }
    : { kind: 'supplement_request', items: outcome.missingItems, pausedAt: null };
  const reception: EventRow = {
    dossierId: input.id,
    type: refused ? 'reception_refused' : 'reception_incomplete',
    actor: input.receivedBy,
    activityId: null,
    dedupeKey: null,
    note: null,
    data: {
      procedureCode: input.procedure.code,
      channel: 'counter',
      ...(refused ? { refusalReason: outcome.reason } : { missingItems: outcome.missingItems }),
    },
    occurredAt: at,
  };
  return {
    dossier,
    events: [reception, queuedEvent(input, notice.kind, cause, input.receivedBy, at)],
    notifications: sentMessages(input, notice, cause, at, publicBaseUrl),
  };
}

/** The engine's process of a dossier, as the reception started it. */
export interface StartedInstance {
  processInstanceId: string;
  processDefinitionId: string;
}

/** What compute-appointment found: the appointment, the number of steps, and when it ran. */
export interface Appointment {
  dueAt: Date;
  steps: number;
  /** When the worker ran: its event, the receipt message and the dossier's update are stamped then. */
  at: Date;
  /** The external task's activity instance, part of the event's dedupe key. */
  activityInstanceId: string;
}

/**
 * A complete dossier up to its first user task: the reception (dossier-service receive, outcome
 * complete: the dossier with its process and the event received) and compute-appointment (the
 * appointment, in_progress, the event appointment_computed and the receipt message).
 */
export function receivedAndPlanned(
  input: DossierInput,
  instance: StartedInstance,
  appointment: Appointment,
  publicBaseUrl: string,
): DossierRows {
  const dossier: DossierRow = {
    ...baseDossier(input),
    processInstanceId: instance.processInstanceId,
    processDefinitionId: instance.processDefinitionId,
    status: 'in_progress',
    dueAt: appointment.dueAt,
    originalDueAt: appointment.dueAt,
    updatedAt: appointment.at,
  };
  const events: EventRow[] = [
    {
      dossierId: input.id,
      type: 'received',
      actor: input.receivedBy,
      activityId: null,
      dedupeKey: null,
      note: null,
      data: { procedureCode: input.procedure.code, channel: 'counter' },
      occurredAt: input.receivedAt,
    },
    {
      dossierId: input.id,
      type: 'appointment_computed',
      actor: SYSTEM_ACTOR,
      activityId: 'compute-appointment',
      dedupeKey: `compute-appointment:${appointment.activityInstanceId}`,
      note: null,
      data: { dueAt: appointment.dueAt.toISOString(), steps: appointment.steps },
      occurredAt: appointment.at,
    },
    queuedEvent(input, 'receipt', input.code, SYSTEM_ACTOR, appointment.at),
  ];
  const receipt: ApplicantMessage = { kind: 'receipt', receivedAt: input.receivedAt, dueAt: appointment.dueAt };
  return { dossier, events, notifications: sentMessages(input, receipt, input.code, appointment.at, publicBaseUrl) };
}

/** One user task as an officer handled it through /api/tasks: claimed, then completed. */
export interface HandledTask {
  taskId: string;
  activityId: string;
  officer: string;
  claimedAt: Date;
  completedAt: Date;
  /** The variables the completion sent (outcome, returnMethod …), as the event's data records them. */
  data: Prisma.JsonObject;
}

/** When the workers recorded the result and the return, and their activity instances. */
export interface Processing {
  tasks: HandledTask[];
  resultReady: { at: Date; activityInstanceId: string };
  returned: { at: Date; activityInstanceId: string };
}

/**
 * A dossier that went the whole way: received, planned, each step claimed and completed by its
 * officer, the result recorded (record-result-ready, with its message) and returned at the counter
 * (record-returned).
 */
export function returnedDossier(
  input: DossierInput,
  instance: StartedInstance,
  appointment: Appointment,
  processing: Processing,
  publicBaseUrl: string,
): DossierRows {
  const planned = receivedAndPlanned(input, instance, appointment, publicBaseUrl);
  const taskEvents = processing.tasks.flatMap((task): EventRow[] => [
    {
      dossierId: input.id,
      type: 'task_claimed',
      actor: task.officer,
      activityId: task.activityId,
      dedupeKey: `${task.taskId}:claim:0`,
      note: null,
      data: null,
      occurredAt: task.claimedAt,
    },
    {
      dossierId: input.id,
      type: 'task_completed',
      actor: task.officer,
      activityId: task.activityId,
      dedupeKey: `${task.taskId}:complete`,
      note: null,
      data: task.data,
      occurredAt: task.completedAt,
    },
  ]);
  const ready = processing.resultReady;
  const returned = processing.returned;
  const events: EventRow[] = [
    ...planned.events,
    ...taskEvents.filter((event) => event.occurredAt <= ready.at),
    {
      dossierId: input.id,
      type: 'result_ready',
      actor: SYSTEM_ACTOR,
      activityId: 'record-result-ready',
      dedupeKey: `record-result-ready:${ready.activityInstanceId}`,
      note: null,
      data: null,
      occurredAt: ready.at,
    },
    queuedEvent(input, 'result_ready', input.code, SYSTEM_ACTOR, ready.at),
    ...taskEvents.filter((event) => event.occurredAt > ready.at),
    {
      dossierId: input.id,
      type: 'returned',
      actor: SYSTEM_ACTOR,
      activityId: 'record-returned',
      dedupeKey: `record-returned:${returned.activityInstanceId}`,
      note: null,
      data: { returnMethod: 'counter', postalTrackingRef: null },
      occurredAt: returned.at,
    },
  ];
  const resultMessage: ApplicantMessage = { kind: 'result_ready', delivery: 'counter' };
  return {
    dossier: {
      ...planned.dossier,
      status: 'returned',
      finishedAt: returned.at,
      returnedVia: 'counter',
      updatedAt: returned.at,
    },
    events,
    notifications: [
      ...planned.notifications,
      ...sentMessages(input, resultMessage, input.code, ready.at, publicBaseUrl),
    ],
  };
}

/** What the at-risk scan found about an open dossier (workers/src/scans/at-risk.ts). */
export interface AtRiskFlag {
  dueAt: Date;
  remainingWorkingMinutes: number;
  /** The open user task and the groups it is offered to (nobody has claimed it). */
  task: { id: string; activityId: string; candidateGroups: string[] };
  at: Date;
}

/** The event at_risk the scan appends, once per dossier and appointment. */
export function atRiskEvent(dossierId: string, flag: AtRiskFlag): EventRow {
  return {
    dossierId,
    type: 'at_risk',
    actor: SYSTEM_ACTOR,
    activityId: flag.task.activityId,
    dedupeKey: `at-risk:${flag.dueAt.toISOString()}`,
    note: null,
    data: {
      dueAt: flag.dueAt.toISOString(),
      remainingWorkingMinutes: flag.remainingWorkingMinutes,
      taskId: flag.task.id,
      assignee: null,
      candidateGroups: flag.task.candidateGroups.join(','),
    },
    occurredAt: flag.at,
  };
}

/** An engine-style id for what the fast path stands in for (activity instances, tasks, finished processes). */
export const engineId = () => randomUUID();
