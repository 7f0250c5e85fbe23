/**
 * @motcua/domain: the dossier rules that the server and the workers both apply, each written once —
 * where a status stands towards the legal clock (./status.ts), the row lock and the event log
 * (./events.ts), what the applicant is told and how it is queued (./notifications.ts, with the dates
 * of ./dates.ts), who may see a dossier, act on it and handle it now (./access.ts), the errors a rule
 * raises (./errors.ts), and the reconciliation of our dossiers with the engine's processes
 * (./reconciliation.ts).
 */
export * from './status.js';
export * from './events.js';
export * from './dates.js';
export * from './notifications.js';
export * from './access.js';
export * from './errors.js';
export * from './reconciliation.js';
export * from './open-tasks.js';
