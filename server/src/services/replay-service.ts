import type { DossierReplay, ReplayPause, ReplayStep, ReplayTransfer } from '@motcua/common';
import type { LegalClock } from '@motcua/common/calendar';
import type {
  EngineClient,
  EngineHistoricActivity,
  EngineHistoricTaskInstance,
  EngineUserOperation,
} from '@motcua/common/engine';
import { ConflictError } from '@motcua/domain';
import type { DossierRepository, DossierRow } from '../repositories/dossier-repository.js';
import type { ReportRepository } from '../repositories/report-repository.js';
import { judgeLeg } from './control-sheet-service.js';

/**
 * The replay of a dossier on the diagram of the exact process definition version it runs on: every
 * flow node it passed, in the order the engine ran them, each with who did it, when, the outcome
 * chosen, its deadline at the time and whether it was late, and the clock pauses and inter-agency
 * transfers it belongs to. Nothing is typed in: the steps are the engine's history (activity
 * instances, tasks, the user operation log) read with one call each, next to our dossier log and
 * the dossier's pauses and transfers.
 *
 * Readable by whoever may read the dossier's history: the route's guard authorizes the dossier
 * (DossierService.authorize) and hands it over.
 */

type LoggedEvent = Awaited<ReturnType<DossierRepository['events']>>[number];

/** A deployed definition never changes: its key, version and XML, read once per id. */
interface DefinitionDiagram {
  key: string;
  version: number;
  xml: string;
}

/** Events a worker writes when it stops the clock; their data names the pause's instant. */
const PAUSE_EVENTS = new Set(['supplement_requested', 'fees_requested']);
const TRANSFER_EVENT = 'transferred';

/** Our events carry the worker's own clock; the engine's history its own: a second apart at most. */
const CLOCK_SLACK_MS = 1_000;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The definitions' diagrams, cached by id for the life of the server; a failed read is tried again next time. */
function createDefinitionDiagrams(engine: Pick<EngineClient, 'definition' | 'definitionXml'>) {
  const byId = new Map<string, Promise<DefinitionDiagram>>();
  return function diagramOf(definitionId: string): Promise<DefinitionDiagram> {
    const cached = byId.get(definitionId);
    if (cached) return cached;
    const loading = Promise.all([engine.definition(definitionId), engine.definitionXml(definitionId)]).then(
      ([definition, { bpmn20Xml }]) => ({ key: definition.key, version: definition.version, xml: bpmn20Xml }),
    );
    loading.catch(() => byId.delete(definitionId));
    byId.set(definitionId, loading);
    return loading;
  };
}

/** The claim that gave a task to the officer who ended up holding it: the last claim of the task to them. */
function claimOf(operations: EngineUserOperation[], task: EngineHistoricTaskInstance): EngineUserOperation | undefined {
  return operations
    .filter(
      (entry) =>
        entry.taskId === task.id &&
        entry.operationType === 'Claim' &&
        entry.property === 'assignee' &&
        (task.assignee === null || entry.newValue === task.assignee),
    )
    .at(-1);
}

/**
 * The index of the step an event was written in: the last instance of the event's activity that began
 * before it (a loop passes the same activity more than once).
 */
function stepOfEvent(activities: EngineHistoricActivity[], event: LoggedEvent): number {
  const at = event.occurredAt.getTime() + CLOCK_SLACK_MS;
  return activities.findLastIndex(
    (activity) => activity.activityId === event.activityId && Date.parse(activity.startTime) <= at,
  );
}

/**
 * The steps a window of time marks: the one where it was opened (by the event that recorded it) and
 * those that began while it was open.
 */
function stepsMarkedBy(
  activities: EngineHistoricActivity[],
  opening: LoggedEvent | undefined,
  from: Date,
  until: Date | null,
): Set<number> {
  const marked = new Set<number>();
  if (opening) {
    const index = stepOfEvent(activities, opening);
    if (index >= 0) marked.add(index);
  }
  activities.forEach((activity, index) => {
    const started = Date.parse(activity.startTime);
    if (started >= from.getTime() && (until === null || started <= until.getTime())) marked.add(index);
  });
  return marked;
}

export function createReplayService(deps: {
  engine: EngineClient;
  dossiers: DossierRepository;
  reports: ReportRepository;
  clock: () => Promise<LegalClock>;
  now?: () => Date;
}) {
  const { engine, dossiers, reports } = deps;
  const now = deps.now ?? (() => new Date());
  const diagramOf = createDefinitionDiagrams(engine);

  return {
    /** The replay of a dossier authorized to read; 409 wrong_status for a dossier whose process never started. */
    async get(dossier: DossierRow): Promise<DossierReplay> {
      const { processInstanceId, processDefinitionId } = dossier;
      if (!processInstanceId || !processDefinitionId) {
        throw new ConflictError(`dossier ${dossier.code} has no process to replay (status ${dossier.status})`, {
          path: 'params/code',
          code: 'wrong_status',
          params: { status: dossier.status },
        });
      }
      const [diagram, activities, tasks, operations, events, clock] = await Promise.all([
        diagramOf(processDefinitionId),
        engine.historicActivities(processInstanceId),
        engine.historicTasks(processInstanceId),
        engine.historicUserOperations(processInstanceId),
        dossiers.events(dossier.id),
        deps.clock(),
      ]);
      const at = now();
      const taskById = new Map(tasks.map((task) => [task.id, task]));
      const completions = new Map(
        events
          .filter((event) => event.type === 'task_completed' && event.dedupeKey?.endsWith(':complete'))
          .map((event) => [event.dedupeKey!.slice(0, -':complete'.length), event]),
      );
      const firstStart = activities.findIndex((activity) => activity.activityType === 'startEvent');

      /** Who did a step: the officer holding its task, the receptionist for the reception, a worker's event's actor. */
      const actorOf = (
        activity: EngineHistoricActivity,
        index: number,
        task: EngineHistoricTaskInstance | undefined,
      ) => {
        if (task)
          return task.assignee ?? completions.get(task.id)?.actor ?? claimOf(operations, task)?.newValue ?? null;
        if (index === firstStart) return dossier.receivedBy;
        if (activity.activityType !== 'serviceTask') return null;
        const from = Date.parse(activity.startTime) - CLOCK_SLACK_MS;
        const until = activity.endTime === null ? Infinity : Date.parse(activity.endTime) + CLOCK_SLACK_MS;
        const written = events.find(
          (event) =>
            event.activityId === activity.activityId &&
            event.occurredAt.getTime() >= from &&
            event.occurredAt.getTime() <= until,
        );
        return written?.actor ?? null;
      };

      const pauses = new Map<number, ReplayPause>();
      for (const pause of dossier.pauses) {
        const opening = events.find(
          (event) => PAUSE_EVENTS.has(event.type) && asRecord(event.data).pausedAt === pause.pausedAt.toISOString(),
        );
        const shown: ReplayPause = {
          reason: pause.reason,
          items: asStrings(pause.items),
          pausedAt: pause.pausedAt.toISOString(),
          resumedAt: pause.resumedAt?.toISOString() ?? null,
        };
        for (const index of stepsMarkedBy(activities, opening, pause.pausedAt, pause.resumedAt)) {
          pauses.set(index, shown);
        }
      }
      const transfers = new Map<number, ReplayTransfer>();
      for (const transfer of dossier.transfers) {
        const opening = events.find(
          (event) => event.type === TRANSFER_EVENT && asRecord(event.data).sentAt === transfer.sentAt.toISOString(),
        );
        const shown: ReplayTransfer = {
          agencyCode: transfer.toAgency.code,
          agencyName: transfer.toAgency.name,
          sentAt: transfer.sentAt.toISOString(),
          dueAt: transfer.dueAt.toISOString(),
          returnedAt: transfer.returnedAt?.toISOString() ?? null,
        };
        for (const index of stepsMarkedBy(activities, opening, transfer.sentAt, transfer.returnedAt)) {
          transfers.set(index, shown);
        }
      }

      const drafts = activities.map((activity, index) => {
        const task = activity.taskId ? taskById.get(activity.taskId) : undefined;
        return { activity, task, actor: actorOf(activity, index, task) };
      });
      const names = await reports.fullNames(drafts.flatMap(({ actor }) => (actor ? [actor] : [])));

      const steps = drafts.map(({ activity, task, actor }, index): ReplayStep => {
        const plannedDueAt = task?.due ? new Date(task.due) : null;
        const endedAt = activity.endTime === null ? null : new Date(activity.endTime);
        const late =
          plannedDueAt !== null &&
          (endedAt === null ? at > plannedDueAt : judgeLeg(clock, endedAt, plannedDueAt) === 'late');
        const outcome = task ? asRecord(completions.get(task.id)?.data).outcome : undefined;
        const claim = task ? claimOf(operations, task) : undefined;
        return {
          activityId: activity.activityId,
          name: activity.activityName,
          type: activity.activityType,
          startedAt: new Date(activity.startTime).toISOString(),
          endedAt: endedAt?.toISOString() ?? null,
          canceled: activity.canceled,
          actor,
          actorName: actor ? (names.get(actor) ?? null) : null,
          claimedAt: claim ? new Date(claim.timestamp).toISOString() : null,
          outcome: typeof outcome === 'string' ? outcome : null,
          plannedDueAt: plannedDueAt?.toISOString() ?? null,
          late,
          pause: pauses.get(index) ?? null,
          transfer: transfers.get(index) ?? null,
        };
      });

      return {
        dossierCode: dossier.code,
        processDefinitionId,
        processDefinitionKey: diagram.key,
        version: diagram.version,
        xml: diagram.xml,
        ended: activities.length > 0 && activities.every((activity) => activity.endTime !== null),
        steps,
      };
    },
  };
}
export type ReplayService = ReturnType<typeof createReplayService>;
