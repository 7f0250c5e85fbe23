import { httpErrors } from '@fastify/sensible';
import type { EngineClient } from '@motcua/common/engine';
import type { TokenPayload } from '../schemas/auth.js';
import type { DossierHistory } from '../schemas/dossiers.js';
import type { AgencyRepository } from '../repositories/agency-repository.js';
import type { DossierRepository } from '../repositories/dossier-repository.js';
import { dossierAccessOf } from './dossier-service.js';

/**
 * The replayable history of a dossier: the steps the engine executed (who, when) next to our
 * own append-only event log (what officers and workers did, with their notes). Readable by whoever
 * may read the dossier, a partner agency of a transfer included.
 */
export function createHistoryService(deps: {
  engine: EngineClient;
  agencies: AgencyRepository;
  dossiers: DossierRepository;
}) {
  const { engine, agencies, dossiers } = deps;

  return {
    async get(caller: TokenPayload, code: string): Promise<DossierHistory> {
      const dossier = await dossiers.findByCode(code, await dossierAccessOf(agencies, caller));
      if (!dossier) throw httpErrors.notFound(`dossier ${code} does not exist`);
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
