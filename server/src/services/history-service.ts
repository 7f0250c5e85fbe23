import type { EngineClient } from '@motcua/common/engine';
import type { DossierHistory } from '../schemas/dossiers.js';
import type { DossierRepository, DossierRow } from '../repositories/dossier-repository.js';

/**
 * The replayable history of a dossier: the steps the engine executed (who, when) next to our
 * own append-only event log (what officers and workers did, with their notes). Readable by whoever
 * may read the dossier, a partner agency of a transfer included: the route's guard authorizes the
 * dossier (DossierService.authorize) and hands it over.
 */
export function createHistoryService(deps: { engine: EngineClient; dossiers: DossierRepository }) {
  const { engine, dossiers } = deps;

  return {
    /** The history of a dossier authorized to read. */
    async get(dossier: DossierRow): Promise<DossierHistory> {
      const [activities, events] = await Promise.all([
        dossier.processInstanceId ? engine.historicActivities(dossier.processInstanceId) : [],
        dossiers.events(dossier.id),
      ]);
      return {
        dossierCode: dossier.code,
        steps: activities.map((activity) => ({
          activityId: activity.activityId,
          activityName: activity.activityName,
          activityType: activity.activityType,
          assignee: activity.assignee,
          startedAt: new Date(activity.startTime).toISOString(),
          endedAt: activity.endTime === null ? null : new Date(activity.endTime).toISOString(),
        })),
        events: events.map((event) => ({
          type: event.type,
          actor: event.actor,
          activityId: event.activityId,
          note: event.note,
          data: isRecord(event.data) ? event.data : null,
          occurredAt: event.occurredAt.toISOString(),
        })),
      };
    },
  };
}
export type HistoryService = ReturnType<typeof createHistoryService>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
