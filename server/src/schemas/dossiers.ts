import { z } from 'zod';
import {
  DossierCodeSchema,
  DossierHistorySchema as SharedDossierHistorySchema,
  DossierReplaySchema as SharedDossierReplaySchema,
  DossierSchema as SharedDossierSchema,
  QueryDossierSchema as SharedQueryDossierSchema,
} from '@motcua/common';

/**
 * Dossiers as officers see them, the reception and its follow-ups (accept, status override), the list
 * query, and the audit history (shapes from @motcua/common).
 */
export {
  AcceptDossierSchema,
  CreateDossierSchema,
  StatusOverrideSchema,
  type AcceptDossier,
  type CreateDossier,
  type Dossier,
  type DossierHistory,
  type DossierReplay,
  type QueryDossier,
  type StatusOverride,
} from '@motcua/common';

export const DossierSchema = SharedDossierSchema.extend({
  agency: SharedDossierSchema.shape.agency.describe('the receiving agency'),
}).meta({ id: 'Dossier' });

export const QueryDossierSchema = SharedQueryDossierSchema.extend({
  q: SharedQueryDossierSchema.shape.q.describe('part of the code or of the applicant name, or the identity number'),
  timeliness: SharedQueryDossierSchema.shape.timeliness.describe(
    'not_due, nearly_due, overdue, paused (open dossiers), early, on_time, late (finished ones), judged now',
  ),
});

export const DossierListSchema = z.object({
  data: z.array(DossierSchema),
  total: z.number().int(),
});

export const DossierCodeParamsSchema = z.object({ code: DossierCodeSchema });

export const DossierHistorySchema = SharedDossierHistorySchema.extend({
  steps: SharedDossierHistorySchema.shape.steps.describe('what the engine executed, oldest first'),
  events: SharedDossierHistorySchema.shape.events.describe('our append-only dossier log, oldest first'),
});

export const DossierReplaySchema = SharedDossierReplaySchema.extend({
  processDefinitionId: SharedDossierReplaySchema.shape.processDefinitionId.describe(
    'the engine’s process definition the dossier runs on, pinned when its process started',
  ),
  xml: SharedDossierReplaySchema.shape.xml.describe('the BPMN 2.0 XML of exactly that definition version'),
  steps: SharedDossierReplaySchema.shape.steps.describe('the flow nodes the dossier passed, oldest first'),
}).meta({ id: 'DossierReplay' });
