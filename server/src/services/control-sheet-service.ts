import type { ControlSheet, ControlSheetRow, Role, StepResult } from '@motcua/common';
import { ROLES } from '@motcua/common';
import type { LegalClock } from '@motcua/common/calendar';
import type { EngineClient, EngineHistoricTaskInstance } from '@motcua/common/engine';
import type { ReportRepository } from '../repositories/report-repository.js';
import { timeAndDateInWords } from '../forms/index.js';

/**
 * The process control sheet (Mẫu 05 of Circular 01/2018/TT-VPCP; Mẫu 06 of Circular 03/2025/TT-VPCP
 * from 15/09/2025), built from what happened, never typed: the engine's history of user tasks (who
 * held each step, when it began and ended, its due date at the time) and our dossier log (reception,
 * outcomes, pauses, transfers, return).
 *
 * A row is a handover: the first from the one-stop unit (Bộ phận TN&TKQ) to the first step, one per
 * step that ended and passed the dossier on, and a last one when the result was returned to the
 * applicant (or the dossier refused). Each row judges the leg that ended with it, early / on time /
 * late against that leg's planned deadline (docs/legal.md §3: early = before the deadline's calendar
 * day, on time = on it, late = after); a leg without a deadline (waiting on the applicant, the clock
 * paused) is not judged.
 */

/** What the sheet is built from: the dossier as the dossier repository reads it, and its event log. */
export interface ControlSheetDossier {
  code: string;
  receivedAt: Date;
  receivedBy: string;
  dueAt: Date | null;
  status: string;
  refusalReason: string | null;
  processInstanceId: string | null;
  agency: { code: string; name: string };
  pauses: { reason: string; items: unknown; pausedAt: Date; resumedAt: Date | null; note: string | null }[];
  transfers: { toAgency: { code: string; name: string }; sentAt: Date; dueAt: Date; returnedAt: Date | null }[];
  applicantName: string;
}

export interface ControlSheetEvent {
  type: string;
  actor: string;
  activityId: string | null;
  dedupeKey: string | null;
  note: string | null;
  data: unknown;
  occurredAt: Date;
}

/** The one-stop unit, as the form names it. */
export const ONE_STOP_UNIT = 'Bộ phận TN&TKQ';

/** The unit a role stands for inside the handling agency. */
const ROLE_UNITS: Record<Role, string> = {
  receptionist: ONE_STOP_UNIT,
  specialist: 'Bộ phận chuyên môn',
  leader: 'Lãnh đạo',
  auditor: 'Bộ phận kiểm tra',
  admin: 'Quản trị',
};

/**
 * How long the one-stop unit has to hand a dossier to the unit that resolves it: at the latest within
 * one working day of receipt (docs/legal.md §3, "a paper dossier is forwarded within 1 working day";
 * Decree 61/2018/NĐ-CP until 30/06/2025, Decree 118/2025/NĐ-CP from 01/07/2025; article unconfirmed).
 */
export const RECEPTION_HANDOVER_WORKING_DAYS = 1;

/**
 * A leg's result: the legal clock's timeliness of something finished at `endedAt` against `deadline`
 * (by calendar day: early before the deadline's day, on time on it, late after); null without a deadline.
 */
export function judgeLeg(clock: LegalClock, endedAt: Date, deadline: Date | null): StepResult | null {
  if (deadline === null) return null;
  const judged = clock.timeliness({ status: 'returned', dueAt: deadline, finishedAt: endedAt, now: endedAt });
  return judged === 'early' || judged === 'on_time' || judged === 'late' ? judged : null;
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') {
    try {
      return asStrings(JSON.parse(value));
    } catch {
      return [value];
    }
  }
  return [];
}

const RETURN_METHODS: Record<string, string> = {
  counter: 'Trả kết quả trực tiếp tại Bộ phận TN&TKQ',
  post: 'Trả kết quả qua dịch vụ bưu chính',
  online: 'Trả kết quả trực tuyến',
};

interface Leg {
  task: EngineHistoricTaskInstance;
  unit: string;
  /** The task's agency code, from its candidate group. */
  agencyCode: string | null;
}

export function createControlSheetService(deps: {
  engine: EngineClient;
  reports: ReportRepository;
  clock: () => Promise<LegalClock>;
}) {
  const { engine, reports } = deps;

  /** The unit and agency of each task, from the groups it was offered to (`<role>:<agency code>`). */
  async function legsOf(tasks: EngineHistoricTaskInstance[], handlingAgency: string): Promise<Leg[]> {
    const groups = await Promise.all(tasks.map((task) => engine.historicCandidateGroups(task.id)));
    const parsed = groups.map((list) =>
      list
        .map((group) => {
          const separator = group.indexOf(':');
          return { role: group.slice(0, separator), agencyCode: group.slice(separator + 1) };
        })
        .find((group) => isRole(group.role)),
    );
    const partnerNames = await reports.agencyNames(
      parsed.flatMap((group) => (group && group.agencyCode !== handlingAgency ? [group.agencyCode] : [])),
    );
    return tasks.map((task, index) => {
      const group = parsed[index];
      if (!group) return { task, unit: task.name ?? task.taskDefinitionKey, agencyCode: null };
      const unit =
        group.agencyCode === handlingAgency
          ? ROLE_UNITS[group.role as Role]
          : (partnerNames.get(group.agencyCode) ?? group.agencyCode);
      return { task, unit, agencyCode: group.agencyCode };
    });
  }

  /** Ghi chú of the leg that ended with a task: its outcome, pauses, transfers. */
  function notesOf(
    leg: Leg,
    completion: ControlSheetEvent | undefined,
    dossier: ControlSheetDossier,
    partnerNames: Map<string, string>,
  ): string[] {
    const data = asRecord(completion?.data);
    const notes: string[] = [];
    switch (data.outcome) {
      case 'send_back':
        notes.push('Trả lại để xử lý lại');
        break;
      case 'request_supplement': {
        const items = asStrings(data.supplementItems);
        notes.push(`Yêu cầu bổ sung hồ sơ${items.length > 0 ? `: ${items.join('; ')}` : ''}`);
        break;
      }
      case 'transfer': {
        const code = typeof data.partnerAgencyCode === 'string' ? data.partnerAgencyCode : '';
        const transfer = dossier.transfers.find(
          (entry) =>
            entry.toAgency.code === code && entry.sentAt.getTime() >= new Date(leg.task.endTime!).getTime() - 60_000,
        );
        notes.push(
          `Chuyển liên thông đến ${partnerNames.get(code) ?? transfer?.toAgency.name ?? code}` +
            (transfer ? `, hạn xử lý ${timeAndDateInWords(transfer.dueAt)}` : ''),
        );
        break;
      }
      case 'refuse':
        notes.push(
          `Từ chối giải quyết: ${typeof data.refusalReason === 'string' ? data.refusalReason : (dossier.refusalReason ?? '')}`,
        );
        break;
      default:
        break;
    }
    if (typeof data.returnMethod === 'string') {
      const method = RETURN_METHODS[data.returnMethod] ?? data.returnMethod;
      const tracking = typeof data.postalTrackingRef === 'string' ? `, mã bưu gửi ${data.postalTrackingRef}` : '';
      notes.push(`${method}${tracking}`);
    }
    if (completion?.note) notes.push(completion.note);
    return notes;
  }

  return {
    /**
     * The control sheet of a dossier whose process started (null otherwise). `events` is the dossier's
     * log, oldest first.
     */
    async build(
      dossier: ControlSheetDossier,
      events: ControlSheetEvent[],
      handlingAgency: { code: string; name: string },
    ): Promise<ControlSheet | null> {
      if (!dossier.processInstanceId) return null;
      const [history, clock] = await Promise.all([engine.historicTasks(dossier.processInstanceId), deps.clock()]);
      // a task cancelled by the engine (a withdrawal, an interrupting event) handed nothing on
      const tasks = history.filter((task) => task.endTime === null || task.deleteReason === 'completed');
      const legs = await legsOf(tasks, handlingAgency.code);
      const names = await reports.fullNames([
        dossier.receivedBy,
        ...tasks.flatMap((task) => (task.assignee ? [task.assignee] : [])),
      ]);
      const partnerNames = new Map(
        dossier.transfers.map((transfer) => [transfer.toAgency.code, transfer.toAgency.name]),
      );
      const nameOf = (username: string | null) => (username === null ? null : (names.get(username) ?? username));
      const completions = new Map(
        events
          .filter((event) => event.type === 'task_completed' && event.dedupeKey?.endsWith(':complete'))
          .map((event) => [event.dedupeKey!.slice(0, -':complete'.length), event]),
      );
      /** The deadline a leg had: the task's due date at the time, or the transfer's for a partner step. */
      const deadlineOf = (leg: Leg): Date | null => {
        if (leg.task.due) return new Date(leg.task.due);
        if (leg.agencyCode !== null && leg.agencyCode !== handlingAgency.code) {
          const start = new Date(leg.task.startTime).getTime();
          const transfer = [...dossier.transfers].reverse().find((entry) => entry.sentAt.getTime() <= start + 60_000);
          return transfer?.dueAt ?? null;
        }
        return null;
      };

      const rows: ControlSheetRow[] = [];
      const [first] = legs;
      if (first) {
        const handedOverAt = new Date(first.task.startTime);
        const deadline = clock.addWorkingMinutes(
          dossier.receivedAt,
          RECEPTION_HANDOVER_WORKING_DAYS * clock.minutesPerDay,
        );
        rows.push({
          fromUnit: ONE_STOP_UNIT,
          toUnit: first.unit,
          handedOverAt: handedOverAt.toISOString(),
          handedOverBy: nameOf(dossier.receivedBy),
          receivedBy: nameOf(first.task.assignee),
          fromActivityId: null,
          toActivityId: first.task.taskDefinitionKey,
          plannedDueAt: deadline.toISOString(),
          result: judgeLeg(clock, handedOverAt, deadline),
          note: null,
        });
      }
      legs.forEach((leg, index) => {
        if (leg.task.endTime === null) return;
        const next = legs[index + 1];
        const endedAt = new Date(leg.task.endTime);
        const deadline = deadlineOf(leg);
        const notes = notesOf(leg, completions.get(leg.task.id), dossier, partnerNames);
        const base = {
          handedOverAt: endedAt.toISOString(),
          handedOverBy: nameOf(leg.task.assignee),
          fromActivityId: leg.task.taskDefinitionKey,
          plannedDueAt: deadline?.toISOString() ?? null,
          result: judgeLeg(clock, endedAt, deadline),
          fromUnit: leg.unit,
        };
        if (next) {
          rows.push({
            ...base,
            toUnit: next.unit,
            receivedBy: nameOf(next.task.assignee),
            toActivityId: next.task.taskDefinitionKey,
            note: notes.join('. ') || null,
          });
        } else if (dossier.status === 'returned') {
          rows.push({
            ...base,
            toUnit: 'Tổ chức, cá nhân',
            receivedBy: dossier.applicantName,
            toActivityId: null,
            note: notes.join('. ') || null,
          });
        } else if (dossier.status === 'refused') {
          rows.push({
            ...base,
            toUnit: ONE_STOP_UNIT,
            receivedBy: null,
            toActivityId: null,
            note: notes.join('. ') || null,
          });
        }
      });

      // Pauses go to the handover that began them: the last one at or before the pause.
      for (const pause of dossier.pauses) {
        const text =
          `Tạm dừng tính thời gian (${pause.reason === 'fees' ? 'chờ thực hiện nghĩa vụ tài chính' : 'chờ bổ sung hồ sơ'}) ` +
          `từ ${timeAndDateInWords(pause.pausedAt)}` +
          (pause.resumedAt ? ` đến ${timeAndDateInWords(pause.resumedAt)}` : ', chưa tiếp tục');
        const row =
          [...rows]
            .reverse()
            .find((candidate) => Date.parse(candidate.handedOverAt) <= pause.pausedAt.getTime() + 1_000) ?? rows.at(-1);
        if (row) row.note = row.note ? `${row.note}. ${text}` : text;
      }

      return {
        dossierCode: dossier.code,
        resolvingAgencyName: handlingAgency.name,
        coordinatingAgencyNames: [...new Set(dossier.transfers.map((transfer) => transfer.toAgency.name))],
        receivedAt: dossier.receivedAt.toISOString(),
        dueAt: dossier.dueAt?.toISOString() ?? null,
        rows,
      };
    },
  };
}
export type ControlSheetService = ReturnType<typeof createControlSheetService>;
