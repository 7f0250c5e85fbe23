/** What the reconciler found between the engine's processes and our dossiers: the schemas live in @motcua/common, shared with the admin UI. */
export {
  FindingListSchema,
  FindingQuerySchema,
  FindingSchema,
  ReconciliationRunSchema,
  type FindingDto,
  type FindingQuery,
  type ReconciliationRun,
} from '@motcua/common';
